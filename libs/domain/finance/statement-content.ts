import { invalid } from '../shared/domain-error.js';
import { formatYuan } from '../shared/quantities.js';
import type { Fund } from './authorisation.js';
import type { LedgerLine } from './ledger-lines.js';

/**
 * A statement of a fund for a period (DOMAIN.md rule 23), computed from its ledger lines alone, so
 * that anyone holding the export recomputes the same figures. Lines count by when the money moved:
 * before the period they make the opening balance, within it the income and expenses.
 * The figures satisfy opening + income − expenses = closing, to the fen.
 */
export interface StatementContent {
  fund: Fund;
  periodStart: string;
  periodEnd: string;
  openingBalance: string;
  income: { total: string; bySource: Record<string, string> };
  expenses: {
    total: string;
    items: { entryId: string; date: string; amount: string; payee: string | null; purpose: string | null; resolutionId: string | null; emergency: boolean; reverses: string | null }[];
  };
  closingBalance: string;
  /** Maintenance fund only (rule 23: per-unit balances at least yearly). */
  unitBalances: { unitId: string; balance: string }[] | null;
}

export function statementOf(fund: Fund, lines: readonly LedgerLine[], periodStart: Date, periodEnd: Date): StatementContent {
  const start = periodStart.getTime();
  const end = periodEnd.getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) throw invalid('INVALID_TIME', 'periodStart and periodEnd must be valid times');
  if (end <= start) throw invalid('INVALID_PERIOD', 'periodEnd must be after periodStart');
  let opening = 0n;
  let income = 0n;
  let expenses = 0n;
  const bySource = new Map<string, bigint>();
  const items: StatementContent['expenses']['items'] = [];
  const units = new Map<string, bigint>();
  for (const line of lines) {
    const at = Date.parse(line.date);
    // The period is [periodStart, periodEnd): consecutive statements neither miss nor double a line.
    if (at >= end) continue;
    for (const u of line.units) units.set(u.unitId, (units.get(u.unitId) ?? 0n) + u.fen);
    if (at < start) {
      opening += line.effect;
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
    openingBalance: formatYuan(opening),
    income: { total: formatYuan(income), bySource: Object.fromEntries(sources.map((s) => [s, formatYuan(bySource.get(s)!)])) },
    expenses: { total: formatYuan(expenses), items },
    closingBalance: formatYuan(opening + income - expenses),
    unitBalances:
      fund === 'MAINTENANCE_FUND'
        ? [...units.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((unitId) => ({ unitId, balance: formatYuan(units.get(unitId)!) }))
        : null,
  };
}
