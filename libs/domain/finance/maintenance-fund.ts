import type { Decider } from '../shared/decider.js';
import { conflict, invalid } from '../shared/domain-error.js';
import { formatArea, formatYuan, parseYuan } from '../shared/quantities.js';
import { MAINTENANCE_FUND_BANK, unitFund } from './accounts.js';
import { apportionByArea } from './apportion.js';
import { authorisedBudget, checkBudget, type ResolutionFacts } from './authorisation.js';
import { decideDeposit } from './deposits.js';
import { movedAmount, pastTime, requiredText, sha256Of } from './inputs.js';
import { balanceOf, journalEntry, postEntry, type Balances } from './journal.js';
import { decideReversal, noLine, recordEntry, recordReversal, type LedgerLine, type RecordedEntry } from './ledger-lines.js';
import { overLimit } from './refusals.js';
import type { MaintenanceFundEvent, WithdrawalAuthority } from './maintenance-fund.events.js';

/** A unit of the roster as the handler read it: what apportionment by area needs. */
export interface FundUnit {
  unitId: string;
  building: string;
  area: bigint;
}

export type MaintenanceFundCommand =
  | {
      type: 'DepositToFund';
      data: {
        entryId: string;
        /** `row`: the line of the imported file it came from (the header is row 1), for refusals. */
        deposits: { unitId: string; amount: bigint; depositedAt: Date; row?: number }[];
        roster: readonly FundUnit[];
        now: Date;
      };
    }
  | {
      type: 'WithdrawFromFund';
      data: {
        entryId: string;
        amount: bigint;
        payee: string;
        purpose: string;
        resolution: ResolutionFacts | null;
        emergency: { reason: string; evidenceSha256: string } | null;
        units: string[];
        buildings: string[];
        roster: readonly FundUnit[];
        paidAt: Date;
        now: Date;
      };
    }
  | {
      type: 'ReceiveTopUp';
      /** `transfer`: the public-revenue entry that sent it (rule 22), as that ledger recorded it. */
      data: { entryId: string; transfer: { entryId: string; amount: bigint; transferredAt: string }; roster: readonly FundUnit[]; now: Date };
    }
  | { type: 'ReverseEntry'; data: { entryId: string; reverses: string; reason: string; now: Date } };

export interface MaintenanceFundState {
  balances: Balances;
  entries: ReadonlyMap<string, RecordedEntry>;
  lines: readonly LedgerLine[];
  /** Everything deposited, net of reversed deposits: the "initial total" rule 22 measures against. */
  deposited: bigint;
  spentByResolution: ReadonlyMap<string, bigint>;
  /** Public-revenue transfers received (rule 22), by the public-revenue entry that sent them. */
  receivedTopUps: ReadonlySet<string>;
}

export const fundBalance = (state: Pick<MaintenanceFundState, 'balances'>) => balanceOf(state.balances, MAINTENANCE_FUND_BANK);
export const unitBalance = (state: Pick<MaintenanceFundState, 'balances'>, unitId: string) => balanceOf(state.balances, unitFund(unitId));

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

const MAX_LISTED = 5;

