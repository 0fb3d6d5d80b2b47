import pg from 'pg';
import {
  EventStoreUnavailableError,
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
import { normalizeFilter } from '../shared/filter.js';
import { batchSizeOf, startPollingSubscription } from '../shared/polling-subscription.js';
import { assertMaxCount, assertRevision } from '../shared/read-validation.js';
import { LiveSubscriptions } from '../shared/subscriptions.js';
import { AppendAnnouncer } from './announcer.js';
import { appendEvents, DEFAULT_NOTIFICATION_CHANNEL } from './append.js';
import { mapConnectionFailures } from './errors.js';
import { PostgresNotifier } from './notifier.js';
import { headPosition, readAllPage, readStream } from './read.js';

export interface PostgresEventStoreOptions {
  /** How long an idle subscription waits before reading again without a notification (default 500 ms). */
  pollIntervalMs?: number;
  /** The LISTEN/NOTIFY channel appends announce themselves on (default 'gongzhi_events'). */
  notificationChannel?: string;
  /**
   * 'after-commit' (default): one coalesced NOTIFY per burst of appends, after they commit.
   * 'in-transaction': pg_notify inside each append's transaction; never lost, but PostgreSQL then
   * serializes appends' commits (see AppendAnnouncer).
   */
  notify?: 'after-commit' | 'in-transaction';
}

/**
 * The EventStore over PostgreSQL (schema.ts: install it first). Give it a pool you own (close() leaves
 * it open) or a connection string (close() ends the pool it made).
 */
export class PostgresEventStore implements EventStore {
  readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly channel: string;
  private readonly pollIntervalMs: number;
  private readonly notifyInTransaction: boolean;
  private readonly notifier: PostgresNotifier;
  private readonly announcer?: AppendAnnouncer;
  private readonly subscriptions = new LiveSubscriptions();
  private closed = false;

  constructor(poolOrConnectionString: pg.Pool | string, options: PostgresEventStoreOptions = {}) {
    this.ownsPool = typeof poolOrConnectionString === 'string';
    this.pool =
      typeof poolOrConnectionString === 'string'
        ? new pg.Pool({ connectionString: poolOrConnectionString, connectionTimeoutMillis: 10_000 })
        : poolOrConnectionString;
    // An idle pooled connection dropping (server restart, admin termination) fails no call: the pool
    // discards it and the next query connects again. Unheard, the pool's 'error' event ends the process.
    this.pool.on('error', () => {});
    this.channel = options.notificationChannel ?? DEFAULT_NOTIFICATION_CHANNEL;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.notifier = new PostgresNotifier(this.pool, this.channel);
    this.notifyInTransaction = options.notify === 'in-transaction';
    if (!this.notifyInTransaction) this.announcer = new AppendAnnouncer(this.pool, this.channel);
  }

  async append(streamId: string, events: NewEvent[], { expectedRevision }: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const result = await mapConnectionFailures(() =>
      appendEvents(this.pool, streamId, events, expectedRevision, {
        notifyInTransaction: this.notifyInTransaction ? this.channel : undefined,
      }),
    );
    this.announcer?.announce();
    this.notifier.wake();
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertRevision(options.fromRevision);
    assertMaxCount(options.maxCount);
    return mapConnectionFailures(() => readStream(this.pool, streamId, options));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertMaxCount(options.maxCount);
    const page = await mapConnectionFailures(() =>
      readAllPage(this.pool, options.fromPosition ?? 0n, options.maxCount ?? null, normalizeFilter(options)),
    );
    return page.events;
  }

  subscribeAll(options: SubscribeAllOptions, handler: BatchHandler): Subscription {
    this.assertOpen();
    const filter = normalizeFilter(options);
    const batchSize = batchSizeOf(options.batchSize);
    this.notifier.retain();
    const subscription = startPollingSubscription(
      {
        fromPosition: options.fromPosition ?? 0n,
        batchSize,
        pollIntervalMs: this.pollIntervalMs,
        readPage: (after, maxCount) => mapConnectionFailures(() => readAllPage(this.pool, after, maxCount, filter)),
        changes: this.notifier,
        isTransient: (error) => error instanceof EventStoreUnavailableError,
      },
      handler,
    );
    return this.subscriptions.add(subscription, () => this.notifier.release());
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return mapConnectionFailures(() => headPosition(this.pool));
  }

  /** Stops the subscriptions and, if this store made its pool, ends it. Later calls are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await this.subscriptions.closeAll();
    await this.notifier.close();
    if (this.ownsPool && !this.pool.ended) await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('the PostgreSQL event store is closed');
  }

  /** The server process id of the connection listening for appends, if any (for tests). */
  listenerProcessId(): Promise<number | undefined> {
    return this.notifier.listenerPid();
  }
}
