import type { Voter } from '../registry/counting.js';
import type { Decider } from '../shared/decider.js';
import { conflict, forbidden, invalid, notFound } from '../shared/domain-error.js';
import { SHA256 } from '../shared/evidence.js';
import { at, DAY_MS, iso, timeOf } from '../shared/time.js';
import { rulebookById, type Rulebook } from '../governance/rulebooks.js';
import { freezeRoster, rosterToFreeze, type FrozenRoster } from '../voting/frozen-roster.js';
import type { VoteLifecycle } from '../voting/types.js';
import {
  checkCounted,
  countedIndexes,
  lengthOf,
  placesOf,
  type CountedBallots,
} from '../governance/counted-ballots.js';
import { castOrLate } from '../governance/late-ballot.js';
import { checkCommitteeSize } from '../governance/committee-size.js';
import { countElection, type ElectionBallot } from './election-count.js';
import type { ByElectionOf } from './governance.events.js';
import type {
  Candidate,
  ElectionBallotData,
  ElectionChannel,
  ElectionClosedData,
  ElectionDraftedData,
  ElectionEvent,
} from './election.events.js';

export type ElectionCommand =
  | {
      type: 'DraftElection';
      data: {
        electionId: string;
        communityId: string;
        title: string;
        seats: number;
        alternates: number;
        candidates: Candidate[];
        /** Absent: the rulebook's maximum term. */
        termYears?: number;
        rulebook: string;
        /** Units of the community now: rule 14 allows 3 members where there are at most 100. */
        households: number;
        /** The community's registered owners: every candidate must be one. */
        ownerIds: ReadonlySet<string>;
        opensAt: Date;
        closesAt: Date;
        now: Date;
        /** Rule 29: asked for a by-election; what the governance stream says of the committee in office. */
        byElection?: ByElectionContext;
      };
    }
  | { type: 'PostElection'; data: { now: Date } }
  | { type: 'OpenElection'; data: { voters: Voter[]; rosterHash: string; now: Date } }
  | {
      type: 'CastElectionBallot';
      data: {
        ownerId: string;
        selections: string[];
        channel: ElectionChannel;
        castBy: string;
        evidenceSha256?: string;
        activatedBy?: string;
        now: Date;
      };
    }
  | {
      type: 'CloseElection';
      /** `counted`: the root the caller computed over the stored events of the ballots liveElectionBallotPlaces names. */
      data: { now: Date; counted: CountedBallots };
    };

/** The committee whose empty seats a by-election fills, as the governance stream has it now (null: none in office). */
export type ByElectionContext = {
  committee: {
    electionId: string;
    termEndsAt: string;
    emptySeats: number;
    byElectionDue: boolean;
    memberOwnerIds: readonly string[];
  } | null;
};

/** Rule 29: a by-election is of exactly the empty seats of a committee in office that is due one. */
function checkByElection(
  context: ByElectionContext,
  seats: number,
  alternates: number,
  candidates: readonly Candidate[],
): ByElectionOf {
  const c = context.committee;
  if (!c)
    throw conflict(
      'NO_COMMITTEE',
      "no filed owners' committee is in office: there are no empty seats to fill; elect a whole committee",
    );
  if (!c.byElectionDue)
    throw conflict(
      'BY_ELECTION_NOT_DUE',
      `the committee in office is of lawful size (${c.emptySeats} empty seats); no by-election is due`,
      { emptySeats: c.emptySeats },
    );
  if (seats !== c.emptySeats)
    throw invalid('BY_ELECTION_SEATS', `a by-election fills exactly the ${c.emptySeats} empty seats, not ${seats}`, {
      emptySeats: c.emptySeats,
    });
  if (!Number.isSafeInteger(alternates) || alternates < 0 || alternates > seats)
    throw invalid('TOO_MANY_ALTERNATES', `alternates may number 0 to ${seats}, not ${alternates}`);
  const sitting = candidates.find((k) => c.memberOwnerIds.includes(k.ownerId));
  if (sitting)
    throw invalid(
      'CANDIDATE_ALREADY_A_MEMBER',
      `candidate ${sitting.candidateId} (${sitting.ownerId}) already sits on the committee`,
      { candidateId: sitting.candidateId },
    );
  return { committeeElectionId: c.electionId, termEndsAt: c.termEndsAt };
}

/** Newest first; prepending is O(1) and keeps earlier (cached) states intact, as for resolutions. */
export interface ElectionBallotNode {
  ballot: ElectionBallotData;
  next: ElectionBallotNode | null;
}

