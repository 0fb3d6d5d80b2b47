import { conflict, invalid } from '../shared/domain-error.js';
import { formatYuan, parseYuan } from '../shared/quantities.js';
import { overLimit } from './refusals.js';
import type { ResolutionState } from '../voting/resolution.js';

export type Fund = 'PUBLIC_REVENUE' | 'MAINTENANCE_FUND';

/** What a spending decider needs to know of the resolution it names, as the handler found it. */
export interface ResolutionFacts {
  resolutionId: string;
  status: string;
  outcome: string | null;
  matter: string;
  budget: { fen: bigint; fund: Fund; units: string[] | null; buildings: string[] | null } | null;
  /** When the vote closed (null before): nothing it authorises is dated earlier (rule 26). */
  closedAt: string | null;
  /** A MANAGEMENT_COVENANT vote's caps as the owners adopted them (rule 27); null for any other vote. */
  covenant: { perItemCap: bigint; yearlyCap: bigint } | null;
}

export function resolutionFacts(resolutionId: string, state: ResolutionState): ResolutionFacts {
  if (state.status === 'none')
    return { resolutionId, status: 'none', outcome: null, matter: '', budget: null, closedAt: null, covenant: null };
  const b = state.resolution.budget;
  const c = state.resolution.covenant;
  return {
    resolutionId,
    status: state.status,
    outcome: state.status === 'closed' ? state.closed.tally.outcome : null,
    matter: state.resolution.matter,
    budget: b ? { fen: parseYuan(b.amount), fund: b.fund, units: b.units, buildings: b.buildings } : null,
    closedAt: state.status === 'closed' ? state.closed.closedAt : null,
    covenant: c ? { perItemCap: parseYuan(c.perItemCap), yearlyCap: parseYuan(c.yearlyCap) } : null,
  };
}

/**
 * Rule 26: money moves under a vote only once the owners have decided it. A payment dated before the
 * authorising vote closed would book, as authorised, money that left before anyone authorised it.
 */
export function checkPaidAfterClose(
  authority: { resolutionId: string; closedAt: string | null },
  paidAt: string,
  what = 'paidAt',
): void {
  if (authority.closedAt === null || Date.parse(paidAt) >= Date.parse(authority.closedAt)) return;
  throw invalid(
    'PAID_BEFORE_AUTHORISED',
    `${what} ${paidAt} is before resolution ${authority.resolutionId} closed (${authority.closedAt}); money moved under a vote is dated at or after its close (DOMAIN.md rule 26)`,
    { rule: 26, resolutionId: authority.resolutionId, closedAt: authority.closedAt, [what]: paidAt },
  );
}

/**
 * Rules 19, 20: only a PASSED vote whose budget is drawn from this fund authorises spending from it.
 * Returns the budget, which the caller checks the sum of the resolution's spending against.
 */
export function authorisedBudget(facts: ResolutionFacts, fund: Fund): NonNullable<ResolutionFacts['budget']> {
  const rule = fund === 'PUBLIC_REVENUE' ? 19 : 20;
  if (facts.status !== 'closed' || facts.outcome !== 'PASSED') {
    const where = facts.status === 'closed' ? `closed as ${facts.outcome}` : `still ${facts.status}`;
    throw conflict(
      'RESOLUTION_NOT_PASSED',
      `resolution ${facts.resolutionId} is ${where}; only a PASSED resolution authorises spending (DOMAIN.md rule ${rule})`,
      {
        rule,
        resolutionId: facts.resolutionId,
        outcome: facts.outcome,
      },
    );
  }
  if (!facts.budget || facts.budget.fund !== fund) {
    throw invalid(
      'RESOLUTION_NOT_FOR_THIS_FUND',
      `resolution ${facts.resolutionId} (${facts.matter}) ${facts.budget ? `spends from ${facts.budget.fund}` : 'has no budget'}, not from ${fund} (DOMAIN.md rule ${rule})`,
      { rule, resolutionId: facts.resolutionId, matter: facts.matter },
    );
  }
  return facts.budget;
}

/** Rules 19, 20: what a resolution has spent, with this payment, stays within its budget. */
export function checkBudget(resolutionId: string, budget: bigint, alreadySpent: bigint, fen: bigint): void {
  const total = alreadySpent + fen;
  if (total > budget) {
    throw overLimit(
      'BUDGET_EXCEEDED',
      `${formatYuan(fen)} yuan, with ${formatYuan(alreadySpent)} already spent under it, exceeds the budget of resolution ${resolutionId} (${formatYuan(budget)})`,
      budget,
      total - budget,
      { resolutionId, budget: formatYuan(budget), alreadySpent: formatYuan(alreadySpent) },
    );
  }
}
