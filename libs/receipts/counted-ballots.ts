import { electionDecider, liveElectionBallotPlaces, type ElectionState } from '@gongzhi/domain/elections/election.js';
import type { Decider } from '@gongzhi/domain/shared/decider.js';
import { conflict, DomainError, invalid } from '@gongzhi/domain/shared/domain-error.js';
import { SHA256 } from '@gongzhi/domain/shared/evidence.js';
import { countedIndexes, type CountedBallots } from '@gongzhi/domain/governance/counted-ballots.js';
import { liveBallotPlaces } from '@gongzhi/domain/voting/live-ballots.js';
import { resolutionDecider, type ResolutionState } from '@gongzhi/domain/voting/resolution.js';
import { eventLeafHash, type LogEvent } from '@gongzhi/ledger-log/event-leaf.js';
import { extendRange, rangeRoot } from '@gongzhi/ledger-log/compact-range.js';
import { inclusionProof } from '@gongzhi/ledger-log/merkle.js';

/**
 * "Counted as cast" for any vote, computed the one way the close handlers, the counted-receipt query
 * and `gongzhi verify` all share: the leaf hashes of the stored ballot events before the close (the
 * ballot record, in stream order), the domain's choice of the live one per voter, and the RFC 6962
 * tree over those leaves alone.
 */
export interface VoteKind<S> {
  decider: Pick<Decider<unknown, { type: string; data: unknown }, S>, 'initialState' | 'evolve'>;
  ballotType: string;
  lateType: string;
  closeType: string;
  /** Each voter who took part → the place in the ballot record of their live ballot (the domain's liveBallotPlaces). */
  livePlaces(state: S): ReadonlyMap<string, number>;
  /** The 409 before the close: nothing is counted yet. */
  notClosed: () => DomainError;
}

export const RESOLUTION_VOTE: VoteKind<ResolutionState> = {
  decider: resolutionDecider,
  ballotType: 'BallotCast',
  lateType: 'LateBallotRecorded',
  closeType: 'ResolutionClosed',
  livePlaces: liveBallotPlaces,
  notClosed: () =>
    conflict(
      'RESOLUTION_NOT_CLOSED',
      'the vote has not closed: a ballot is logged, but nothing is counted until the close',
    ),
};

export const ELECTION_VOTE: VoteKind<ElectionState> = {
  decider: electionDecider,
  ballotType: 'ElectionBallotCast',
  lateType: 'LateElectionBallotRecorded',
  closeType: 'ElectionClosed',
  livePlaces: liveElectionBallotPlaces,
  notClosed: () =>
    conflict(
      'ELECTION_NOT_CLOSED',
      'the election has not closed: a ballot is logged, but nothing is counted until the close',
    ),
};

export interface CountedTree extends CountedBallots {
  /** The record's places of the counted ballots, ascending; leafHashes[i] is the leaf of place indexes[i]. */
  indexes: number[];
  leafHashes: string[];
}

export function countedTree(recordLeafHashes: readonly string[], livePlaces: ReadonlyMap<string, number>): CountedTree {
  const indexes = countedIndexes(livePlaces);
  const leafHashes = indexes.map((i) => recordLeafHashes[i]);
  return {
    // Folded leaf by leaf (O(n) hashes), as the log's own signer does, not by the recursive reference.
    root: rangeRoot(extendRange({ size: 0, frontier: [] }, leafHashes)),
    size: leafHashes.length,
    ballotsInRecord: recordLeafHashes.length,
    indexes,
    leafHashes,
  };
}

function logged({ eventId, streamId, revision, type, data, metadata }: LogEvent): LogEvent {
  return { eventId, streamId, revision, type, data, metadata };
}

/** A vote's stream split at its close: the state and ballot record the close counted, and what came after. */
export interface VoteRecord<S, E extends LogEvent = LogEvent> {
  state: S;
  ballots: E[];
  ballotLeafHashes: string[];
  close: E | null;
  after: E[];
}

export function voteRecord<S, E extends LogEvent>(kind: VoteKind<S>, events: readonly E[]): VoteRecord<S, E> {
  let state = kind.decider.initialState();
  const ballots: E[] = [];
  let close: E | null = null;
  const after: E[] = [];
  for (const event of events) {
    if (close) {
      after.push(event);
      continue;
    }
    if (event.type === kind.closeType) {
      close = event;
      continue;
    }
    state = kind.decider.evolve(state, { type: event.type, data: event.data });
    if (event.type === kind.ballotType) ballots.push(event);
  }
  return { state, ballots, ballotLeafHashes: ballots.map((b) => eventLeafHash(b)), close, after };
}

/** The `counted` a close command takes, over the vote's stored events so far. */
export function countedForClose<S>(kind: VoteKind<S>, events: readonly LogEvent[]): CountedBallots {
  const record = voteRecord(kind, events);
  const { root, size, ballotsInRecord } = countedTree(record.ballotLeafHashes, kind.livePlaces(record.state));
  return { root, size, ballotsInRecord };
}

