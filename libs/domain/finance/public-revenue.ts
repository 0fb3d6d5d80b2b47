import type { Decider } from '../shared/decider.js';
import { conflict, invalid } from '../shared/domain-error.js';
import { formatYuan, MAX_FEN, parseYuan } from '../shared/quantities.js';
import { INCOME_SOURCES, PUBLIC_REVENUE_BANK, publicRevenueCovenantExpense, publicRevenueExpense, publicRevenueIncome, type IncomeSource } from './accounts.js';
import { authorisedBudget, checkBudget, type ResolutionFacts } from './authorisation.js';
import { beijingYear, checkCaps, checkDelegation, type CovenantDelegation } from './covenant.js';
import { pastTime, requiredText, sha256Of } from './inputs.js';
import { balanceOf, journalEntry, postEntry, type Balances } from './journal.js';
import { decideReversal, noLine, recordEntry, recordReversal, type LedgerLine, type RecordedEntry } from './ledger-lines.js';
import { overLimit } from './refusals.js';
import type { PublicRevenueEvent } from './public-revenue.events.js';

export type PublicRevenueCommand =
  | {
      type: 'RecordIncome';
      data: { entryId: string; amount: bigint; source: string; description: string; receivedAt: Date; evidenceSha256?: string; now: Date };
    }
  | {
      type: 'PayExpense';
      data: {
        entryId: string;
        amount: bigint;
        payee: string;
        purpose: string;
        /** null: under the management covenant's delegation, within its caps. */
        resolution: ResolutionFacts | null;
        paidAt: Date;
        invoiceSha256?: string;
        now: Date;
      };
    }
  | { type: 'ReverseEntry'; data: { entryId: string; reverses: string; reason: string; now: Date } }
  | { type: 'SetCovenantDelegation'; data: { resolution: ResolutionFacts; perItemCap: bigint; yearlyCap: bigint; now: Date } };

export interface PublicRevenueState {
  balances: Balances;
  delegation: CovenantDelegation | null;
  entries: ReadonlyMap<string, RecordedEntry>;
  lines: readonly LedgerLine[];
}

export const publicRevenueBalance = (state: PublicRevenueState) => balanceOf(state.balances, PUBLIC_REVENUE_BANK);
export const spentUnder = (state: PublicRevenueState, resolutionId: string) => balanceOf(state.balances, publicRevenueExpense(resolutionId));

function amountOf(fen: bigint): bigint {
  if (typeof fen !== 'bigint' || fen <= 0n || fen >= MAX_FEN) throw invalid('INVALID_AMOUNT', 'the amount must be more than 0 and below the maximum');
  return fen;
}

type PayExpenseData = Extract<PublicRevenueCommand, { type: 'PayExpense' }>['data'];

function checkBalance(state: PublicRevenueState, fen: bigint): void {
  const balance = publicRevenueBalance(state);
  if (fen > balance) {
    throw overLimit('INSUFFICIENT_FUNDS', `${formatYuan(fen)} yuan exceeds the public-revenue balance of ${formatYuan(balance)} yuan`, balance, fen - balance, {
      balance: formatYuan(balance),
      shortfall: formatYuan(fen - balance),
    });
  }
}

