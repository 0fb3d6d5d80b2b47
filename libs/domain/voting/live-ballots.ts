import type { Choice } from '../governance/quorum.js';
import type { BallotData } from './resolution.events.js';
import type { BallotNode, ResolutionState } from './types.js';
import { placesOf } from '../governance/counted-ballots.js';

/**
 * Which ballot counts for each voter (DOMAIN.md rules 9, 10): the owner's own latest ballot (ONLINE or
 * PAPER) if there is one, else the latest PROXY ballot. In person beats proxy whatever the order, so an
 * owner can always take back a vote cast in their name. Replaced ballots stay in the record.
 */
export interface LiveBallot {
  voterId: string;
  choice: Choice;
  area: bigint;
  ballot: BallotData;
}

/** One per voter who took part, in frozen-roster order; O(ballots + voters). */
export function liveBallots(state: ResolutionState): LiveBallot[] {
  if (state.status !== 'open' && state.status !== 'closed') return [];
  const own = new Map<string, BallotData>();
  const byProxy = new Map<string, BallotData>();
  // Newest first, so the first ballot seen for a voter in each map is that voter's latest.
  for (let node: BallotNode | null = state.ballots; node; node = node.next) {
    const ballot = node.ballot;
    const latest = ballot.channel === 'PROXY' ? byProxy : own;
    for (const voterId of ballot.voterIds) if (!latest.has(voterId)) latest.set(voterId, ballot);
  }
  const live: LiveBallot[] = [];
  for (const voter of state.roster.voters) {
    const ballot = own.get(voter.voterId) ?? byProxy.get(voter.voterId);
    if (ballot)
      live.push({
        voterId: voter.voterId,
        choice: ballot.choice,
        area: state.roster.areaOf.get(voter.voterId)!,
        ballot,
      });
  }
  return live;
}

/**
 * Answered once per ballot list and roster: a close asks for it while it is decided, and so do the caller
 * that computed its counted root and a verifier that recomputes it; each would walk every ballot again.
 */
const placesByList = new WeakMap<BallotNode, { roster: unknown; places: ReadonlyMap<string, number> }>();

/** Each voter who took part → the place in ballotRecord of their live ballot: what the close's counted root covers. */
export function liveBallotPlaces(state: ResolutionState): ReadonlyMap<string, number> {
  if (state.status !== 'open' && state.status !== 'closed') return new Map();
  const known = state.ballots && placesByList.get(state.ballots);
  if (known && known.roster === state.roster) return known.places;
  const places = placesOf(state.ballots, state.ballotCount);
  const live: ReadonlyMap<string, number> = new Map(
    liveBallots(state).map((ballot) => [ballot.voterId, places.get(ballot.ballot)!]),
  );
  if (state.ballots) placesByList.set(state.ballots, { roster: state.roster, places: live });
  return live;
}

/** Every ballot that preceded the close, replaced or not, oldest first (rule 9: all stay in the record). */
export function ballotRecord(state: ResolutionState): BallotData[] {
  if (state.status !== 'open' && state.status !== 'closed') return [];
  return listOldestFirst(state.ballots);
}

/** Ballots that arrived after the close event: recorded, never counted (rule 12). */
export function lateBallots(state: ResolutionState): BallotData[] {
  return state.status === 'closed' ? listOldestFirst(state.lateBallots) : [];
}

function listOldestFirst(list: BallotNode | null): BallotData[] {
  const out: BallotData[] = [];
  for (let node = list; node; node = node.next) out.push(node.ballot);
  return out.reverse();
}
