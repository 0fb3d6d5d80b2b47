import type { CommitteeView } from '@gongzhi/domain/elections/committee-view.js';
import type { ElectionResult } from '@gongzhi/domain/elections/election-count.js';
import type { Candidate } from '@gongzhi/domain/elections/election.events.js';

// The elections read model's rows as pg answers them: bigint columns (areas in hundredths of m², positions)
// as strings, timestamptz as Date, jsonb parsed, text[] as arrays.

/** elections_elections: an election from its draft to its close. */
export interface ElectionRow {
  election_id: string;
  community_id: string;
  title: string;
  seats: number;
  alternates: number;
  candidates: Candidate[];
  rulebook: string;
  rulebook_version: string;
  status: string;
  opens_at: Date;
  closes_at: Date;
  drafted_at: Date;
  posted_at: Date | null;
  opened_at: Date | null;
  closed_at: Date | null;
  roster_hash: string | null;
  eligible_heads: number | null;
  eligible_area: string | null;
  result: ElectionResult | null;
  close_event_id: string | null;
}

/** elections_voters: a voter of an election's frozen roster (a unit's owners voting as one). */
export interface VoterRow {
  election_id: string;
  voter_id: string;
  representative_id: string;
  owner_ids: string[];
  unit_ids: string[];
  area: string;
}

/** elections_ballots: every ballot cast, replaced and late ones too. */
export interface BallotRow {
  event_id: string;
  election_id: string;
  position: string;
  owner_id: string;
  voter_ids: string[];
  selections: string[];
  channel: string;
  cast_by: string;
  evidence_sha256: string | null;
  cast_at: Date;
  late: boolean;
  /** Rule 33: the committee member who activated the account the ballot came through. */
  activated_by: string | null;
}

/** A voter of the roster with the ballot that counts for it, if any (a LEFT JOIN: null when none). */
export type VoterWithBallotRow = Pick<
  VoterRow,
  'voter_id' | 'representative_id' | 'owner_ids' | 'unit_ids' | 'area'
> & {
  [K in 'event_id' | 'selections' | 'channel' | 'cast_at' | 'evidence_sha256' | 'activated_by']: BallotRow[K] | null;
};

/** An owner's ballot with its election's title and candidates. */
export type OwnersBallotRow = Omit<BallotRow, 'activated_by'> & Pick<ElectionRow, 'title' | 'candidates'>;

/** elections_committee_views: a community's governing body and its history, and the last event folded in. */
export interface CommitteeViewRow {
  community_id: string;
  district: string;
  view: CommitteeView;
  last_position: string;
}
