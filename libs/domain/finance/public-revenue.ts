import type { Decider } from '../shared/decider.js';
import { conflict, invalid } from '../shared/domain-error.js';
import { formatYuan, parseYuan } from '../shared/quantities.js';
import {
  INCOME_SOURCES,
  PUBLIC_REVENUE_BANK,
  PUBLIC_REVENUE_TO_FUND,
  publicRevenueExpense,
  publicRevenueIncome,
  type IncomeSource,
} from './accounts.js';
import { delegationFrom } from './covenant.js';
import { checkBalance, decideExpense } from './expenses.js';
import { topUpDue } from './fund-balances.js';
import { movedAmount, pastTime, requiredText, sha256Of } from './inputs.js';
import { balanceOf, journalEntry } from './journal.js';
import { decideReversal, emptyLedger, noLine, recordEntry, recordReversal } from './ledger-lines.js';
import type { PublicRevenueEvent } from './public-revenue.events.js';
import { overLimit } from './refusals.js';

import type { FundStanding, PublicRevenueCommand, PublicRevenueState } from './public-revenue.types.js';

export type { FundStanding, PublicRevenueCommand, PublicRevenueState } from './public-revenue.types.js';

/** Sent to the fund but not yet booked there: counted as the fund's, so a top-up is never due twice. */
export const inTransit = (state: PublicRevenueState, fund: FundStanding) =>
  state.topUps.filter((t) => !fund.received.has(t.entryId)).reduce((sum, t) => sum + t.amount, 0n);

/** How a transfer to the fund reads in the ledger and in statements. */
export const TOP_UP_PURPOSE = 'top-up of the maintenance fund to 30% of its initial total (DOMAIN.md rule 22)';

export const publicRevenueBalance = (state: PublicRevenueState) => balanceOf(state.balances, PUBLIC_REVENUE_BANK);
export const spentUnder = (state: PublicRevenueState, resolutionId: string) =>
  balanceOf(state.balances, publicRevenueExpense(resolutionId));

/**
 * Rule 22: while the fund stands below 30% of its initial total, the committee moves public revenue
 * into it without a vote, up to what brings it back to 30%; beyond that, or when it is not below,
 * spending public revenue on the fund needs a resolution like any other use (rule 19).
 */
function decideTransfer(
  state: PublicRevenueState,
  d: Extract<PublicRevenueCommand, { type: 'TransferToFund' }>['data'],
): PublicRevenueEvent[] {
  const fen = movedAmount(d.amount);
  const transferredAt = pastTime(d.transferredAt, 'transferredAt', d.now);
  const coming = inTransit(state, d.fund);
  const due = topUpDue(d.fund.balance + coming, d.fund.initialTotal);
  const standing = `the fund holds ${formatYuan(d.fund.balance)} yuan${coming ? ` (and ${formatYuan(coming)} on its way)` : ''} of an initial ${formatYuan(d.fund.initialTotal)}`;
  if (due === 0n) {
    throw conflict(
      'TOP_UP_NOT_DUE',
      `${standing}, not below 30% (DOMAIN.md rule 22); public revenue goes into the fund now only under a PASSED resolution`,
      {
        rule: 22,
        fundBalance: formatYuan(d.fund.balance),
        initialTotal: formatYuan(d.fund.initialTotal),
      },
    );
  }
  if (fen > due)
    throw overLimit(
      'TOP_UP_EXCEEDS_DUE',
      `${formatYuan(fen)} yuan exceeds the ${formatYuan(due)} yuan due: ${standing}`,
      due,
      fen - due,
      { topUpDue: formatYuan(due) },
    );
  checkBalance(state, fen);
  const entry = journalEntry(d.entryId, [
    { account: PUBLIC_REVENUE_TO_FUND, side: 'DEBIT', fen },
    { account: PUBLIC_REVENUE_BANK, side: 'CREDIT', fen },
  ]);
  return [
    {
      type: 'PublicRevenueTransferredToFund',
      data: {
        entryId: d.entryId,
        amount: formatYuan(fen),
        transferredAt,
        fundBalance: formatYuan(d.fund.balance),
        initialTotal: formatYuan(d.fund.initialTotal),
        topUpDue: formatYuan(due),
        postings: entry.postings,
      },
    },
  ];
}

