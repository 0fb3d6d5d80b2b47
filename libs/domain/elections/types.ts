import type { WeightJson } from '../governance/quorum.js';
import type { Rulebook } from '../governance/rulebooks.js';

/*
 * What the election's events, the governance events and the count share (candidates, the count's result, a
 * by-election's committee), in a file of their own: none of those three imports another for a type (no cycle).
 */

export interface Candidate {
  candidateId: string;
  name: string;
  ownerId: string;
}

export interface ElectionBallot {
  voterId: string;
  area: bigint;
  selections: readonly string[];
}

export interface CandidateResult extends Candidate {
  approving: WeightJson;
  approval: { required: string; headsMet: boolean; areaMet: boolean };
  passed: boolean;
  /** 1 for the most approving area (then heads) among those who passed; null for those who did not. */
  rank: number | null;
  seat: 'MEMBER' | 'ALTERNATE' | null;
}

export type ElectionOutcome = 'NO_QUORUM' | 'ELECTED' | 'NONE_ELECTED';

export interface ElectionResult {
  rulebook: string;
  rulebookVersion: string;
  eligible: WeightJson;
  participated: WeightJson;
  participation: { required: string; headsMet: boolean; areaMet: boolean };
  outcome: ElectionOutcome;
  /** The rulebook's order of passing candidates (rule 15), recorded with the count. */
  tieBreak: Rulebook['electionTieBreak'];
  seats: number;
  alternateSeats: number;
  candidates: CandidateResult[];
  elected: Candidate[];
  alternates: Candidate[];
  unfilledSeats: number;
  /** Candidates who passed but tie, by area and heads, across the last seat: none of them takes it. */
  tiedAtCutoff: string[];
}

export interface ByElectionOf {
  committeeElectionId: string;
  termEndsAt: string;
}
