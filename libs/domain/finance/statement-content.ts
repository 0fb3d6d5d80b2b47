import { conflict, invalid } from '../shared/domain-error.js';
import { formatYuan } from '../shared/quantities.js';
import type { Fund } from './authorisation.js';
import type { LedgerLine } from './ledger-lines.js';

/**
 * A statement of a fund for a period (DOMAIN.md rule 23), computed from its ledger lines alone, so
 * that anyone holding the export recomputes the same figures. Lines count by when the money moved:
 * before the period they make the opening balance, within it the income and expenses.
 *
 * A published statement is never changed, so a line booked after one was drafted but dated within
 * what it covers (a late entry) is shown by the next statement as a correction to prior periods:
 * the opening balance stays the closing balance that was published, and
 * opening + corrections + income − expenses = closing, to the fen.
 */
export interface StatementContent {
  fund: Fund;
  periodStart: string;
  periodEnd: string;
  /** How far the ledger had been booked (its lines' seq) when this was drafted. */
  bookedThrough: number;
  openingBalance: string;
  corrections: { total: string; items: CorrectionItem[] };
  income: { total: string; bySource: Record<string, string> };
  expenses: {
    total: string;
    items: {
      entryId: string;
      date: string;
      amount: string;
      payee: string | null;
      purpose: string | null;
      resolutionId: string | null;
      emergency: boolean;
      reverses: string | null;
    }[];
  };
  closingBalance: string;
  /** Maintenance fund only (rule 23: per-unit balances at least yearly). */
  unitBalances: { unitId: string; balance: string }[] | null;
}

export interface CorrectionItem {
  entryId: string;
  kind: LedgerLine['kind'];
  date: string;
  /** Signed: what the late entry adds to (or, negative, takes from) the balance. */
  amount: string;
  source: string | null;
  payee: string | null;
  purpose: string | null;
  resolutionId: string | null;
  emergency: boolean;
  reverses: string | null;
  /** The first published statement whose figures this entry would have changed. */
  correctsStatementId: string;
}

/**
 * Rules 24, 32: the statement as anyone may read it — every figure, and no unit's balance (those are for
 * the unit's owners, the committee, the regulator and its auditor). Its SHA-256 is the second seal, so a
 * resident checks exactly what the public page shows.
 */
export function publicCopy(content: StatementContent): StatementContent {
  return { ...content, unitBalances: content.unitBalances === null ? null : [] };
}

/** A published statement of the same fund, as the next one needs it. */
export interface PublishedPeriod {
  statementId: string;
  periodStart: string;
  periodEnd: string;
  bookedThrough: number;
}

const overlaps = (p: PublishedPeriod, start: number, end: number) =>
  Date.parse(p.periodStart) < end && start < Date.parse(p.periodEnd);

/** Rule 23: what was published stays as it was; a period is published once. */
export function refuseRepublishing(published: readonly PublishedPeriod[], periodStart: Date, periodEnd: Date): void {
  const sealed = published.find((p) => overlaps(p, periodStart.getTime(), periodEnd.getTime()));
  if (sealed) {
    throw conflict(
      'PERIOD_ALREADY_PUBLISHED',
      `statement ${sealed.statementId} for ${sealed.periodStart} to ${sealed.periodEnd} is published and sealed; a late entry in it shows as a correction in the next statement`,
      { statementId: sealed.statementId },
    );
  }
}

export function statementOf(
  fund: Fund,
  lines: readonly LedgerLine[],
  periodStart: Date,
  periodEnd: Date,
  published: readonly PublishedPeriod[] = [],
): StatementContent {
  const start = periodStart.getTime();
  const end = periodEnd.getTime();
  if (Number.isNaN(start) || Number.isNaN(end))
    throw invalid('INVALID_TIME', 'periodStart and periodEnd must be valid times');
  if (end <= start) throw invalid('INVALID_PERIOD', 'periodEnd must be after periodStart');
  refuseRepublishing(published, periodStart, periodEnd);
  // Earliest end first, so a correction names the first sealed statement it would have changed.
  const sealed = [...published].sort((a, b) => Date.parse(a.periodEnd) - Date.parse(b.periodEnd));
  let opening = 0n;
  let corrected = 0n;
  let income = 0n;
  let expenses = 0n;
  const bySource = new Map<string, bigint>();
  const items: StatementContent['expenses']['items'] = [];
  const corrections: CorrectionItem[] = [];
  const units = new Map<string, bigint>();
  for (const line of lines) {
    const at = Date.parse(line.date);
    // The period is [periodStart, periodEnd): consecutive statements neither miss nor double a line.
    if (at >= end) continue;
    for (const u of line.units) units.set(u.unitId, (units.get(u.unitId) ?? 0n) + u.fen);
    if (at < start) {
      const changes = sealed.filter((p) => at < Date.parse(p.periodEnd));
      // Late: it falls within what a published statement covers, and no published statement included it.
      if (changes.length && changes.every((p) => line.seq > p.bookedThrough)) {
        corrected += line.effect;
        corrections.push({
          entryId: line.entryId,
          kind: line.kind,
          date: line.date,
          amount: formatYuan(line.effect),
          source: line.source,
          payee: line.payee,
          purpose: line.purpose,
          resolutionId: line.resolutionId,
          emergency: line.emergency,
          reverses: line.reverses,
          correctsStatementId: changes[0].statementId,
        });
      } else opening += line.effect;
    } else if (line.kind === 'INCOME') {
      income += line.effect;
      const source = line.source ?? 'DEPOSITS';
      bySource.set(source, (bySource.get(source) ?? 0n) + line.effect);
    } else {
      expenses -= line.effect;
      items.push({
        entryId: line.entryId,
        date: line.date,
        amount: formatYuan(-line.effect),
        payee: line.payee,
        purpose: line.purpose,
        resolutionId: line.resolutionId,
        emergency: line.emergency,
        reverses: line.reverses,
      });
    }
  }
  const sources = [...bySource.keys()].sort();
  return {
    fund,
    periodStart: periodStart.toISOString(),
    periodEnd: periodEnd.toISOString(),
    bookedThrough: lines.reduce((max, l) => (l.seq > max ? l.seq : max), 0),
    openingBalance: formatYuan(opening),
    corrections: { total: formatYuan(corrected), items: corrections },
    income: {
      total: formatYuan(income),
      bySource: Object.fromEntries(sources.map((s) => [s, formatYuan(bySource.get(s)!)])),
    },
    expenses: { total: formatYuan(expenses), items },
    closingBalance: formatYuan(opening + corrected + income - expenses),
    unitBalances:
      fund === 'MAINTENANCE_FUND'
        ? [...units.keys()]
            .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
            .map((unitId) => ({ unitId, balance: formatYuan(units.get(unitId)!) }))
        : null,
  };
}
