import type { Fund } from './authorisation.js';

/**
 * Rule 23's cadence: the committee publishes the public-revenue accounts at least quarterly and the
 * fund at least yearly. Periods are calendar quarters and years in Beijing time; the statement of a
 * period falls due when the period after it ends, so one statement a quarter (a year) keeps up.
 */
export const CADENCE: Record<Fund, { name: 'QUARTERLY' | 'YEARLY'; months: number }> = {
  PUBLIC_REVENUE: { name: 'QUARTERLY', months: 3 },
  MAINTENANCE_FUND: { name: 'YEARLY', months: 12 },
};

export interface StatementDuty {
  fund: Fund;
  cadence: 'QUARTERLY' | 'YEARLY';
  /** Published statements cover the ledger without a gap up to here (null: the ledger is empty). */
  coveredUntil: string | null;
  /** The first calendar period not yet fully covered, and when its statement is due. */
  period: { start: string; end: string } | null;
  dueBy: string | null;
  overdue: boolean;
}

// China keeps one offset all year round: periods start at 00:00 +08:00.
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** The start of the calendar period (of `months` months) containing `at`, and the starts of the next `count` periods. */
function periodStarts(at: number, months: number, count: number): number[] {
  const local = new Date(at + BEIJING_OFFSET_MS);
  const first = Math.floor(local.getUTCMonth() / months) * months;
  return Array.from(
    { length: count + 1 },
    (_, i) => Date.UTC(local.getUTCFullYear(), first + i * months, 1) - BEIJING_OFFSET_MS,
  );
}

/**
 * What the fund's statements owe at `now`. A fund owes statements from its first entry (rule 28):
 * coverage starts at the first entry, or at an earlier published period, and runs on through published
 * periods that touch or overlap it, so months before the first statement are owed like any other. A
 * late entry never reopens a published period.
 */
export function statementDuty(
  fund: Fund,
  now: Date,
  firstEntryAt: string | null,
  published: readonly { periodStart: string; periodEnd: string }[],
): StatementDuty {
  const cadence = CADENCE[fund];
  const periods = published.map((p) => ({ start: Date.parse(p.periodStart), end: Date.parse(p.periodEnd) }));
  const starts = [...periods.map((p) => p.start), ...(firstEntryAt ? [Date.parse(firstEntryAt)] : [])];
  if (starts.length === 0)
    return { fund, cadence: cadence.name, coveredUntil: null, period: null, dueBy: null, overdue: false };
  let covered = Math.min(...starts);
  for (let advanced = true; advanced;) {
    advanced = false;
    for (const p of periods) {
      if (p.start <= covered && covered < p.end) {
        covered = p.end;
        advanced = true;
      }
    }
  }
  const [start, end, due] = periodStarts(covered, cadence.months, 2);
  return {
    fund,
    cadence: cadence.name,
    coveredUntil: new Date(covered).toISOString(),
    period: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
    dueBy: new Date(due).toISOString(),
    overdue: now.getTime() >= due,
  };
}
