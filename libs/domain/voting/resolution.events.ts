import type { MenuOption } from '../governance/menu.js';
import type { Choice, TallyJson } from '../governance/quorum.js';
import type { Matter } from '../governance/rulebooks.js';

/**
 * A vote of the owners' assembly (DOMAIN.md rules 8–13). Event data is plain JSON — amounts "700000.00",
 * areas "89.37", times ISO strings — so an exported stream recomputes the same tally anywhere.
 */

export type Channel = 'ONLINE' | 'PAPER' | 'PROXY';

export const CHANNELS: readonly Channel[] = ['ONLINE', 'PAPER', 'PROXY'];

/** A voter as the roster stood when the vote opened (rule 4): later transfers do not reach it. */
export interface FrozenVoter {
  voterId: string;
  representativeId: string;
  ownerIds: string[];
  unitIds: string[];
  area: string;
}

export interface Budget {
  amount: string;
  fund: 'PUBLIC_REVENUE' | 'MAINTENANCE_FUND';
  units: string[] | null;
  buildings: string[] | null;
}

export interface BallotData {
  /** Whose vote: the owner who represents `voterIds` (for PROXY, the principal, not the proxy). */
  ownerId: string;
  voterIds: string[];
  choice: Choice;
  /** On a menu vote (SERVICE_MENU, SURVEY with options), a FOR ballot's ranking, most preferred first. */
  ranking?: string[];
  channel: Channel;
  /** The account or actor that submitted it: the owner, the proxy, or the committee member for PAPER. */
  castBy: string;
  proxyOwnerId: string | null;
  evidenceSha256: string | null;
  castAt: string;
  /** Rule 33: cast through an owner account the committee activated on the owner's behalf: that committee account. */
  activatedBy?: string;
}

export interface ResolutionDraftedData {
  resolutionId: string;
  communityId: string;
  title: string;
  description: string;
  matter: Matter;
  rulebook: string;
  rulebookVersion: string;
  opensAt: string;
  closesAt: string;
  budget: Budget | null;
  /** A menu vote's options to rank (SCENARIOS.md 5); absent on a FOR/AGAINST vote. */
  options?: MenuOption[];
  /** A MANAGEMENT_COVENANT vote's spending caps for the committee (rule 27): what the owners adopt, nobody else sets. */
  covenant?: CovenantCaps;
  draftedAt: string;
  /** Rule 29 (罢免): an ELECT_COMMITTEE vote that, passed, removes this member of the committee. */
  removal?: { ownerId: string };
}

/** Yuan strings, "5000.00". */
export interface CovenantCaps {
  perItemCap: string;
  yearlyCap: string;
}

/** Rule 25: whose vote it was. BEARERS: only the owners of the units and buildings its budget charges. */
export interface RosterScope {
  scope: 'COMMUNITY' | 'BEARERS';
  units: string[];
  buildings: string[];
}

export interface ProxyAuthorisedData {
  ownerId: string;
  proxyOwnerId: string | null;
  proxyName: string | null;
  evidenceSha256: string;
  authorisedAt: string;
}

export interface ResolutionClosedData {
  closedAt: string;
  tally: TallyJson;
  ballotsCounted: number;
  /** RFC 6962 root over the leaf hashes of the ballots counted, in stream order (see counted-ballots.ts). */
  countedRoot: string;
  /** Leaves in that tree: the counted ballots, each once. */
  countedSize: number;
  resultsDueBy: string | null;
  resultsLate: boolean;
}

export type ResolutionEvent =
  | { type: 'ResolutionDrafted'; data: ResolutionDraftedData }
  | { type: 'ResolutionPosted'; data: { postedAt: string } }
  | {
      type: 'ResolutionOpened';
      data: {
        openedAt: string;
        rosterHash: string;
        eligible: { heads: number; areaM2: string };
        voters: FrozenVoter[];
        /** Rule 25: present when the budget names bearers; `unitIds` are the units they came to when the roster froze. */
        bearers?: { units: string[]; buildings: string[]; unitIds: string[] };
      };
    }
  | { type: 'ProxyAuthorised'; data: ProxyAuthorisedData }
  | { type: 'BallotCast'; data: BallotData }
  | { type: 'LateBallotRecorded'; data: BallotData & { reason: 'RESOLUTION_CLOSED' } }
  | { type: 'ResolutionClosed'; data: ResolutionClosedData };

export type ResolutionEventType = ResolutionEvent['type'];

export const RESOLUTION_EVENT_TYPES: readonly ResolutionEventType[] = [
  'ResolutionDrafted',
  'ResolutionPosted',
  'ResolutionOpened',
  'ProxyAuthorised',
  'BallotCast',
  'LateBallotRecorded',
  'ResolutionClosed',
];

export const resolutionStream = (resolutionId: string) => `resolution-${resolutionId}`;
