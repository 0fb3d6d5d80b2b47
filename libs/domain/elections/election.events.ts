import type { FrozenVoter } from '../voting/resolution.events.js';
import type { ByElectionOf, Candidate, ElectionResult } from './types.js';

/**
 * An election of the owners' committee (DOMAIN.md rules 5, 14, 15): a vote of matter ELECT_COMMITTEE
 * whose ballot names candidates instead of FOR/AGAINST. Event data is plain JSON, as for resolutions.
 * Type names differ from the resolution events' because projections are routed by event type.
 */

export type ElectionChannel = 'ONLINE' | 'PAPER';

export type { Candidate } from './types.js';

export interface ElectionDraftedData {
  electionId: string;
  communityId: string;
  title: string;
  seats: number;
  alternates: number;
  candidates: Candidate[];
  /** Rule 14: the committee's term, at most the rulebook's maximum; it runs from the election's close. */
  termYears: number;
  rulebook: string;
  rulebookVersion: string;
  opensAt: string;
  closesAt: string;
  draftedAt: string;
  /** Rule 29: a by-election (补选) of the empty seats of the committee in office; its term is that committee's. */
  byElection?: ByElectionOf;
}

export interface ElectionBallotData {
  ownerId: string;
  voterIds: string[];
  selections: string[];
  channel: ElectionChannel;
  castBy: string;
  evidenceSha256: string | null;
  castAt: string;
  /** Rule 33: cast through an owner account the committee activated on the owner's behalf: that committee account. */
  activatedBy?: string;
}

export interface ElectionClosedData {
  closedAt: string;
  result: ElectionResult;
  ballotsCounted: number;
  /** RFC 6962 root over the leaf hashes of the ballots counted, in stream order (voting/counted-ballots.ts). */
  countedRoot: string;
  countedSize: number;
}

export type ElectionEvent =
  | { type: 'ElectionDrafted'; data: ElectionDraftedData }
  | { type: 'ElectionPosted'; data: { postedAt: string } }
  | {
      type: 'ElectionOpened';
      data: {
        openedAt: string;
        rosterHash: string;
        eligible: { heads: number; areaM2: string };
        voters: FrozenVoter[];
      };
    }
  | { type: 'ElectionBallotCast'; data: ElectionBallotData }
  | { type: 'LateElectionBallotRecorded'; data: ElectionBallotData & { reason: 'ELECTION_CLOSED' } }
  | { type: 'ElectionClosed'; data: ElectionClosedData };

export type ElectionEventType = ElectionEvent['type'];

export const ELECTION_EVENT_TYPES: readonly ElectionEventType[] = [
  'ElectionDrafted',
  'ElectionPosted',
  'ElectionOpened',
  'ElectionBallotCast',
  'LateElectionBallotRecorded',
  'ElectionClosed',
];

export const electionStream = (electionId: string) => `election-${electionId}`;