/** The roster as it stood when the election opened: frozen as a resolution's is. */
export type ElectionRoster = FrozenRoster;

interface Drafted {
  election: ElectionDraftedData;
}
interface Posted extends Drafted {
  postedAt: string;
}
interface Voting extends Posted {
  openedAt: string;
  roster: ElectionRoster;
  ballots: ElectionBallotNode | null;
}

export type ElectionState = VoteLifecycle<
  Drafted,
  Posted,
  Voting,
  { closed: ElectionClosedData; lateBallots: ElectionBallotNode | null }
>;

export type VotingElection = Extract<ElectionState, { status: 'open' | 'closed' }>;

const ID = /^[A-Za-z0-9][\w.:\-/]{0,63}$/;
const MAX_CANDIDATES = 200;

function drafted(state: ElectionState): Exclude<ElectionState, { status: 'none' }> {
  if (state.status === 'none') throw notFound('ELECTION_NOT_FOUND', 'no election with this id has been drafted');
  return state;
}

/** Counted under the version it was drafted under, never a newer one (rule 13). */
export function rulebookOfElection(election: ElectionDraftedData): Rulebook {
  const rulebook = rulebookById(election.rulebook);
  if (rulebook.version !== election.rulebookVersion) {
    throw conflict(
      'RULEBOOK_VERSION_UNAVAILABLE',
      `this election was drafted under ${election.rulebook} ${election.rulebookVersion}, which is not available`,
    );
  }
  return rulebook;
}

/** The owner's live ballot per voter: the latest, whatever its channel (no proxies in elections). */
export function liveElectionBallots(state: ElectionState): (ElectionBallot & { ballot: ElectionBallotData })[] {
  if (state.status !== 'open' && state.status !== 'closed') return [];
  const latest = new Map<string, ElectionBallotData>();
  for (let node = state.ballots; node; node = node.next) {
    for (const voterId of node.ballot.voterIds) if (!latest.has(voterId)) latest.set(voterId, node.ballot);
  }
  return state.roster.voters.flatMap((v) => {
    const ballot = latest.get(v.voterId);
    return ballot
      ? [{ voterId: v.voterId, area: state.roster.areaOf.get(v.voterId)!, selections: ballot.selections, ballot }]
      : [];
  });
}

/** Each voter who took part → the place (0 = first ballot cast) of their live ballot among the ballots before the close. */
export function liveElectionBallotPlaces(state: ElectionState): Map<string, number> {
  if (state.status !== 'open' && state.status !== 'closed') return new Map();
  const places = placesOf(state.ballots, lengthOf(state.ballots));
  return new Map(liveElectionBallots(state).map((live) => [live.voterId, places.get(live.ballot)!]));
}

export function closingResult(state: VotingElection) {
  const live = liveElectionBallots(state);
  const e = state.election;
  return {
    result: countElection(rulebookOfElection(e), e.seats, e.alternates, e.candidates, state.roster.eligible, live),
    ballotsCounted: live.length,
  };
}

