import type { Decider } from '../shared/decider.js';
import { conflict, DomainError, invalid } from '../shared/domain-error.js';
import { formatArea, formatYuan, MAX_FEN, parseYuan } from '../shared/quantities.js';
import { MAINTENANCE_FUND_BANK, unitFund } from './accounts.js';
import { apportionByArea } from './apportion.js';
import { authorisedBudget, checkBudget, type ResolutionFacts } from './authorisation.js';
import { pastTime, requiredText, sha256Of } from './inputs.js';
import { balanceOf, journalEntry, postEntry, type Balances, type Line } from './journal.js';
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
  | { type: 'ReverseEntry'; data: { entryId: string; reverses: string; reason: string; now: Date } };

export interface MaintenanceFundState {
  balances: Balances;
  entries: ReadonlyMap<string, RecordedEntry>;
  lines: readonly LedgerLine[];
  /** Everything deposited, net of reversed deposits: the "initial total" rule 22 measures against. */
  deposited: bigint;
  spentByResolution: ReadonlyMap<string, bigint>;
}

export const fundBalance = (state: Pick<MaintenanceFundState, 'balances'>) => balanceOf(state.balances, MAINTENANCE_FUND_BANK);
export const unitBalance = (state: Pick<MaintenanceFundState, 'balances'>, unitId: string) => balanceOf(state.balances, unitFund(unitId));

/** Rule 22: below 30% of the initial total (strictly below: at exactly 30% nothing is yet due). */
export function belowThreshold(balance: bigint, deposited: bigint): boolean {
  return deposited > 0n && balance * 10n < deposited * 3n;
}

const MAX_LISTED = 5;

function amountOf(fen: bigint, what: string): bigint {
  if (typeof fen !== 'bigint' || fen <= 0n || fen >= MAX_FEN) throw invalid('INVALID_AMOUNT', `${what} must be more than 0 and below the maximum`);
  return fen;
}

function unusedEntryId(state: MaintenanceFundState, entryId: string): void {
  if (state.entries.has(entryId)) throw conflict('ENTRY_EXISTS', `entry ${entryId} is already in the ledger`);
}

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

function decideDeposit(state: MaintenanceFundState, d: Extract<MaintenanceFundCommand, { type: 'DepositToFund' }>['data']): MaintenanceFundEvent[] {
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
        throw invalid('DUPLICATE_UNIT', `unit ${deposit.unitId} is listed twice (first at ${firstPlace}); one deposit per unit per batch`);
      }
      seen.set(deposit.unitId, index);
      if (!known.has(deposit.unitId)) throw invalid('UNKNOWN_UNIT', `unit ${deposit.unitId} is not on the roster`);
      const fen = amountOf(deposit.amount, 'the amount');
      total += fen;
      lines.push({ account: unitFund(deposit.unitId), side: 'CREDIT', fen });
      return { unitId: deposit.unitId, amount: formatYuan(fen), depositedAt: pastTime(deposit.depositedAt, 'depositedAt', d.now) };
    }),
  );
  if (total >= MAX_FEN) throw invalid('INVALID_AMOUNT', 'the deposits add up to more than the maximum');
  const entry = journalEntry(d.entryId, [{ account: MAINTENANCE_FUND_BANK, side: 'DEBIT', fen: total }, ...lines]);
  return [{ type: 'MaintenanceFundDeposited', data: { entryId: d.entryId, deposits, total: formatYuan(total), postings: entry.postings } }];
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
  const fen = amountOf(d.amount, 'the amount');
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

export const maintenanceFundDecider: Decider<MaintenanceFundCommand, MaintenanceFundEvent, MaintenanceFundState> = {
  initialState: () => ({ balances: new Map(), entries: new Map(), lines: [], deposited: 0n, spentByResolution: new Map() }),

  decide(command, state) {
    unusedEntryId(state, command.data.entryId);
    switch (command.type) {
      case 'DepositToFund':
        return decideDeposit(state, command.data);
      case 'WithdrawFromFund':
        return decideWithdrawal(state, command.data);
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