// Each attempt that loses the race reads only the events appended since; ballots are finite, so a
// close on a busy last evening goes through within a few rounds (the close race test sends 200 at once).
const CLOSE_ATTEMPTS = 100;

/**
 * Closes a vote committing to the root of what it counts. A ballot that lands between the read and the
 * close makes the domain refuse BALLOTS_CHANGED (nothing written); the root is then computed again over
 * the stream read forward.
 */
export async function closeCounting<S, D>(
  kind: VoteKind<S>,
  read: (fromRevision: number) => Promise<(LogEvent & { revision: number })[]>,
  close: (counted: CountedBallots) => Promise<D>,
): Promise<D> {
  const events: LogEvent[] = [];
  for (let attempt = 1; ; attempt++) {
    events.push(...(await read(events.length)));
    try {
      return await close(countedForClose(kind, events));
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'BALLOTS_CHANGED') || attempt >= CLOSE_ATTEMPTS) throw error;
    }
  }
}

export type CountedStatus = 'COUNTED' | 'SUPERSEDED' | 'LATE' | 'NOT_FOUND';

export interface CountedReceipt {
  status: CountedStatus;
  /** For SUPERSEDED: the ballot counted for this voter instead; `proof` is then that ballot's. */
  supersededBy?: { eventId: string; leafHash: string };
  /** The root the close event committed to, and its tree size. */
  countedRoot: string;
  countedSize: number;
  /** The place in the counted tree of the leaf `proof` is for (this ballot, or the one that replaced it). */
  leafIndex: number | null;
  /** RFC 6962 audit path of that leaf in the counted tree; empty for LATE and NOT_FOUND. */
  proof: string[];
  closeEventId: string;
  closedAt: string;
  /** The close event's six logged fields: a device rebuilds its leaf, finds it in a signed checkpoint, and reads countedRoot from it. */
  closeEvent: LogEvent;
}

/** Answers what became of the ballot whose log leaf is `leafHash`, once the vote has closed. */
export function countedReceipt<S>(kind: VoteKind<S>, events: readonly LogEvent[], leafHash: string): CountedReceipt {
  if (!SHA256.test(leafHash))
    throw invalid('INVALID_LEAF_HASH', "a leaf hash is the receipt's leafHash: 64 lowercase hexadecimal digits");
  const record = voteRecord(kind, events);
  if (!record.close) throw kind.notClosed();
  const closed = record.close.data as { closedAt: string; countedRoot?: string; countedSize?: number };
  const livePlaces = kind.livePlaces(record.state);
  const tree = countedTree(record.ballotLeafHashes, livePlaces);
  const base = {
    // The close's own word, not the recount: if they differ, the proof fails where the owner checks it.
    countedRoot: closed.countedRoot ?? tree.root,
    countedSize: closed.countedSize ?? tree.size,
    closeEventId: record.close.eventId,
    closedAt: closed.closedAt,
    closeEvent: logged(record.close),
  };
  const proofFor = (place: number) => {
    const leafIndex = tree.indexes.indexOf(place);
    return { leafIndex, proof: inclusionProof(tree.leafHashes, leafIndex) };
  };
  const place = record.ballotLeafHashes.indexOf(leafHash);
  if (place >= 0) {
    if (tree.indexes.includes(place)) return { status: 'COUNTED', ...base, ...proofFor(place) };
    const voterIds = (record.ballots[place].data as { voterIds: string[] }).voterIds;
    const replacing = voterIds.map((id) => livePlaces.get(id)).find((p) => p !== undefined);
    if (replacing !== undefined) {
      const by = record.ballots[replacing];
      return {
        status: 'SUPERSEDED',
        supersededBy: { eventId: by.eventId, leafHash: record.ballotLeafHashes[replacing] },
        ...base,
        ...proofFor(replacing),
      };
    }
  }
  const late = record.after.some(
    (e) => (e.type === kind.lateType || e.type === kind.ballotType) && eventLeafHash(e) === leafHash,
  );
  return { status: late ? 'LATE' : 'NOT_FOUND', ...base, leafIndex: null, proof: [] };
}

/** The six fields the log hashes, as stored: what an owner's device rebuilds a ballot's leaf hash from. */
export interface LoggedEvent {
  event: LogEvent;
  leafHash: string;
}

/** The stored events `eventIds` of the streams named, each with its leaf hash, by event id. */
export async function loggedEvents(
  read: (streamId: string) => Promise<LogEvent[]>,
  streamIds: Iterable<string>,
  eventIds: ReadonlySet<string>,
): Promise<Map<string, LoggedEvent>> {
  const found = new Map<string, LoggedEvent>();
  for (const streamId of new Set(streamIds)) {
    for (const stored of await read(streamId)) {
      if (!eventIds.has(stored.eventId)) continue;
      const event = logged(stored);
      found.set(event.eventId, { event, leafHash: eventLeafHash(event) });
    }
  }
  return found;
}