function decideDraft(
  state: ElectionState,
  d: Extract<ElectionCommand, { type: 'DraftElection' }>['data'],
): ElectionEvent[] {
  if (state.status !== 'none')
    throw conflict('ELECTION_EXISTS', `election ${state.election.electionId} already exists`);
  const title = d.title.trim();
  if (title.length < 1 || [...title].length > 200) throw invalid('INVALID_TITLE', 'a title needs 1 to 200 characters');
  const rulebook = rulebookById(d.rulebook);
  const byElection = d.byElection ? checkByElection(d.byElection, d.seats, d.alternates, d.candidates) : undefined;
  if (!byElection) checkCommitteeSize(rulebook, d.households, d.seats, d.alternates);
  const maxTerm = rulebook.committee.maxTermYears;
  // A by-election's members serve the rest of the committee's term: it counts from that committee's close.
  const termYears = byElection ? 0 : (d.termYears ?? maxTerm);
  if (!byElection && (!Number.isSafeInteger(termYears) || termYears < 1 || termYears > maxTerm)) {
    throw invalid('TERM_TOO_LONG', `a committee's term is 1 to ${maxTerm} years (${rulebook.id}), not ${termYears}`, {
      maximum: maxTerm,
    });
  }
  if (d.candidates.length === 0 || d.candidates.length > MAX_CANDIDATES) {
    throw invalid('INVALID_CANDIDATES', `name 1 to ${MAX_CANDIDATES} candidates`);
  }
  const ids = new Set<string>();
  const owners = new Set<string>();
  for (const c of d.candidates) {
    if (!ID.test(c.candidateId))
      throw invalid(
        'INVALID_CANDIDATE_ID',
        `candidate id "${c.candidateId}" must be 1–64 letters, digits or . _ - : /`,
      );
    if (ids.has(c.candidateId)) throw invalid('DUPLICATE_CANDIDATE', `candidate ${c.candidateId} is listed twice`);
    if (owners.has(c.ownerId)) throw invalid('DUPLICATE_CANDIDATE', `owner ${c.ownerId} stands twice`);
    if (!d.ownerIds.has(c.ownerId)) {
      throw invalid(
        'CANDIDATE_NOT_AN_OWNER',
        `candidate ${c.candidateId} names ${c.ownerId}, who is not a registered owner of this community`,
        { candidateId: c.candidateId },
      );
    }
    ids.add(c.candidateId);
    owners.add(c.ownerId);
  }
  const opensAt = timeOf(d.opensAt, 'opensAt');
  const closesAt = timeOf(d.closesAt, 'closesAt');
  const now = timeOf(d.now, 'now');
  if (closesAt <= opensAt)
    throw invalid('INVALID_PERIOD', `closesAt (${iso(closesAt)}) must be after opensAt (${iso(opensAt)})`);
  return [
    {
      type: 'ElectionDrafted',
      data: {
        electionId: d.electionId,
        communityId: d.communityId,
        title,
        seats: d.seats,
        alternates: d.alternates,
        candidates: d.candidates.map((c) => ({ candidateId: c.candidateId, name: c.name.trim(), ownerId: c.ownerId })),
        termYears,
        rulebook: rulebook.id,
        rulebookVersion: rulebook.version,
        opensAt: iso(opensAt),
        closesAt: iso(closesAt),
        draftedAt: iso(now),
        ...(byElection ? { byElection } : {}),
      },
    },
  ];
}

/** Rule 8 applies to elections as to every vote. */
function decidePost(state: ElectionState, nowDate: Date): ElectionEvent[] {
  const current = drafted(state);
  if (current.status !== 'drafted') throw conflict('ELECTION_ALREADY_POSTED', 'this election was already posted');
  const now = timeOf(nowDate, 'now');
  const days = rulebookOfElection(current.election).postingPeriodDays;
  const earliest = now + (days ?? 0) * DAY_MS;
  if (at(current.election.opensAt) < earliest) {
    throw conflict(
      'POSTING_PERIOD_TOO_SHORT',
      `posted now, the election may open at ${iso(earliest)} at the earliest, but opensAt is ${current.election.opensAt}`,
      {
        earliestOpensAt: iso(earliest),
        postingPeriodDays: days ?? 0,
      },
    );
  }
  return [{ type: 'ElectionPosted', data: { postedAt: iso(now) } }];
}

function decideOpen(
  state: ElectionState,
  d: Extract<ElectionCommand, { type: 'OpenElection' }>['data'],
): ElectionEvent[] {
  const current = drafted(state);
  if (current.status === 'drafted') throw conflict('NOT_POSTED', 'this election was never posted; post it first');
  if (current.status === 'open') throw conflict('ELECTION_ALREADY_OPEN', `the election opened at ${current.openedAt}`);
  if (current.status === 'closed')
    throw conflict('ELECTION_CLOSED', `the election closed at ${current.closed.closedAt}`);
  const now = timeOf(d.now, 'now');
  if (now < at(current.election.opensAt))
    throw conflict('TOO_EARLY_TO_OPEN', `the election may open at ${current.election.opensAt}, not before`);
  if (now >= at(current.election.closesAt))
    throw conflict('TOO_LATE_TO_OPEN', `the voting period ended at ${current.election.closesAt}`);
  const roster = rosterToFreeze(d.voters, d.rosterHash);
  return [{ type: 'ElectionOpened', data: { openedAt: iso(now), ...roster } }];
}

