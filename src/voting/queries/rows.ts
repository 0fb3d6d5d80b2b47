import type { TallyJson } from '@gongzhi/domain/governance/quorum.js';

// The voting read model's rows as pg answers them: bigint columns (areas in hundredths of m², positions)
// as strings, timestamptz as Date, jsonb parsed, text[] as arrays.

/** voting_resolutions: a vote from its draft to its close. */
export interface ResolutionRow {
  resolution_id: string;
  community_id: string;
  title: string;
  description: string;
  matter: string;
  rulebook: string;
  rulebook_version: string;
  status: string;
  opens_at: Date;
  closes_at: Date;
  /** The budget as drafted (amount, bearers); null for a vote that spends nothing. */
  budget: unknown;
  options: { optionId: string; label: string }[] | null;
  drafted_at: Date;
  posted_at: Date | null;
  opened_at: Date | null;
  closed_at: Date | null;
  roster_hash: string | null;
  eligible_heads: number | null;
  eligible_area: string | null;
  tally: TallyJson | null;
  outcome: string | null;
  results_due_by: Date | null;
  results_late: boolean | null;
  close_event_id: string | null;
  close_position: string | null;
}

/** voting_voters: a voter of a vote's frozen roster (a unit's owners voting as one). */
export interface VoterRow {
  resolution_id: string;
  voter_id: string;
  representative_id: string;
  owner_ids: string[];
  unit_ids: string[];
  area: string;
}

/** voting_ballots: every ballot cast, replaced and late ones too. */
export interface BallotRow {
  event_id: string;
  resolution_id: string;
  community_id: string;
  position: string;
  owner_id: string;
  voter_ids: string[];
  choice: string;
  /** A menu vote's ranking of options; null on a FOR/AGAINST vote. */
  ranking: string[] | null;
  channel: string;
  cast_by: string;
  proxy_owner_id: string | null;
  evidence_sha256: string | null;
  cast_at: Date;
  late: boolean;
  /** Rule 33: the committee member who activated the account the ballot came through. */
  activated_by: string | null;
}

type Nullable<T> = { [K in keyof T]: T[K] | null };

/** A voter of the roster with the ballot that counts for it, if any (a LEFT JOIN: nulls when none). */
export type VoterWithBallotRow = Pick<VoterRow, 'voter_id' | 'representative_id' | 'owner_ids' | 'unit_ids' | 'area'> &
  Nullable<
    Pick<
      BallotRow,
      'event_id' | 'choice' | 'ranking' | 'channel' | 'cast_at' | 'proxy_owner_id' | 'evidence_sha256' | 'activated_by'
    > & { ballot_owner_id: string }
  >;

/** An owner's ballot with its vote's title. */
export type OwnersBallotRow = Omit<BallotRow, 'community_id' | 'voter_ids' | 'activated_by'> &
  Pick<ResolutionRow, 'title'>;
