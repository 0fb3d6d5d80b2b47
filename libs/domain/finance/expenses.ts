import { formatYuan } from '../shared/quantities.js';
import { PUBLIC_REVENUE_BANK, publicRevenueCovenantExpense, publicRevenueExpense } from './accounts.js';
import { authorisedBudget, checkBudget, checkPaidAfterClose } from './authorisation.js';
import { beijingYear, checkCaps } from './covenant.js';
import { movedAmount, pastTime, requiredText, sha256Of } from './inputs.js';
import { balanceOf, journalEntry, postEntry } from './journal.js';
import type { PublicRevenueCommand, PublicRevenueState } from './public-revenue.types.js';
import type { PublicRevenueEvent } from './public-revenue.events.js';
import { overLimit } from './refusals.js';

/**
 * Rule 19: spending public revenue under a PASSED resolution's budget, or within the caps the
 * management covenant delegates to the committee; rule 18: never beyond the balance.
 */
type PayExpenseData = Extract<PublicRevenueCommand, { type: 'PayExpense' }>['data'];

export function checkBalance(state: PublicRevenueState, fen: bigint): void {
  const balance = balanceOf(state.balances, PUBLIC_REVENUE_BANK);
  if (fen > balance) {
    throw overLimit(
      'INSUFFICIENT_FUNDS',
      `${formatYuan(fen)} yuan exceeds the public-revenue balance of ${formatYuan(balance)} yuan`,
      balance,
      fen - balance,
      {
        balance: formatYuan(balance),
        shortfall: formatYuan(fen - balance),
      },
    );
  }
}

function decideCovenantExpense(state: PublicRevenueState, d: PayExpenseData): PublicRevenueEvent[] {
  const fen = movedAmount(d.amount);
  const paidAt = pastTime(d.paidAt, 'paidAt', d.now);
  const year = beijingYear(paidAt);
  const account = publicRevenueCovenantExpense(year);
  const spent = balanceOf(state.balances, account);
  checkCaps(state.delegation, fen, spent, year);
  const delegation = state.delegation!;
  checkPaidAfterClose(delegation, paidAt);
  checkBalance(state, fen);
  const entry = journalEntry(d.entryId, [
    { account, side: 'DEBIT', fen },
    { account: PUBLIC_REVENUE_BANK, side: 'CREDIT', fen },
  ]);
  postEntry(state.balances, entry);
  return [
    {
      type: 'PublicRevenueSpentUnderCovenant',
      data: {
        entryId: d.entryId,
        amount: formatYuan(fen),
        payee: requiredText(d.payee, 'payee', 200),
        purpose: requiredText(d.purpose, 'purpose', 1000),
        covenantResolutionId: delegation.resolutionId,
        perItemCap: formatYuan(delegation.perItemCap),
        yearlyCap: formatYuan(delegation.yearlyCap),
        year,
        spentThisYear: formatYuan(spent + fen),
        paidAt,
        invoiceSha256: sha256Of(d.invoiceSha256, 'invoiceSha256'),
        postings: entry.postings,
      },
    },
  ];
}

export function decideExpense(state: PublicRevenueState, d: PayExpenseData): PublicRevenueEvent[] {
  if (!d.resolution) return decideCovenantExpense(state, d);
  const fen = movedAmount(d.amount);
  const paidAt = pastTime(d.paidAt, 'paidAt', d.now);
  const budget = authorisedBudget(d.resolution, 'PUBLIC_REVENUE');
  checkPaidAfterClose(d.resolution, paidAt);
  const rid = d.resolution.resolutionId;
  checkBudget(rid, budget.fen, balanceOf(state.balances, publicRevenueExpense(rid)), fen);
  const spent = balanceOf(state.balances, publicRevenueExpense(rid)) + fen;
  checkBalance(state, fen);
  const entry = journalEntry(d.entryId, [
    { account: publicRevenueExpense(rid), side: 'DEBIT', fen },
    { account: PUBLIC_REVENUE_BANK, side: 'CREDIT', fen },
  ]);
  postEntry(state.balances, entry);
  return [
    {
      type: 'PublicRevenueSpent',
      data: {
        entryId: d.entryId,
        amount: formatYuan(fen),
        payee: requiredText(d.payee, 'payee', 200),
        purpose: requiredText(d.purpose, 'purpose', 1000),
        resolutionId: rid,
        resolutionOutcome: d.resolution.outcome!,
        budget: formatYuan(budget.fen),
        spentUnderResolution: formatYuan(spent),
        paidAt,
        invoiceSha256: sha256Of(d.invoiceSha256, 'invoiceSha256'),
        postings: entry.postings,
      },
    },
  ];
}
