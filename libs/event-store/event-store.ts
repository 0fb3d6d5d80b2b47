/**
 * The EventStore port. Semantics follow EventStoreDB's so that every adapter (postgres, eventstoredb,
 * in-memory) passes one contract suite (event-store.contract.ts).
 *
 * Revisions count from 0 within a stream. Positions are global, unique, and increase in the order a
 * reader of the global order sees events; they may have gaps (EventStoreDB's are byte offsets, the
 * postgres adapter's are derived from transaction ids).
 */

export interface EventMetadata {
  communityId: string | null;
  actor: { id: string; role: string };
  commandId: string;
  correlationId: string;
  causationId: string;
  occurredAt: string;
  [extra: string]: unknown;
}

/** An event about to be appended. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  eventId: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

/** An event as stored. */
export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  streamId: string;
  revision: number;
  position: bigint;
  recordedAt: Date;
}

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the last event now in the stream: pass it as expectedRevision to append again. */
  nextExpectedRevision: number;
  /** The global position of the last event appended. */
  position: bigint;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive. Forwards defaults to the start, backwards to the end. */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllFilter {
  /** Keep events whose stream id starts with one of these. */
  streamPrefixes?: string[];
  /** Keep events of these types. */
  eventTypes?: string[];
}

export interface ReadAllOptions extends ReadAllFilter {
  /** Exclusive: events strictly after this position. Omitted means from the beginning. */
  fromPosition?: bigint;
  maxCount?: number;
}

export interface SubscribeAllOptions extends ReadAllFilter {
  fromPosition?: bigint;
  /** Events are delivered in batches of at most this many (default 500). */
  batchSize?: number;
}

/** Called with each batch in global order; the next batch waits for the promise. */
export type BatchHandler = (events: RecordedEvent[]) => Promise<void>;

export interface Subscription {
  /** Stops delivery; resolves once no handler call is running. */
  close(): Promise<void>;
  /** Rejects if delivery stopped on an error (a handler throwing included). */
  readonly done: Promise<void>;
}

export interface EventStore {
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** An unknown stream reads as []. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up subscription: everything after fromPosition, then live events as they are appended. */
  subscribeAll(options: SubscribeAllOptions, handler: BatchHandler): Subscription;
  /** The position of the last event a reader of the global order can see now (0n when empty). */
  headPosition(): Promise<bigint>;
  close(): Promise<void>;
}

/** The stream's revision was not the one expected. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/** Some of the event ids were stored before, but not as this same append. */
export class EventIdConflictError extends Error {
  readonly code = 'EVENT_ID_CONFLICT';
  constructor(readonly eventId: string) {
    super(`event ${eventId} is already stored as part of a different append`);
  }
}

/** The store cannot be reached now; the caller may retry later. */
export class EventStoreUnavailableError extends Error {
  readonly code = 'EVENT_STORE_UNAVAILABLE';
}