function unusedEntryId(state: PublicRevenueState, entryId: string): void {
  if (state.entries.has(entryId)) throw conflict('ENTRY_EXISTS', `entry ${entryId} is already in the ledger`);
}

export const publicRevenueDecider: Decider<PublicRevenueCommand, PublicRevenueEvent, PublicRevenueState> = {
  initialState: () => ({ ...emptyLedger(), delegation: null, topUps: [] }),

  decide(command, state) {
    switch (command.type) {
      case 'SetCovenantDelegation': {
        const d = command.data;
        const delegation = delegationFrom(d.resolution, state.delegation);
        return [
          {
            type: 'CovenantDelegationSet',
            data: {
              resolutionId: delegation.resolutionId,
              perItemCap: formatYuan(delegation.perItemCap),
              yearlyCap: formatYuan(delegation.yearlyCap),
              covenantClosedAt: delegation.closedAt,
              setAt: d.now.toISOString(),
            },
          },
        ];
      }
      case 'RecordIncome': {
        const d = command.data;
        unusedEntryId(state, d.entryId);
        if (!(INCOME_SOURCES as readonly string[]).includes(d.source)) {
          throw invalid('INVALID_SOURCE', `source must be one of ${INCOME_SOURCES.join(', ')}, not "${d.source}"`);
        }
        const fen = movedAmount(d.amount);
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
      case 'TransferToFund':
        unusedEntryId(state, command.data.entryId);
        return decideTransfer(state, command.data);
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
          lines: [
            {
              ...noLine,
              entryId: d.entryId,
              kind: 'INCOME',
              date: d.receivedAt,
              effect: parseYuan(d.amount),
              source: d.source,
              purpose: d.description,
            },
          ],
        });
      }
      case 'PublicRevenueSpent':
      case 'PublicRevenueSpentUnderCovenant': {
        const d = event.data;
        // A spend under the covenant is voted by the covenant's resolution; the line names whichever voted it.
        const resolutionId =
          event.type === 'PublicRevenueSpent' ? event.data.resolutionId : event.data.covenantResolutionId;
        return recordEntry(state, {
          entry: { entryId: d.entryId, postings: d.postings },
          lines: [
            {
              ...noLine,
              entryId: d.entryId,
              kind: 'EXPENSE',
              date: d.paidAt,
              effect: -parseYuan(d.amount),
              resolutionId,
              payee: d.payee,
              purpose: d.purpose,
            },
          ],
        });
      }
      case 'CovenantDelegationSet': {
        const d = event.data;
        return {
          ...state,
          delegation: {
            resolutionId: d.resolutionId,
            perItemCap: parseYuan(d.perItemCap),
            yearlyCap: parseYuan(d.yearlyCap),
            closedAt: d.covenantClosedAt ?? null,
          },
        };
      }
      case 'PublicRevenueEntryReversed':
        return recordReversal(state, event.data).ledger;
      case 'PublicRevenueTransferredToFund': {
        const d = event.data;
        const next = recordEntry(state, {
          entry: { entryId: d.entryId, postings: d.postings },
          lines: [
            {
              ...noLine,
              entryId: d.entryId,
              kind: 'EXPENSE',
              date: d.transferredAt,
              effect: -parseYuan(d.amount),
              purpose: TOP_UP_PURPOSE,
            },
          ],
          irreversible: 'it moved public revenue into the maintenance fund, whose owners now hold it (rule 22)',
        });
        return {
          ...next,
          topUps: [
            ...state.topUps,
            { entryId: d.entryId, amount: parseYuan(d.amount), transferredAt: d.transferredAt },
          ],
        };
      }
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
