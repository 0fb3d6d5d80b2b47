import { invalid } from '../shared/domain-error.js';
import { formatArea, formatYuan } from '../shared/quantities.js';
import { MAINTENANCE_FUND_BANK, unitFund } from './accounts.js';
import { apportionByArea } from './apportion.js';
import { authorisedBudget, checkBudget, checkPaidAfterClose } from './authorisation.js';
import { belowThreshold, unitBalance } from './fund-balances.js';
import { movedAmount, pastTime, requiredText, sha256Of } from './inputs.js';
import { balanceOf, journalEntry, postEntry } from './journal.js';
import type { FundUnit, MaintenanceFundCommand, MaintenanceFundState } from './maintenance-fund.types.js';
import type { MaintenanceFundEvent, WithdrawalAuthority } from './maintenance-fund.events.js';
import { overLimit } from './refusals.js';

/**
 * Rules 20, 21: paying from the fund under a PASSED USE_MAINTENANCE_FUND vote or in an emergency,
 * charged to the units or buildings that bear it, by area, to the fen; no unit's sub-account overdrawn.
 */
const MAX_LISTED = 5;

/**
 * Who bears a withdrawal (rules 20, 25). Under a vote: exactly the bearers its budget named, whose owners
 * alone decided it; the withdrawal may not name any, so the committee never picks who pays afterwards.
 * A vote drafted before rule 25 that named none was decided by the whole community, which bears it.
 * In an emergency (rule 21), with no vote, the withdrawal names them.
 */
function bearersOf(
  d: Extract<MaintenanceFundCommand, { type: 'WithdrawFromFund' }>['data'],
  budget: ReturnType<typeof authorisedBudget> | null,
): { units: string[]; buildings: string[] } {
  const asked = { units: [...new Set(d.units)], buildings: [...new Set(d.buildings)] };
  const named = asked.units.length + asked.buildings.length > 0;
  if (budget) {
    if (named) {
      throw invalid(
        'BEARERS_SET_BY_VOTE',
        `resolution ${d.resolution!.resolutionId} decided who bears this cost; a withdrawal under it charges exactly those bearers: leave units and buildings out (DOMAIN.md rule 25)`,
        {
          rule: 25,
          resolutionId: d.resolution!.resolutionId,
          units: budget.units ?? [],
          buildings: budget.buildings ?? [],
        },
      );
    }
    if (budget.units?.length || budget.buildings?.length)
      return { units: budget.units ?? [], buildings: budget.buildings ?? [] };
    return { units: d.roster.map((u) => u.unitId), buildings: [] };
  }
  if (!named)
    throw invalid('BEARERS_REQUIRED', 'name the units or buildings that bear this emergency withdrawal (rule 20)');
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
    if (inBuilding.length === 0)
      throw invalid('UNKNOWN_BUILDING', `building ${building} has no units on the roster`, { building });
    for (const unit of inBuilding) chosen.set(unit.unitId, unit);
  }
  return [...chosen.values()];
}

export function decideWithdrawal(
  state: MaintenanceFundState,
  d: Extract<MaintenanceFundCommand, { type: 'WithdrawFromFund' }>['data'],
): MaintenanceFundEvent[] {
  const fen = movedAmount(d.amount);
  const paidAt = pastTime(d.paidAt, 'paidAt', d.now);
  if (d.resolution && d.emergency)
    throw invalid('AUTHORITY_AMBIGUOUS', 'name either a resolution or an emergency, not both');
  if (!d.resolution && !d.emergency) {
    throw invalid(
      'AUTHORITY_REQUIRED',
      'a withdrawal names a PASSED USE_MAINTENANCE_FUND resolution (rule 20) or states an emergency with its evidence (rule 21)',
    );
  }
  let authority: WithdrawalAuthority;
  let budget: ReturnType<typeof authorisedBudget> | null = null;
  if (d.resolution) {
    budget = authorisedBudget(d.resolution, 'MAINTENANCE_FUND');
    checkPaidAfterClose(d.resolution, paidAt);
    const rid = d.resolution.resolutionId;
    checkBudget(rid, budget.fen, state.spentByResolution.get(rid) ?? 0n, fen);
    authority = {
      kind: 'RESOLUTION',
      resolutionId: rid,
      outcome: d.resolution.outcome!,
      budget: formatYuan(budget.fen),
    };
  } else {
    // Rule 21: the vote may be skipped, the record of why may not.
    const evidence = sha256Of(d.emergency!.evidenceSha256, 'emergency.evidenceSha256');
    if (!evidence)
      throw invalid('EMERGENCY_EVIDENCE_REQUIRED', 'an emergency withdrawal needs the SHA-256 of its evidence');
    authority = {
      kind: 'EMERGENCY',
      reason: requiredText(d.emergency!.reason, 'emergency.reason', 1000),
      evidenceSha256: evidence,
    };
  }
  const bearers = bearersOf(d, budget);
  const units = bearingUnits(d.roster, bearers);
  const shares = apportionByArea(
    fen,
    units.map((u) => ({ unitId: u.unitId, area: u.area })),
  );
  const short = shares
    .map((s) => ({ ...s, balance: unitBalance(state, s.unitId) }))
    .filter((s) => s.amount > s.balance)
    .map((s) => ({ ...s, excess: s.amount - s.balance }));
  if (short.length) {
    const listed = short
      .slice(0, MAX_LISTED)
      .map(
        (s) =>
          `unit ${s.unitId}'s share ${formatYuan(s.amount)} exceeds its balance ${formatYuan(s.balance)} by ${formatYuan(s.excess)} yuan`,
      )
      .join('; ');
    const more = short.length > MAX_LISTED ? `; and ${short.length - MAX_LISTED} more units` : '';
    const worst = short.reduce((a, b) => (b.excess > a.excess ? b : a));
    throw overLimit(
      'INSUFFICIENT_UNIT_BALANCE',
      `${listed}${more}: unit ${worst.unitId}'s share goes furthest over its balance,`,
      worst.balance,
      worst.excess,
      {
        units: short.map((s) => ({
          unitId: s.unitId,
          share: formatYuan(s.amount),
          balance: formatYuan(s.balance),
          excess: formatYuan(s.excess),
        })),
      },
    );
  }
  const entry = journalEntry(d.entryId, [
    ...shares
      .filter((s) => s.amount > 0n)
      .map((s) => ({ account: unitFund(s.unitId), side: 'DEBIT' as const, fen: s.amount })),
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
        shares: shares.map((s) => ({
          unitId: s.unitId,
          areaM2: formatArea(areaOf.get(s.unitId)!),
          amount: formatYuan(s.amount),
        })),
        paidAt,
        belowThreshold: belowThreshold(balanceOf(after, MAINTENANCE_FUND_BANK), state.deposited),
        postings: entry.postings,
      },
    },
  ];
}
