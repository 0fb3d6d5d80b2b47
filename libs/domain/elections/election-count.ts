import { formatArea } from '../shared/quantities.js';
import { tally, type Weight, type WeightJson } from '../governance/quorum.js';
import type { Rulebook } from '../governance/rulebooks.js';
import type { Candidate, CandidateResult, ElectionBallot, ElectionResult } from './types.js';

/**
 * Rule 15 as a pure function of the frozen roster and the live ballots. Each candidate is a
 * separate ELECT_COMMITTEE matter for the quorum engine — selected is FOR, not selected AGAINST — so
 * the thresholds are the rulebook's, read by the same code that counts resolutions.
 */

export type { CandidateResult, ElectionBallot, ElectionOutcome, ElectionResult } from './types.js';

const weightJson = (w: Weight): WeightJson => ({ heads: w.heads, areaM2: formatArea(w.area) });

export function countElection(
  rulebook: Rulebook,
  seats: number,
  alternateSeats: number,
  candidates: readonly Candidate[],
  eligible: Weight,
  ballots: readonly ElectionBallot[],
): ElectionResult {
  const perCandidate = candidates.map((candidate) => {
    const t = tally(
      rulebook,
      'ELECT_COMMITTEE',
      eligible,
      ballots.map((b) => ({
        voterId: b.voterId,
        area: b.area,
        choice: b.selections.includes(candidate.candidateId) ? 'FOR' : 'AGAINST',
      })),
    );
    return { candidate, t };
  });
  // Participation does not depend on the candidate; with no candidate it is counted once all the same.
  const base =
    perCandidate[0]?.t ??
    tally(
      rulebook,
      'ELECT_COMMITTEE',
      eligible,
      ballots.map((b) => ({ voterId: b.voterId, area: b.area, choice: 'ABSTAIN' })),
    );
  const quorate = base.participation.headsMet && base.participation.areaMet;

  const compareApproval = approvalOrder(rulebook);
  const passing = perCandidate
    .filter(({ t }) => quorate && t.approval.headsMet && t.approval.areaMet)
    .sort((a, b) => compareApproval(b.t.for, a.t.for));

  // Seats, then alternate places, are filled a group of equals at a time: a group that does not fit
  // whole gets nothing, since the rulebook's tie-break cannot choose within it (rule 15: a seat left
  // empty is reported, not filled — no lot is drawn).
  const groups: (typeof passing)[] = [];
  for (const entry of passing) {
    const last = groups[groups.length - 1];
    if (last && compareApproval(last[0].t.for, entry.t.for) === 0) last.push(entry);
    else groups.push([entry]);
  }
  const seatOf = new Map<string, 'MEMBER' | 'ALTERNATE'>();
  const tiedAtCutoff: string[] = [];
  let index = 0;
  for (const [kind, capacity] of [
    ['MEMBER', seats],
    ['ALTERNATE', alternateSeats],
  ] as const) {
    let left = capacity;
    while (index < groups.length && groups[index].length <= left) {
      for (const { candidate } of groups[index]) seatOf.set(candidate.candidateId, kind);
      left -= groups[index].length;
      index++;
    }
    if (kind === 'MEMBER' && left > 0 && index < groups.length)
      tiedAtCutoff.push(...groups[index].map((e) => e.candidate.candidateId));
  }
  const rankOf = new Map(passing.map((e, i) => [e.candidate.candidateId, i + 1]));

  const results: CandidateResult[] = perCandidate.map(({ candidate, t }) => ({
    ...candidate,
    approving: weightJson(t.for),
    approval: { ...t.approval },
    passed: rankOf.has(candidate.candidateId),
    rank: rankOf.get(candidate.candidateId) ?? null,
    seat: seatOf.get(candidate.candidateId) ?? null,
  }));
  const bySeat = (kind: 'MEMBER' | 'ALTERNATE') =>
    passing.filter((e) => seatOf.get(e.candidate.candidateId) === kind).map(({ candidate }) => ({ ...candidate }));
  const elected = bySeat('MEMBER');
  return {
    rulebook: rulebook.id,
    rulebookVersion: rulebook.version,
    eligible: weightJson(eligible),
    participated: weightJson(base.participated),
    participation: { ...base.participation },
    outcome: !quorate ? 'NO_QUORUM' : elected.length > 0 ? 'ELECTED' : 'NONE_ELECTED',
    tieBreak: rulebook.electionTieBreak,
    seats,
    alternateSeats,
    candidates: results,
    elected,
    alternates: bySeat('ALTERNATE'),
    unfilledSeats: seats - elected.length,
    tiedAtCutoff,
  };
}

/** Ascending comparison of two candidates' approving weight under the rulebook's tie-break. */
function approvalOrder(rulebook: Rulebook): (a: Weight, b: Weight) => number {
  const tieBreak = rulebook.electionTieBreak;
  switch (tieBreak) {
    case 'AREA_THEN_HEADS':
      return (a, b) => (a.area !== b.area ? (a.area < b.area ? -1 : 1) : a.heads - b.heads);
    default: {
      const _exhaustive: never = tieBreak;
      return _exhaustive;
    }
  }
}
