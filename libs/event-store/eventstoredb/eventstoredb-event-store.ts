import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  START,
  type WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type JSONType,
  type Position,
  type ReadRevision,
  type ReadStreamOptions as EsdbReadStreamOptions,
} from '@eventstore/db-client';
import {
  EventIdConflictError,
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
  type AppendOptions,
  type AppendResult,
  type BatchHandler,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeAllOptions,
  type Subscription,
} from '../event-store.js';
import { assertAppendable, normalizeEventId } from '../shared/append-validation.js';
import { matchesFilter, normalizeFilter } from '../shared/filter.js';
import { batchSizeOf } from '../shared/polling-subscription.js';
import { assertMaxCount, assertRevision } from '../shared/read-validation.js';
import { LiveSubscriptions } from '../shared/subscriptions.js';
import {
  fromEsdbCurrentRevision,
  isMissingStream,
  isWrongExpectedVersion,
  toEsdbExpectedRevision,
  toRecordedEvent,
  toStoreError,
} from './eventstoredb-mapping.js';
import { subscribeToAllInBatches } from './eventstoredb-subscription.js';

/** $all is read in pages of this many records; system records are skipped and filters applied here. */
const READ_ALL_PAGE = 512;
/**
 * How far back an append with 'any' or 'stream_exists' looks for an earlier copy of itself. EventStoreDB
 * only tries (through a bounded cache) to recognise those retries; exact revisions it always recognises.
 */
const RETRY_LOOKBACK = 256;

