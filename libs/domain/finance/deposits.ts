import { DomainError, invalid } from '../shared/domain-error.js';
import { formatYuan, MAX_FEN } from '../shared/quantities.js';
import { MAINTENANCE_FUND_BANK, unitFund } from './accounts.js';
import { movedAmount, pastTime } from './inputs.js';
import { journalEntry, type Line } from './journal.js';
import type { MaintenanceFundCommand, MaintenanceFundState } from './maintenance-fund.types.js';
import type { MaintenanceFundEvent } from './maintenance-fund.events.js';

/** Rule 20: owners' payments into their units' sub-accounts, a batch (a file) at a time, all or none. */
type DepositItem = Extract<MaintenanceFundCommand, { type: 'DepositToFund' }>['data']['deposits'][number];

/**
 * Runs the checks of one deposit of a batch; a refusal names where it is (the file's row for an
 * import, the item otherwise) in its message and its details, so a person finds the line to fix.
 */
function atItem<T>(deposit: DepositItem, index: number, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const place = deposit.row ? `row ${deposit.row}` : `item ${index + 1}`;
    throw new DomainError(error.code, `${place} (unit ${deposit.unitId}): ${error.message}`, error.kind, {
      ...error.details,
      ...(deposit.row ? { row: deposit.row } : { item: index + 1 }),
      unitId: deposit.unitId,
    });
  }
}

export function decideDeposit(
  state: MaintenanceFundState,
  d: Extract<MaintenanceFundCommand, { type: 'DepositToFund' }>['data'],
): MaintenanceFundEvent[] {
  if (d.deposits.length === 0) throw invalid('NO_DEPOSITS', 'the list of deposits is empty');
  const known = new Set(d.roster.map((u) => u.unitId));
  const lines: Line[] = [];
  let total = 0n;
  const seen = new Map<string, number>();
  const deposits = d.deposits.map((deposit, index) =>
    atItem(deposit, index, () => {
      const first = seen.get(deposit.unitId);
      if (first !== undefined) {
        const firstPlace = d.deposits[first].row ? `row ${d.deposits[first].row}` : `item ${first + 1}`;
        throw invalid(
          'DUPLICATE_UNIT',
          `unit ${deposit.unitId} is listed twice (first at ${firstPlace}); one deposit per unit per batch`,
        );
      }
      seen.set(deposit.unitId, index);
      if (!known.has(deposit.unitId)) throw invalid('UNKNOWN_UNIT', `unit ${deposit.unitId} is not on the roster`);
      const fen = movedAmount(deposit.amount);
      total += fen;
      lines.push({ account: unitFund(deposit.unitId), side: 'CREDIT', fen });
      return {
        unitId: deposit.unitId,
        amount: formatYuan(fen),
        depositedAt: pastTime(deposit.depositedAt, 'depositedAt', d.now),
      };
    }),
  );
  if (total >= MAX_FEN) throw invalid('INVALID_AMOUNT', 'the deposits add up to more than the maximum');
  const entry = journalEntry(d.entryId, [{ account: MAINTENANCE_FUND_BANK, side: 'DEBIT', fen: total }, ...lines]);
  return [
    {
      type: 'MaintenanceFundDeposited',
      data: { entryId: d.entryId, deposits, total: formatYuan(total), postings: entry.postings },
    },
  ];
}