function decideBallot(
  state: ElectionState,
  d: Extract<ElectionCommand, { type: 'CastElectionBallot' }>['data'],
): ElectionEvent[] {
  const current = drafted(state);
  if (current.status !== 'open' && current.status !== 'closed') {
    throw conflict(
      'ELECTION_NOT_OPEN',
      `the election opens at ${current.election.opensAt}; no ballot is taken before it opens`,
    );
  }
  const { seats, candidates } = current.election;
  if (new Set(d.selections).size !== d.selections.length)
    throw invalid('DUPLICATE_SELECTION', 'a candidate is selected twice');
  if (d.selections.length > seats) {
    throw invalid(
      'TOO_MANY_SELECTIONS',
      `select at most ${seats} candidates (the number of seats), not ${d.selections.length}`,
      { seats },
    );
  }
  for (const id of d.selections) {
    if (!candidates.some((c) => c.candidateId === id))
      throw invalid('UNKNOWN_CANDIDATE', `${id} is not a candidate in this election`, { candidateId: id });
  }
  if (d.channel !== 'ONLINE' && d.channel !== 'PAPER')
    throw invalid('INVALID_CHANNEL', `channel must be ONLINE or PAPER`);
  let evidenceSha256: string | null = null;
  if (d.channel === 'PAPER') {
    if (!d.evidenceSha256 || !SHA256.test(d.evidenceSha256)) {
      throw invalid('EVIDENCE_REQUIRED', 'a paper ballot needs the SHA-256 of its scan (64 lowercase hex digits)');
    }
    evidenceSha256 = d.evidenceSha256;
  }
  const voterIds = [...(current.roster.byRepresentative.get(d.ownerId) ?? [])];
  if (voterIds.length === 0) {
    throw forbidden(
      'NOT_A_VOTER',
      `${d.ownerId} casts for no voter on the roster frozen when this election opened (${current.openedAt})`,
      { ownerId: d.ownerId },
    );
  }
  const now = timeOf(d.now, 'now');
  const ballot: ElectionBallotData = {
    ownerId: d.ownerId,
    voterIds,
    selections: [...d.selections],
    channel: d.channel,
    castBy: d.castBy,
    evidenceSha256,
    castAt: iso(now),
    ...(d.activatedBy ? { activatedBy: d.activatedBy } : {}),
  };
  return castOrLate(current, ballot, {
    cast: 'ElectionBallotCast',
    late: 'LateElectionBallotRecorded',
    reason: 'ELECTION_CLOSED',
  });
}

function decideClose(
  state: ElectionState,
  { now: nowDate, counted }: Extract<ElectionCommand, { type: 'CloseElection' }>['data'],
): ElectionEvent[] {
  const current = drafted(state);
  if (current.status === 'closed')
    throw conflict('ELECTION_CLOSED', `the election already closed at ${current.closed.closedAt}`);
  if (current.status !== 'open') throw conflict('ELECTION_NOT_OPEN', 'the election never opened, so it cannot close');
  const now = timeOf(nowDate, 'now');
  if (now < at(current.election.closesAt))
    throw conflict('TOO_EARLY_TO_CLOSE', `the election may close at ${current.election.closesAt}, not before`);
  const committed = checkCounted(
    counted,
    countedIndexes(liveElectionBallotPlaces(current)).length,
    lengthOf(current.ballots),
  );
  return [{ type: 'ElectionClosed', data: { closedAt: iso(now), ...closingResult(current), ...committed } }];
}

function corrupt(event: ElectionEvent, state: ElectionState): never {
  throw new Error(`${event.type} cannot follow an election in state "${state.status}": the stream is corrupt`);
}

export const electionDecider: Decider<ElectionCommand, ElectionEvent, ElectionState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'DraftElection':
        return decideDraft(state, command.data);
      case 'PostElection':
        return decidePost(state, command.data.now);
      case 'OpenElection':
        return decideOpen(state, command.data);
      case 'CastElectionBallot':
        return decideBallot(state, command.data);
      case 'CloseElection':
        return decideClose(state, command.data);
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ElectionDrafted':
        if (state.status !== 'none') return corrupt(event, state);
        return { status: 'drafted', election: event.data };
      case 'ElectionPosted':
        if (state.status !== 'drafted') return corrupt(event, state);
        return { status: 'posted', election: state.election, postedAt: event.data.postedAt };
      case 'ElectionOpened':
        if (state.status !== 'posted') return corrupt(event, state);
        return {
          ...state,
          status: 'open',
          openedAt: event.data.openedAt,
          roster: freezeRoster(event.data, 'ElectionOpened'),
          ballots: null,
        };
      case 'ElectionBallotCast':
        if (state.status === 'closed')
          return { ...state, lateBallots: { ballot: event.data, next: state.lateBallots } };
        if (state.status !== 'open') return corrupt(event, state);
        return { ...state, ballots: { ballot: event.data, next: state.ballots } };
      case 'LateElectionBallotRecorded':
        if (state.status !== 'closed') return corrupt(event, state);
        return { ...state, lateBallots: { ballot: event.data, next: state.lateBallots } };
      case 'ElectionClosed':
        if (state.status !== 'open') return corrupt(event, state);
        return { ...state, status: 'closed', closed: event.data, lateBallots: null };
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