function decideCovenantExpense(state: PublicRevenueState, d: PayExpenseData): PublicRevenueEvent[] {
  const fen = amountOf(d.amount);
  const paidAt = pastTime(d.paidAt, 'paidAt', d.now);
  const year = beijingYear(paidAt);
  const account = publicRevenueCovenantExpense(year);
  const spent = balanceOf(state.balances, account);
  checkCaps(state.delegation, fen, spent, year);
  checkBalance(state, fen);
  const delegation = state.delegation!;
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

function decideExpense(state: PublicRevenueState, d: PayExpenseData): PublicRevenueEvent[] {
  if (!d.resolution) return decideCovenantExpense(state, d);
  const fen = amountOf(d.amount);
  const paidAt = pastTime(d.paidAt, 'paidAt', d.now);
  const budget = authorisedBudget(d.resolution, 'PUBLIC_REVENUE');
  const rid = d.resolution.resolutionId;
  checkBudget(rid, budget.fen, spentUnder(state, rid), fen);
  const spent = spentUnder(state, rid) + fen;
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

function unusedEntryId(state: PublicRevenueState, entryId: string): void {
  if (state.entries.has(entryId)) throw conflict('ENTRY_EXISTS', `entry ${entryId} is already in the ledger`);
}

export const publicRevenueDecider: Decider<PublicRevenueCommand, PublicRevenueEvent, PublicRevenueState> = {
  initialState: () => ({ balances: new Map(), delegation: null, entries: new Map(), lines: [] }),

  decide(command, state) {
    switch (command.type) {
      case 'SetCovenantDelegation': {
        const d = command.data;
        checkDelegation(d.resolution, d.perItemCap, d.yearlyCap);
        return [
          {
            type: 'CovenantDelegationSet',
            data: { resolutionId: d.resolution.resolutionId, perItemCap: formatYuan(d.perItemCap), yearlyCap: formatYuan(d.yearlyCap), setAt: d.now.toISOString() },
          },
        ];
      }
      case 'RecordIncome': {
        const d = command.data;
        unusedEntryId(state, d.entryId);
        if (!(INCOME_SOURCES as readonly string[]).includes(d.source)) {
          throw invalid('INVALID_SOURCE', `source must be one of ${INCOME_SOURCES.join(', ')}, not "${d.source}"`);
        }
        const fen = amountOf(d.amount);
        const source = d.source as IncomeSource;
        const entry = journalEntry(d.entryId, [
          { account: PUBLIC_REVENUE_BANK, side: 'DEBIT', fen },
          { account: publicRevenueIncome(source), side: 'CREDIT', fen },
        ]);
        return [
          {
            type: 'PublicRevenueReceived',
            data: {
              entryId: d.entryId,
              amount: formatYuan(fen),
              source,
              description: requiredText(d.description, 'description', 1000),
              receivedAt: pastTime(d.receivedAt, 'receivedAt', d.now),
              evidenceSha256: sha256Of(d.evidenceSha256, 'evidenceSha256'),
              postings: entry.postings,
            },
          },
        ];
      }
      case 'PayExpense':
        unusedEntryId(state, command.data.entryId);
        return decideExpense(state, command.data);
      case 'ReverseEntry':
        unusedEntryId(state, command.data.entryId);
        // Reversing income already spent would overdraw the account: refused like any spend (rule 18).
        return [{ type: 'PublicRevenueEntryReversed', data: decideReversal(state, 'public-revenue', command.data) }];
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PublicRevenueReceived': {
        const d = event.data;
        return recordEntry(state, {
          entry: { entryId: d.entryId, postings: d.postings },
          lines: [{ ...noLine, entryId: d.entryId, kind: 'INCOME', date: d.receivedAt, effect: parseYuan(d.amount), source: d.source, purpose: d.description }],
        });
      }
      case 'PublicRevenueSpent': {
        const d = event.data;
        return recordEntry(state, {
          entry: { entryId: d.entryId, postings: d.postings },
          lines: [{ ...noLine, entryId: d.entryId, kind: 'EXPENSE', date: d.paidAt, effect: -parseYuan(d.amount), resolutionId: d.resolutionId, payee: d.payee, purpose: d.purpose }],
        });
      }
      case 'CovenantDelegationSet': {
        const d = event.data;
        return { ...state, delegation: { resolutionId: d.resolutionId, perItemCap: parseYuan(d.perItemCap), yearlyCap: parseYuan(d.yearlyCap) } };
      }
      case 'PublicRevenueSpentUnderCovenant': {
        const d = event.data;
        return recordEntry(state, {
          entry: { entryId: d.entryId, postings: d.postings },
          lines: [{ ...noLine, entryId: d.entryId, kind: 'EXPENSE', date: d.paidAt, effect: -parseYuan(d.amount), resolutionId: d.covenantResolutionId, payee: d.payee, purpose: d.purpose }],
        });
      }
      case 'PublicRevenueEntryReversed':
        return recordReversal(state, event.data).ledger;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
