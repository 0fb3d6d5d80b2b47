import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type PrefixesFilter,
  type RegexFilter,
} from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.js';
import { metadataFor } from '../contract/fixtures.js';
import {
  exactTypesRegex,
  fromEsdbCurrentRevision,
  isWrongExpectedVersion,
  planSubscriptionFilter,
  toEsdbExpectedRevision,
  toRecordedEvent,
  toStoreError,
  UNKNOWN_POSITION,
} from './eventstoredb-mapping.js';

const created = new Date('2025-03-01T08:00:00.000Z');
const metadata = metadataFor();

const resolved = (overrides: Record<string, unknown> = {}, commitPosition?: bigint): AllStreamResolvedEvent => ({
  event: {
    streamId: 'vote-1',
    id: '6f1c7a52-0d1e-4c55-9a59-3f3c2e0e2b11',
    isJson: true,
    revision: 4n,
    type: 'BallotCast',
    created,
    data: { choice: '同意' },
    metadata,
    position: { commit: 1200n, prepare: 1200n },
    ...overrides,
  },
  commitPosition,
});

describe('EventStoreDB mapping', () => {
  it('maps each expected revision to the client constant, an exact one to a bigint', () => {
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toEsdbExpectedRevision(7)).toBe(7n);
  });

  it('reads the actual revision of a refused append, a missing stream as no_stream', () => {
    expect(fromEsdbCurrentRevision(NO_STREAM)).toBe('no_stream');
    expect(fromEsdbCurrentRevision(-1n)).toBe('no_stream');
    expect(fromEsdbCurrentRevision(12n)).toBe(12);
  });

  it('turns a recorded JSON event into ours, its position the commit position', () => {
    expect(toRecordedEvent(resolved())).toEqual({
      eventId: '6f1c7a52-0d1e-4c55-9a59-3f3c2e0e2b11',
      type: 'BallotCast',
      data: { choice: '同意' },
      metadata,
      streamId: 'vote-1',
      revision: 4,
      position: 1200n,
      recordedAt: created,
    });
  });

  it('takes the position from the resolved event when the record has none, else marks it unknown', () => {
    expect(toRecordedEvent(resolved({ position: undefined }, 900n))?.position).toBe(900n);
    expect(toRecordedEvent(resolved({ position: undefined }))?.position).toBe(UNKNOWN_POSITION);
    expect(toRecordedEvent(resolved({ position: { commit: 2n ** 64n - 1n, prepare: 0n } }))?.position).toBe(
      UNKNOWN_POSITION,
    );
  });

  it('skips system events and streams, unresolved links and events not stored as JSON', () => {
    expect(toRecordedEvent(resolved({ type: '$metadata' }))).toBeUndefined();
    expect(toRecordedEvent(resolved({ streamId: '$stats-127.0.0.1:2113' }))).toBeUndefined();
    expect(toRecordedEvent(resolved({ isJson: false, data: new Uint8Array([1]) }))).toBeUndefined();
    expect(toRecordedEvent({ link: resolved().event } as AllStreamResolvedEvent)).toBeUndefined();
  });

  it('builds a regex that keeps exactly the listed event types, escaping their characters', () => {
    const regex = new RegExp(exactTypesRegex(['BallotCast', 'Vote.Closed']));
    expect(['BallotCast', 'Vote.Closed'].every((type) => regex.test(type))).toBe(true);
    expect(['BallotCastCorrected', 'XBallotCast', 'VoteXClosed'].some((type) => regex.test(type))).toBe(false);
  });

  it('filters by stream prefix on the server and by event type here when both are asked for', () => {
    const plan = planSubscriptionFilter({ streamPrefixes: ['vote-'], eventTypes: ['BallotCast'] });
    expect(plan.server).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['vote-'],
    } satisfies Partial<PrefixesFilter>);
    expect(plan.client).toEqual({ eventTypes: ['BallotCast'] });
  });

  it('filters by event type on the server when only types are asked for, and leaves out system events otherwise', () => {
    const byType = planSubscriptionFilter({ eventTypes: ['BallotCast'] });
    expect(byType.server).toMatchObject({
      filterOn: 'eventType',
      regex: exactTypesRegex(['BallotCast']),
    } satisfies Partial<RegexFilter>);
    expect(byType.client).toEqual({});
    const unfiltered = planSubscriptionFilter({});
    expect(unfiltered.server).toMatchObject({ filterOn: 'eventType' });
    expect(new RegExp((unfiltered.server as RegexFilter).regex).test('$metadata')).toBe(false);
    expect(new RegExp((unfiltered.server as RegexFilter).regex).test('BallotCast')).toBe(true);
  });

  it('reports an unreachable server as EventStoreUnavailableError and passes other errors through', () => {
    const unavailable = new UnavailableError(undefined, 'connection refused');
    expect(toStoreError(unavailable)).toEqual(expect.any(EventStoreUnavailableError));
    expect(toStoreError(unavailable)).toMatchObject({ cause: unavailable });
    const rawGrpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
      details: 'No connection established',
    });
    expect(toStoreError(rawGrpc)).toEqual(expect.any(EventStoreUnavailableError));
    const other = new Error('bad request');
    expect(toStoreError(other)).toBe(other);
  });

  it("recognises the client's wrong expected version error", () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'vote-1', expected: 3n, current: 5n });
    expect(isWrongExpectedVersion(error)).toBe(true);
    expect(isWrongExpectedVersion(new Error('wrong'))).toBe(false);
  });
});
