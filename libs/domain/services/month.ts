/** A calendar month as China's offices count it (UTC+8): "2026-11" → its start and end instants. */
export function monthRange(month: string): { startsAt: string; endsAt: string } {
  const [y, m] = month.split('-').map(Number);
  const start = Date.UTC(y, m - 1, 1) - 8 * 3_600_000;
  const end = Date.UTC(y, m, 1) - 8 * 3_600_000;
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString() };
}

/** The month, in China's time, that an instant falls in: "2026-11". */
export function monthOf(when: Date): string {
  return new Date(when.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}
