import { invalid } from '../shared/domain-error.js';
import { atLeast, formatArea, moreThan, type Ratio } from '../shared/quantities.js';
import type { MenuResultJson } from './menu.js';
import { isMatter, type Approval, type Matter, type Rulebook } from './rulebooks.js';

/**
 * The quorum engine (DOMAIN.md rules 5, 6, 13): a pure function from the frozen roster's totals and
 * the live ballots to an outcome. Anyone holding the export reruns it and must get the same answer,
 * so it reads nothing but its arguments.
 */

export type Choice = 'FOR' | 'AGAINST' | 'ABSTAIN';

export const CHOICES: readonly Choice[] = ['FOR', 'AGAINST', 'ABSTAIN'];

export interface Weight {
  heads: number;
  area: bigint;
}

/** One voter's live ballot; one head, `area` that voter's frozen area. */
export interface CountedBallot {
  voterId: string;
  choice: Choice;
  area: bigint;
}

export type Outcome = 'PASSED' | 'REJECTED' | 'NO_QUORUM';

export interface Tally {
  rulebook: string;
  rulebookVersion: string;
  matter: Matter;
  eligible: Weight;
  participated: Weight;
  for: Weight;
  against: Weight;
  abstain: Weight;
  participation: { required: string; headsMet: boolean; areaMet: boolean };
  approval: { required: string; headsMet: boolean; areaMet: boolean };
  outcome: Outcome;
}

const zero = (): Weight => ({ heads: 0, area: 0n });

export function tally(rulebook: Rulebook, matter: Matter, eligible: Weight, ballots: Iterable<CountedBallot>): Tally {
  if (!isMatter(matter) || !rulebook.approval[matter]) {
    throw invalid('UNKNOWN_MATTER', `Rulebook ${rulebook.id} has no threshold for matter "${String(matter)}"`);
  }
  if (!Number.isSafeInteger(eligible.heads) || eligible.heads < 0 || eligible.area < 0n) {
    throw invalid('INVALID_ROSTER_TOTALS', 'Eligible heads and area must be whole numbers of at least zero');
  }

  const counts: Record<Choice, Weight> = { FOR: zero(), AGAINST: zero(), ABSTAIN: zero() };
  const seen = new Set<string>();
  for (const ballot of ballots) {
    // Rule 9 leaves one live ballot per voter; a repeat here means the caller counted a replaced one.
    if (seen.has(ballot.voterId)) {
      throw invalid('DUPLICATE_BALLOT', `Voter ${ballot.voterId} has more than one ballot in the count`, {
        voterId: ballot.voterId,
      });
    }
    seen.add(ballot.voterId);
    if (!CHOICES.includes(ballot.choice)) {
      throw invalid('INVALID_CHOICE', `Ballot of ${ballot.voterId} has choice "${String(ballot.choice)}"`, {
        voterId: ballot.voterId,
      });
    }
    if (ballot.area < 0n) {
      throw invalid('INVALID_AREA', `Ballot of ${ballot.voterId} carries a negative area`, { voterId: ballot.voterId });
    }
    const weight = counts[ballot.choice];
    weight.heads += 1;
    weight.area += ballot.area;
  }

  const participated: Weight = {
    heads: counts.FOR.heads + counts.AGAINST.heads + counts.ABSTAIN.heads,
    area: counts.FOR.area + counts.AGAINST.area + counts.ABSTAIN.area,
  };
  // More participants than the frozen roster holds means ballots from outside it: no honest tally exists.
  if (participated.heads > eligible.heads || participated.area > eligible.area) {
    throw invalid('BALLOTS_EXCEED_ROSTER', 'The ballots carry more heads or area than the frozen roster', {
      participatedHeads: participated.heads,
      eligibleHeads: eligible.heads,
    });
  }

  const quorumRule: Approval = { ratio: rulebook.participation, strict: false };
  const approvalRule = rulebook.approval[matter];
  const participation = {
    required: describe(quorumRule),
    headsMet: meets(BigInt(participated.heads), BigInt(eligible.heads), quorumRule),
    areaMet: meets(participated.area, eligible.area, quorumRule),
  };
  const approval = {
    required: describe(approvalRule),
    headsMet: meets(BigInt(counts.FOR.heads), BigInt(participated.heads), approvalRule),
    areaMet: meets(counts.FOR.area, participated.area, approvalRule),
  };
  const outcome: Outcome = !(participation.headsMet && participation.areaMet)
    ? 'NO_QUORUM'
    : approval.headsMet && approval.areaMet
      ? 'PASSED'
      : 'REJECTED';

  return {
    rulebook: rulebook.id,
    rulebookVersion: rulebook.version,
    matter,
    eligible: { ...eligible },
    participated,
    for: counts.FOR,
    against: counts.AGAINST,
    abstain: counts.ABSTAIN,
    participation,
    approval,
    outcome,
  };
}

function meets(part: bigint, whole: bigint, rule: Approval): boolean {
  return rule.strict ? moreThan(part, whole, rule.ratio) : atLeast(part, whole, rule.ratio);
}

/** ">=2/3", ">1/2", ">=3/4": the threshold as the law writes it, unreduced. */
function describe(rule: { ratio: Ratio; strict: boolean }): string {
  return `${rule.strict ? '>' : '>='}${rule.ratio.num}/${rule.ratio.den}`;
}

export interface WeightJson {
  heads: number;
  areaM2: string;
}

export interface TallyJson {
  rulebook: string;
  rulebookVersion: string;
  matter: Matter;
  eligible: WeightJson;
  participated: WeightJson;
  for: WeightJson;
  against: WeightJson;
  abstain: WeightJson;
  participation: { required: string; headsMet: boolean; areaMet: boolean };
  approval: { required: string; headsMet: boolean; areaMet: boolean };
  outcome: Outcome;
  /** A menu vote's ranked options (libs/domain/voting/menu.ts); absent on a FOR/AGAINST vote. */
  menu?: MenuResultJson;
}

const weightJson = (w: Weight): WeightJson => ({ heads: w.heads, areaM2: formatArea(w.area) });

/** The API.md tally shape (areas as "89.37" strings), plus the rulebook version rule 13 requires. */
export function tallyToJson(t: Tally): TallyJson {
  return {
    rulebook: t.rulebook,
    rulebookVersion: t.rulebookVersion,
    matter: t.matter,
    eligible: weightJson(t.eligible),
    participated: weightJson(t.participated),
    for: weightJson(t.for),
    against: weightJson(t.against),
    abstain: weightJson(t.abstain),
    participation: { ...t.participation },
    approval: { ...t.approval },
    outcome: t.outcome,
  };
}
