import type { Decider } from '../shared/decider.js';
import { conflict } from '../shared/domain-error.js';
import { formatArea, formatYuan, parseYuan } from '../shared/quantities.js';
import { MAINTENANCE_FUND_BANK, unitFund } from './accounts.js';
import { apportionByArea } from './apportion.js';
import { decideDeposit } from './deposits.js';
import { belowThreshold } from './fund-balances.js';
import { movedAmount } from './inputs.js';
import { balanceOf, journalEntry, postEntry } from './journal.js';
import { decideReversal, emptyLedger, noLine, recordEntry, recordReversal, type LedgerLine } from './ledger-lines.js';
import type { MaintenanceFundEvent } from './maintenance-fund.events.js';
import { decideWithdrawal } from './withdrawals.js';

import type { MaintenanceFundCommand, MaintenanceFundState } from './maintenance-fund.types.js';

export type { FundUnit, MaintenanceFundCommand, MaintenanceFundState } from './maintenance-fund.types.js';

// What callers read a fund by; defined apart so the deciders' parts share them without import cycles.
export { belowThreshold, fundBalance, topUpDue, unitBalance } from './fund-balances.js';

function unusedEntryId(state: MaintenanceFundState, entryId: string): void {
  if (state.entries.has(entryId)) throw conflict('ENTRY_EXISTS', `entry ${entryId} is already in the ledger`);
}

/** Rule 22: a public-revenue transfer comes in, shared among every unit on the roster by area (as a withdrawal is charged). */
function decideTopUp(
  state: MaintenanceFundState,
  d: Extract<MaintenanceFundCommand, { type: 'ReceiveTopUp' }>['data'],
): MaintenanceFundEvent[] {
  const t = d.transfer;
  const fen = movedAmount(t.amount);
  const shares = apportionByArea(
    fen,
    d.roster.map((u) => ({ unitId: u.unitId, area: u.area })),
  );
  const entry = journalEntry(d.entryId, [
    { account: MAINTENANCE_FUND_BANK, side: 'DEBIT', fen },
    ...shares
      .filter((s) => s.amount > 0n)
      .map((s) => ({ account: unitFund(s.unitId), side: 'CREDIT' as const, fen: s.amount })),
  ]);
  const after = postEntry(state.balances, entry);
  const areaOf = new Map(d.roster.map((u) => [u.unitId, u.area]));
  return [
    {
      type: 'MaintenanceFundToppedUp',
      data: {
        entryId: d.entryId,
        transferEntryId: t.entryId,
        amount: formatYuan(fen),
        shares: shares.map((s) => ({
          unitId: s.unitId,
          areaM2: formatArea(areaOf.get(s.unitId)!),
          amount: formatYuan(s.amount),
        })),
        transferredAt: t.transferredAt,
        belowThreshold: belowThreshold(balanceOf(after, MAINTENANCE_FUND_BANK), state.deposited),
        postings: entry.postings,
      },
    },
  ];
}

export const maintenanceFundDecider: Decider<MaintenanceFundCommand, MaintenanceFundEvent, MaintenanceFundState> = {
  initialState: () => ({ ...emptyLedger(), deposited: 0n, spentByResolution: new Map(), receivedTopUps: new Set() }),

  decide(command, state) {
    // A transfer booked already is named as such, before its (derived) entry id is found taken.
    if (command.type === 'ReceiveTopUp' && state.receivedTopUps.has(command.data.transfer.entryId)) {
      throw conflict(
        'TOP_UP_ALREADY_RECEIVED',
        `the fund has already received public-revenue transfer ${command.data.transfer.entryId}`,
      );
    }
    unusedEntryId(state, command.data.entryId);
    switch (command.type) {
      case 'DepositToFund':
        return decideDeposit(state, command.data);
      case 'WithdrawFromFund':
        return decideWithdrawal(state, command.data);
      case 'ReceiveTopUp':
        return decideTopUp(state, command.data);
      case 'ReverseEntry':
        return [
          { type: 'MaintenanceFundEntryReversed', data: decideReversal(state, 'maintenance-fund', command.data) },
        ];
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'MaintenanceFundDeposited': {
        const d = event.data;
        const lines = d.deposits.map((x) => ({
          ...noLine,
          entryId: d.entryId,
          kind: 'INCOME' as const,
          date: x.depositedAt,
          effect: parseYuan(x.amount),
          units: [{ unitId: x.unitId, fen: parseYuan(x.amount) }],
        }));
        const next = recordEntry(state, { entry: { entryId: d.entryId, postings: d.postings }, lines });
        return { ...next, deposited: state.deposited + parseYuan(d.total) };
      }
      case 'MaintenanceFundWithdrawn': {
        const d = event.data;
        const rid = d.authority.kind === 'RESOLUTION' ? d.authority.resolutionId : null;
        const line: LedgerLine = {
          ...noLine,
          entryId: d.entryId,
          kind: 'EXPENSE',
          date: d.paidAt,
          effect: -parseYuan(d.amount),
          resolutionId: rid,
          emergency: d.authority.kind === 'EMERGENCY',
          payee: d.payee,
          purpose: d.purpose,
          units: d.shares.map((s) => ({ unitId: s.unitId, fen: -parseYuan(s.amount) })),
        };
        const next = recordEntry(state, { entry: { entryId: d.entryId, postings: d.postings }, lines: [line] });
        if (!rid) return next;
        const spent = new Map(state.spentByResolution);
        spent.set(rid, (spent.get(rid) ?? 0n) + parseYuan(d.amount));
        return { ...next, spentByResolution: spent };
      }
      case 'MaintenanceFundToppedUp': {
        const d = event.data;
        const line: LedgerLine = {
          ...noLine,
          entryId: d.entryId,
          kind: 'INCOME',
          date: d.transferredAt,
          effect: parseYuan(d.amount),
          source: 'PUBLIC_REVENUE',
          units: d.shares.map((s) => ({ unitId: s.unitId, fen: parseYuan(s.amount) })),
        };
        // Not a deposit: the initial total that rule 22 measures against stays what owners paid in.
        const next = recordEntry(state, {
          entry: { entryId: d.entryId, postings: d.postings },
          lines: [line],
          irreversible: `it is the maintenance fund's side of public-revenue transfer ${d.transferEntryId}`,
        });
        return { ...next, receivedTopUps: new Set([...state.receivedTopUps, d.transferEntryId]) };
      }
      case 'MaintenanceFundEntryReversed': {
        const { ledger: next, original, lines } = recordReversal(state, event.data);
        const effect = lines.reduce((sum, l) => sum + l.effect, 0n);
        const first = original.lines[0];
        if (first.kind === 'INCOME') return { ...next, deposited: state.deposited + effect };
        if (!first.resolutionId) return next;
        const spent = new Map(state.spentByResolution);
        // A reversed withdrawal gives its amount back to the resolution's budget.
        spent.set(first.resolutionId, (spent.get(first.resolutionId) ?? 0n) - effect);
        return { ...next, spentByResolution: spent };
      }
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
