import { MAINTENANCE_FUND_BANK, unitFund } from './accounts.js';
import { balanceOf, type Balances } from './journal.js';

/** The maintenance fund's balances and rule 22's 30% line, over any state that holds the fund's balances. */
export const fundBalance = (state: { balances: Balances }) => balanceOf(state.balances, MAINTENANCE_FUND_BANK);
export const unitBalance = (state: { balances: Balances }, unitId: string) =>
  balanceOf(state.balances, unitFund(unitId));

/** Rule 22: below 30% of the initial total (strictly below: at exactly 30% nothing is yet due). */
export function belowThreshold(balance: bigint, deposited: bigint): boolean {
  return deposited > 0n && balance * 10n < deposited * 3n;
}

/** Rule 22: what brings the fund back to 30% of its initial total; zero when it is not below. */
export function topUpDue(balance: bigint, initialTotal: bigint): bigint {
  if (!belowThreshold(balance, initialTotal)) return 0n;
  // 30% rounded up to the fen: topped up by this much, the fund is no longer below.
  return (initialTotal * 3n + 9n) / 10n - balance;
}
