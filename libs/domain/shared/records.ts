/**
 * The entry a record holds under a key the caller chose (a path's id, a body's id), and only its own:
 * `__proto__` or `constructor` would otherwise find Object.prototype's members.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