function unusedEntryId(state: MaintenanceFundState, entryId: string): void {
  if (state.entries.has(entryId)) throw conflict('ENTRY_EXISTS', `entry ${entryId} is already in the ledger`);
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/** Who bears a withdrawal: what the request names, which must be what the resolution names if it names any. */
function bearersOf(
  d: Extract<MaintenanceFundCommand, { type: 'WithdrawFromFund' }>['data'],
  budget: ReturnType<typeof authorisedBudget> | null,
): { units: string[]; buildings: string[] } {
  const asked = { units: [...new Set(d.units)], buildings: [...new Set(d.buildings)] };
  const voted = budget && (budget.units?.length || budget.buildings?.length) ? { units: budget.units ?? [], buildings: budget.buildings ?? [] } : null;
  if (voted) {
    if (asked.units.length + asked.buildings.length === 0) return voted;
    if (!sameSet(asked.units, voted.units) || !sameSet(asked.buildings, voted.buildings)) {
      throw invalid(
        'BEARERS_DIFFER_FROM_RESOLUTION',
        `resolution ${d.resolution!.resolutionId} charges units [${voted.units.join(', ')}] and buildings [${voted.buildings.join(', ')}]; ` +
          'a withdrawal under it charges exactly those (leave units and buildings out to use them)',
      );
    }
    return asked;
  }
  if (asked.units.length + asked.buildings.length === 0) {
    throw invalid('BEARERS_REQUIRED', 'name the units or buildings that bear this withdrawal (rule 20)');
  }
  return asked;
}

function bearingUnits(roster: readonly FundUnit[], bearers: { units: string[]; buildings: string[] }): FundUnit[] {
  const byId = new Map(roster.map((u) => [u.unitId, u]));
  const chosen = new Map<string, FundUnit>();
  for (const unitId of bearers.units) {
    const unit = byId.get(unitId);
    if (!unit) throw invalid('UNKNOWN_UNIT', `unit ${unitId} is not on the roster`, { unitId });
    chosen.set(unitId, unit);
  }
  for (const building of bearers.buildings) {
    const inBuilding = roster.filter((u) => u.building === building);
    if (inBuilding.length === 0) throw invalid('UNKNOWN_BUILDING', `building ${building} has no units on the roster`, { building });
    for (const unit of inBuilding) chosen.set(unit.unitId, unit);
  }
  return [...chosen.values()];
}

function decideWithdrawal(state: MaintenanceFundState, d: Extract<MaintenanceFundCommand, { type: 'WithdrawFromFund' }>['data']): MaintenanceFundEvent[] {
  const fen = movedAmount(d.amount);
  const paidAt = pastTime(d.paidAt, 'paidAt', d.now);
  if (d.resolution && d.emergency) throw invalid('AUTHORITY_AMBIGUOUS', 'name either a resolution or an emergency, not both');
  if (!d.resolution && !d.emergency) {
    throw invalid('AUTHORITY_REQUIRED', 'a withdrawal names a PASSED USE_MAINTENANCE_FUND resolution (rule 20) or states an emergency with its evidence (rule 21)');
  }
  let authority: WithdrawalAuthority;
  let budget: ReturnType<typeof authorisedBudget> | null = null;
  if (d.resolution) {
    budget = authorisedBudget(d.resolution, 'MAINTENANCE_FUND');
    const rid = d.resolution.resolutionId;
    checkBudget(rid, budget.fen, state.spentByResolution.get(rid) ?? 0n, fen);
    authority = { kind: 'RESOLUTION', resolutionId: rid, outcome: d.resolution.outcome!, budget: formatYuan(budget.fen) };
  } else {
    // Rule 21: the vote may be skipped, the record of why may not.
    const evidence = sha256Of(d.emergency!.evidenceSha256, 'emergency.evidenceSha256');
    if (!evidence) throw invalid('EMERGENCY_EVIDENCE_REQUIRED', 'an emergency withdrawal needs the SHA-256 of its evidence');
    authority = { kind: 'EMERGENCY', reason: requiredText(d.emergency!.reason, 'emergency.reason', 1000), evidenceSha256: evidence };
  }
  const bearers = bearersOf(d, budget);
  const units = bearingUnits(d.roster, bearers);
  const shares = apportionByArea(fen, units.map((u) => ({ unitId: u.unitId, area: u.area })));
  const short = shares
    .map((s) => ({ ...s, balance: unitBalance(state, s.unitId) }))
    .filter((s) => s.amount > s.balance)
    .map((s) => ({ ...s, excess: s.amount - s.balance }));
  if (short.length) {
    const listed = short
      .slice(0, MAX_LISTED)
      .map((s) => `unit ${s.unitId}'s share ${formatYuan(s.amount)} exceeds its balance ${formatYuan(s.balance)} by ${formatYuan(s.excess)} yuan`)
      .join('; ');
    const more = short.length > MAX_LISTED ? `; and ${short.length - MAX_LISTED} more units` : '';
    const worst = short.reduce((a, b) => (b.excess > a.excess ? b : a));
    throw overLimit('INSUFFICIENT_UNIT_BALANCE', `${listed}${more}: unit ${worst.unitId}'s share goes furthest over its balance,`, worst.balance, worst.excess, {
      units: short.map((s) => ({ unitId: s.unitId, share: formatYuan(s.amount), balance: formatYuan(s.balance), excess: formatYuan(s.excess) })),
    });
  }
  const entry = journalEntry(d.entryId, [
    ...shares.filter((s) => s.amount > 0n).map((s) => ({ account: unitFund(s.unitId), side: 'DEBIT' as const, fen: s.amount })),
    { account: MAINTENANCE_FUND_BANK, side: 'CREDIT', fen },
  ]);
  const after = postEntry(state.balances, entry);
  const areaOf = new Map(units.map((u) => [u.unitId, u.area]));
  return [
    {
      type: 'MaintenanceFundWithdrawn',
      data: {
        entryId: d.entryId,
        amount: formatYuan(fen),
        payee: requiredText(d.payee, 'payee', 200),
        purpose: requiredText(d.purpose, 'purpose', 1000),
        authority,
        bearers,
        shares: shares.map((s) => ({ unitId: s.unitId, areaM2: formatArea(areaOf.get(s.unitId)!), amount: formatYuan(s.amount) })),
        paidAt,
        belowThreshold: belowThreshold(balanceOf(after, MAINTENANCE_FUND_BANK), state.deposited),
        postings: entry.postings,
      },
    },
  ];
}

/** Rule 22: a public-revenue transfer comes in, shared among every unit on the roster by area (as a withdrawal is charged). */
function decideTopUp(state: MaintenanceFundState, d: Extract<MaintenanceFundCommand, { type: 'ReceiveTopUp' }>['data']): MaintenanceFundEvent[] {
  const t = d.transfer;
  const fen = movedAmount(t.amount);
  const shares = apportionByArea(fen, d.roster.map((u) => ({ unitId: u.unitId, area: u.area })));
  const entry = journalEntry(d.entryId, [
    { account: MAINTENANCE_FUND_BANK, side: 'DEBIT', fen },
    ...shares.filter((s) => s.amount > 0n).map((s) => ({ account: unitFund(s.unitId), side: 'CREDIT' as const, fen: s.amount })),
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
        shares: shares.map((s) => ({ unitId: s.unitId, areaM2: formatArea(areaOf.get(s.unitId)!), amount: formatYuan(s.amount) })),
        transferredAt: t.transferredAt,
        belowThreshold: belowThreshold(balanceOf(after, MAINTENANCE_FUND_BANK), state.deposited),
        postings: entry.postings,
      },
    },
  ];
}

export const maintenanceFundDecider: Decider<MaintenanceFundCommand, MaintenanceFundEvent, MaintenanceFundState> = {
  initialState: () => ({ balances: new Map(), entries: new Map(), lines: [], deposited: 0n, spentByResolution: new Map(), receivedTopUps: new Set() }),

  decide(command, state) {
    // A transfer booked already is named as such, before its (derived) entry id is found taken.
    if (command.type === 'ReceiveTopUp' && state.receivedTopUps.has(command.data.transfer.entryId)) {
      throw conflict('TOP_UP_ALREADY_RECEIVED', `the fund has already received public-revenue transfer ${command.data.transfer.entryId}`);
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
        return [{ type: 'MaintenanceFundEntryReversed', data: decideReversal(state, 'maintenance-fund', command.data) }];
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
