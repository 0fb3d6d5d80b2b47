import {
  EventIdConflictError,
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
  type AppendOptions,
  type AppendResult,
  type BatchHandler,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeAllOptions,
  type Subscription,
} from '../event-store.js';
import { assertAppendable, normalizeEventId } from '../shared/append-validation.js';
import { ChangeCounter } from '../shared/change-signal.js';
import { matchesFilter, normalizeFilter, type NormalizedFilter } from '../shared/filter.js';
import { batchSizeOf, startPollingSubscription, type Page } from '../shared/polling-subscription.js';
import { assertMaxCount, assertRevision } from '../shared/read-validation.js';
import { LiveSubscriptions } from '../shared/subscriptions.js';

export interface InMemoryEventStoreOptions {
  /** How long an idle subscription waits before reading again even without a wake-up (default 500 ms). */
  pollIntervalMs?: number;
}

/**
 * The EventStore semantics in a process, for unit tests: positions are 1, 2, 3, …
 * Data and metadata go through JSON on the way in and out, as they do in a real store, so a test cannot
 * pass by sharing object identity (or by storing something JSON cannot hold).
 */
export class InMemoryEventStore implements EventStore {
  /** all[i] has position i + 1. */
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  /** Event id → the events of the append that stored it, to answer retried appends. */
  private readonly appendOf = new Map<string, RecordedEvent[]>();
  private readonly changes = new ChangeCounter();
  private readonly subscriptions = new LiveSubscriptions();
  private readonly pollIntervalMs: number;
  private closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
  }

  async append(streamId: string, events: NewEvent[], { expectedRevision }: AppendOptions): Promise<AppendResult> {
    assertAppendable(streamId, events, expectedRevision);
    this.assertOpen();
    const ids = events.map((event) => normalizeEventId(event.eventId));
    const original = this.originalAppend(streamId, ids);
    if (original) return original;

    const stream = this.streams.get(streamId);
    const actual = stream ? stream.length - 1 : 'no_stream';
    const ok =
      expectedRevision === 'any' ||
      (expectedRevision === 'no_stream' && actual === 'no_stream') ||
      (expectedRevision === 'stream_exists' && actual !== 'no_stream') ||
      expectedRevision === actual;
    if (!ok) throw new WrongExpectedRevisionError(streamId, expectedRevision, actual);

    const target = stream ?? [];
    const recordedAt = new Date();
    const recorded = events.map((event, i): RecordedEvent => ({
      eventId: ids[i],
      type: event.type,
      data: viaJson(event.data),
      metadata: viaJson(event.metadata),
      streamId,
      revision: target.length + i,
      position: BigInt(this.all.length + i + 1),
      recordedAt,
    }));
    target.push(...recorded);
    this.streams.set(streamId, target);
    this.all.push(...recorded);
    for (const id of ids) this.appendOf.set(id, recorded);
    this.changes.bump();
    const last = recorded[recorded.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertRevision(options.fromRevision);
    assertMaxCount(options.maxCount);
    this.assertOpen();
    const stream = this.streams.get(streamId) ?? [];
    const maxCount = options.maxCount ?? Infinity;
    if (options.direction === 'backwards') {
      const from = Math.min(options.fromRevision ?? stream.length - 1, stream.length - 1);
      const end = Math.max(from + 1 - maxCount, 0);
      return stream
        .slice(end, from + 1)
        .reverse()
        .map(copyOf);
    }
    const from = options.fromRevision ?? 0;
    return stream.slice(from, from + maxCount).map(copyOf);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertMaxCount(options.maxCount);
    this.assertOpen();
    return this.readPage(options.fromPosition ?? 0n, options.maxCount ?? Infinity, normalizeFilter(options)).events;
  }

  subscribeAll(options: SubscribeAllOptions, handler: BatchHandler): Subscription {
    this.assertOpen();
    const filter = normalizeFilter(options);
    const subscription = startPollingSubscription(
      {
        fromPosition: options.fromPosition ?? 0n,
        batchSize: batchSizeOf(options.batchSize),
        pollIntervalMs: this.pollIntervalMs,
        readPage: async (after, maxCount) => {
          this.assertOpen();
          return this.readPage(after, maxCount, filter);
        },
        changes: this.changes,
        isTransient: () => false,
      },
      handler,
    );
    return this.subscriptions.add(subscription);
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return BigInt(this.all.length);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.subscriptions.closeAll();
  }

  /** The result of the earlier append these ids were stored by, if this append repeats it exactly. */
  private originalAppend(streamId: string, ids: string[]): AppendResult | undefined {
    const reused = ids.find((id) => this.appendOf.has(id));
    if (reused === undefined) return undefined;
    const original = this.appendOf.get(ids[0]);
    const same =
      original !== undefined &&
      original.length === ids.length &&
      original.every((event, i) => event.eventId === ids[i] && event.streamId === streamId);
    if (!same) throw new EventIdConflictError(reused);
    const last = original[original.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  private readPage(after: bigint, maxCount: number, filter: NormalizedFilter): Page {
    const events: RecordedEvent[] = [];
    const start = after < 0n ? 0 : Number(after);
    for (let i = start; i < this.all.length && events.length < maxCount; i++) {
      if (matchesFilter(this.all[i], filter)) events.push(copyOf(this.all[i]));
    }
    const full = events.length > 0 && events.length >= maxCount;
    return { events, scannedTo: full ? events[events.length - 1].position : BigInt(this.all.length) };
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('the in-memory event store is closed');
  }
}

const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const copyOf = (event: RecordedEvent): RecordedEvent => ({
  ...event,
  data: viaJson(event.data),
  metadata: viaJson(event.metadata),
  recordedAt: new Date(event.recordedAt),
});
