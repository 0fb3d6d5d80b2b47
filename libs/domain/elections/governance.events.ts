import type { Vacancy } from '../governance/committee-size.js';
import type { ByElectionOf, Candidate, ElectionOutcome } from './types.js';

/**
 * The life of a community's governing body (DOMAIN.md rules 14–17), one stream per community. The
 * appointment of a preparatory group or PMC stays in the community stream (ManagingBodyAppointed);
 * everything from the election's result onwards is here.
 */

export type PredecessorKind = 'PREPARATORY_GROUP' | 'PMC' | 'COMMITTEE';

export interface ElectionHeldData {
  electionId: string;
  title: string;
  closedAt: string;
  outcome: ElectionOutcome;
  seats: number;
  elected: Candidate[];
  alternates: Candidate[];
  unfilledSeats: number;
  /** The election's close event: the quorum record the street office reviews and names when it files. */
  closeEventId: string;
  /** Rule 14: the term the election was held for, from its close. */
  termYears: number;
  /** Rule 16: the street office files within this many days of the election. */
  filingDueBy: string;
  rulebook: string;
  rulebookVersion: string;
  /** Rule 29: a by-election fills the empty seats of this committee, for the rest of its term. */
  byElection?: ByElectionOf;
  /** Rule 29: candidates tied on area and heads for the last seat took none of it; a run-off is due. */
  runOffDue?: string[];
}

export type { ByElectionOf } from './types.js';

export interface CommitteeFiledData {
  electionId: string;
  /** The close event of the quorum record the street office reviewed (rule 16). */
  closeEventId: string;
  filedAt: string;
  filedBy: string;
  seats: number;
  members: Candidate[];
  alternates: Candidate[];
  electedAt: string;
  termEndsAt: string;
  /** Filed after filingDueBy: allowed, and shown. */
  late: boolean;
  supersedes: { kind: PredecessorKind; since: string } | null;
  /** Rule 17: a PMC in office is dissolved by this time; null when no PMC was superseded. */
  pmcDissolveBy: string | null;
}

export type GovernanceEvent =
  | { type: 'ElectionHeld'; data: ElectionHeldData }
  | { type: 'CommitteeFiled'; data: CommitteeFiledData }
  | {
      type: 'CommitteeFilingRefused';
      data: { electionId: string; closeEventId: string; refusedAt: string; refusedBy: string; reason: string };
    }
  | {
      type: 'CommitteeMemberResigned';
      /** resignedBy: the owner id the resigning account stands for (rule 29: the same as ownerId); absent in older events. */
      data: {
        ownerId: string;
        resignedAt: string;
        steppedUp: Candidate | null;
        resignedBy?: string;
        vacancy?: Vacancy;
      };
    }
  | {
      type: 'CommitteeMemberRemoved';
      /** Rule 29 (罢免): the owners' passed resolution that removes the member, and its close event. */
      data: {
        ownerId: string;
        resolutionId: string;
        closeEventId: string;
        removedAt: string;
        recordedBy: string;
        steppedUp: Candidate | null;
        vacancy: Vacancy;
      };
    }
  | {
      type: 'ByElectionFiled';
      data: {
        electionId: string;
        closeEventId: string;
        filedAt: string;
        filedBy: string;
        joined: Candidate[];
        alternates: Candidate[];
        late: boolean;
        vacancy: Vacancy;
      };
    }
  | {
      type: 'PmcDissolved';
      data: { pmcAppointedAt: string; dissolvedAt: string; dueBy: string | null; late: boolean };
    };

export type GovernanceEventType = GovernanceEvent['type'];

export const GOVERNANCE_EVENT_TYPES: readonly GovernanceEventType[] = [
  'ElectionHeld',
  'CommitteeFiled',
  'CommitteeFilingRefused',
  'CommitteeMemberResigned',
  'CommitteeMemberRemoved',
  'ByElectionFiled',
  'PmcDissolved',
];

export const governanceStream = (communityId: string) => `governance-${communityId}`;
