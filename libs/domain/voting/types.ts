import type { Voter } from '../registry/counting.js';
import type { CountedBallots } from '../governance/counted-ballots.js';
import type { MenuOption } from '../governance/menu.js';
import type { BearingUnit } from './bearers.js';
import type { FrozenRoster } from './frozen-roster.js';
import type {
  BallotData,
  Budget,
  Channel,
  ProxyAuthorisedData,
  ResolutionClosedData,
  ResolutionDraftedData,
} from './resolution.events.js';

/*
 * The resolution aggregate's commands and states, in a file of their own: the decider (resolution.ts) and the
 * rules it uses (live-ballots.ts) both read them, and neither imports the other for a type (no cycle).
 */

export interface BudgetInput {
  amount: bigint; // fen
  fund: Budget['fund'];
  units?: string[];
  buildings?: string[];
}

export type ResolutionCommand =
  | {
      type: 'DraftResolution';
      data: {
        resolutionId: string;
        communityId: string;
        title: string;
        description: string;
        matter: string;
        rulebook: string;
        opensAt: Date;
        closesAt: Date;
        budget: BudgetInput | null;
        /** SERVICE_MENU and SURVEY only: the options owners rank. */
        options?: MenuOption[];
        /** Rule 29: the committee member the owners are asked to remove (an ELECT_COMMITTEE vote). */
        removal?: { ownerId: string };
        /** MANAGEMENT_COVENANT only: the caps the covenant delegates to the committee (rule 27), in fen. */
        covenant?: { perItemCap: bigint; yearlyCap: bigint } | null;
        now: Date;
      };
    }
  | { type: 'PostResolution'; data: { now: Date } }
  | {
      type: 'OpenResolution';
      /**
       * `voters`: the whole community's; `units`: its units with their buildings and areas, which a vote
       * whose budget names bearers needs to freeze only their owners (rule 25). `rosterHash` is of the
       * roster frozen (rosterForBudget gives it).
       */
      data: { voters: Voter[]; units?: readonly BearingUnit[]; rosterHash: string; now: Date };
    }
  | {
      type: 'AuthoriseProxy';
      data: { ownerId: string; proxyOwnerId?: string; proxyName?: string; evidenceSha256?: string; now: Date };
    }
  | {
      type: 'CastBallot';
      data: {
        ownerId: string;
        /** FOR, AGAINST or ABSTAIN; on a menu vote, ABSTAIN or left out when a ranking is given. */
        choice?: string;
        ranking?: string[];
        channel: Channel;
        castBy: string;
        /** For a PROXY ballot cast online: the proxy's own owner id. */
        proxyOwnerId?: string;
        evidenceSha256?: string;
        /** Rule 33: the committee account that activated the casting owner account, if it did. */
        activatedBy?: string;
        now: Date;
      };
    }
  | {
      type: 'CloseResolution';
      /** `counted`: the root the caller computed over the stored events of the ballots liveBallotPlaces names. */
      data: { now: Date; counted: CountedBallots };
    };

/**
 * Ballots as an immutable list, newest first. A vote may take 100,000 ballots, and states are cached and
 * shared: prepending a node is O(1) and leaves every earlier state intact, where copying a Map per
 * ballot would make the fold quadratic.
 */
export interface BallotNode {
  ballot: BallotData;
  next: BallotNode | null;
}

export interface ProxyNode {
  proxy: ProxyAuthorisedData;
  next: ProxyNode | null;
}

interface Drafted {
  resolution: ResolutionDraftedData;
}
interface Posted extends Drafted {
  postedAt: string;
  proxies: ProxyNode | null;
}
interface Voting extends Posted {
  openedAt: string;
  roster: FrozenRoster;
  ballots: BallotNode | null;
  ballotCount: number;
}

/**
 * The life of a vote, a resolution's or an election's: drafted, posted before it opens (rule 8), open on
 * its frozen roster (rule 4), closed. Each status keeps what came before it.
 */
export type VoteLifecycle<Drafted, Posted extends Drafted, Voting extends Posted, Closed> =
  | { status: 'none' }
  | ({ status: 'drafted' } & Drafted)
  | ({ status: 'posted' } & Posted)
  | ({ status: 'open' } & Voting)
  | ({ status: 'closed' } & Voting & Closed);

export type ResolutionState = VoteLifecycle<
  Drafted,
  Posted,
  Voting,
  { closed: ResolutionClosedData; lateBallots: BallotNode | null; lateCount: number }
>;

export type VotingState = Extract<ResolutionState, { status: 'open' | 'closed' }>;