/**
 * The EventStore over EventStoreDB / KurrentDB. Positions are $all commit positions. Give it a client
 * you own (close() leaves it open) or a connection string (close() disposes the client it made).
 *
 * Limits against the contract: an event id is checked only where the append lands (the revisions an
 * exact or no_stream expectation names, the last RETRY_LOOKBACK events otherwise), so reusing a stored
 * id elsewhere is not refused; and a retry repeating a prefix of an earlier append answers that prefix.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly client: EventStoreDBClient;
  private readonly ownsClient: boolean;
  private readonly subscriptions = new LiveSubscriptions();
  private closed = false;

  constructor(clientOrConnectionString: EventStoreDBClient | string) {
    this.ownsClient = typeof clientOrConnectionString === 'string';
    this.client =
      typeof clientOrConnectionString === 'string'
        ? EventStoreDBClient.connectionString(clientOrConnectionString)
        : clientOrConnectionString;
  }

  async append(streamId: string, events: NewEvent[], { expectedRevision }: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    assertAppendable(streamId, events, expectedRevision);
    const ids = events.map((event) => normalizeEventId(event.eventId));
    if (expectedRevision === 'any' || expectedRevision === 'stream_exists') {
      const earlier = await this.findEarlierAppend(streamId, ids, expectedRevision);
      if (earlier) return earlier;
    }
    const data = events.map((event, i) =>
      jsonEvent({ id: ids[i], type: event.type, data: event.data as JSONType, metadata: event.metadata }),
    );
    try {
      const result = await this.client.appendToStream(streamId, data, {
        expectedRevision: toEsdbExpectedRevision(expectedRevision),
      });
      if (result.position)
        return { nextExpectedRevision: Number(result.nextExpectedRevision), position: result.position.commit };
      // The server recognised a retry and answers without a position: read the original's.
      const earlier = await this.findEarlierAppend(streamId, ids, expectedRevision);
      if (!earlier) throw new Error(`EventStoreDB acknowledged an append to ${streamId} that cannot be found`);
      return earlier;
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw toStoreError(error);
      const earlier = await this.findEarlierAppend(streamId, ids, expectedRevision);
      if (earlier) return earlier;
      const { actualVersion } = error as WrongExpectedVersionError;
      throw new WrongExpectedRevisionError(streamId, expectedRevision, fromEsdbCurrentRevision(actualVersion));
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertRevision(options.fromRevision);
    assertMaxCount(options.maxCount);
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    const fromRevision: ReadRevision =
      options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START;
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      });
      for await (const resolved of read) {
        const event = toRecordedEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (isMissingStream(error)) return [];
      throw toStoreError(error);
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertMaxCount(options.maxCount);
    const maxCount = options.maxCount ?? Infinity;
    const filter = normalizeFilter(options);
    const events: RecordedEvent[] = [];
    // $all reads are inclusive of their start; `after` makes ours exclusive and skips page overlaps.
    let after = options.fromPosition ?? -1n;
    let from: Position | typeof START = after > 0n ? { commit: after, prepare: after } : START;
    try {
      while (events.length < maxCount) {
        let records = 0;
        let last: Position | undefined;
        for await (const resolved of this.client.readAll({
          fromPosition: from,
          maxCount: READ_ALL_PAGE,
        }) as AsyncIterable<AllStreamResolvedEvent>) {
          records++;
          last = resolved.event?.position ?? last;
          const event = toRecordedEvent(resolved);
          if (!event || event.position <= after || !matchesFilter(event, filter)) continue;
          events.push(event);
          if (events.length >= maxCount) break;
        }
        if (records < READ_ALL_PAGE || events.length >= maxCount || !last) break;
        if (last.commit > after) after = last.commit;
        from = last;
      }
    } catch (error) {
      throw toStoreError(error);
    }
    return events;
  }

  subscribeAll(options: SubscribeAllOptions, handler: BatchHandler): Subscription {
    this.assertOpen();
    const subscription = subscribeToAllInBatches(
      this.client,
      {
        fromPosition: options.fromPosition ?? 0n,
        batchSize: batchSizeOf(options.batchSize),
        filter: normalizeFilter(options),
      },
      handler,
    );
    return this.subscriptions.add(subscription);
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    let from: Position | typeof END = END;
    try {
      for (;;) {
        let records = 0;
        let last: Position | undefined;
        const read = this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: READ_ALL_PAGE });
        for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) {
          records++;
          last = resolved.event?.position ?? last;
          const event = toRecordedEvent(resolved);
          if (event) return event.position;
        }
        if (records < READ_ALL_PAGE || !last) return 0n;
        from = last;
      }
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** Stops the subscriptions and, if this store made its client, disposes of it. Later calls are refused. */
  async close(): Promise<void> {
    const wasClosed = this.closed;
    this.closed = true;
    await this.subscriptions.closeAll();
    if (this.ownsClient && !wasClosed) await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('the EventStoreDB event store is closed');
  }

  /**
   * Where an earlier append with these ids would be: the revisions this expectation names, else the end
   * of the stream. Undefined if none of the ids is there; the earlier result if the ids are stored there
   * in order on consecutive revisions; EventIdConflictError if only some are.
   */
  private async findEarlierAppend(
    streamId: string,
    ids: string[],
    expected: ExpectedRevision,
  ): Promise<AppendResult | undefined> {
    const window: EsdbReadStreamOptions =
      typeof expected === 'number' || expected === 'no_stream'
        ? {
            direction: FORWARDS,
            fromRevision: BigInt(expected === 'no_stream' ? 0 : expected + 1),
            maxCount: ids.length,
          }
        : { direction: BACKWARDS, fromRevision: END, maxCount: Math.max(RETRY_LOOKBACK, ids.length) };
    const wanted = new Set(ids);
    const found = new Map<string, RecordedEvent>();
    try {
      for await (const resolved of this.client.readStream(streamId, window)) {
        const event = toRecordedEvent(resolved);
        if (event && wanted.has(event.eventId)) found.set(event.eventId, event);
      }
    } catch (error) {
      if (isMissingStream(error)) return undefined;
      throw toStoreError(error);
    }
    if (found.size === 0) return undefined;
    const first = found.get(ids[0]);
    const same = first !== undefined && ids.every((id, i) => found.get(id)?.revision === first.revision + i);
    if (!same) throw new EventIdConflictError(ids.find((id) => found.has(id))!);
    const last = found.get(ids[ids.length - 1])!;
    return { nextExpectedRevision: last.revision, position: last.position };
  }
}
