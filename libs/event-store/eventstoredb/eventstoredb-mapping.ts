import {
  ANY,
  eventTypeFilter,
  excludeSystemEvents,
  NO_STREAM,
  STREAM_EXISTS,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type Filter,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  EventStoreUnavailableError,
  type EventMetadata,
  type ExpectedRevision,
  type RecordedEvent,
} from '../event-store.js';
import type { NormalizedFilter } from '../shared/filter.js';

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** Older servers report a missing stream as revision -1 rather than "no_stream". */
export function fromEsdbCurrentRevision(actual: CurrentRevision): number | 'no_stream' {
  return actual === NO_STREAM || actual < 0n ? 'no_stream' : Number(actual);
}

/** Servers before 22.6 give no log position on stream reads; later ones may send the "none" marker. */
export const UNKNOWN_POSITION = -1n;
const NO_POSITION_MARKER = 2n ** 64n - 1n;

const isSystem = (name: string) => name.startsWith('$');

/**
 * Our view of a stored event, or undefined for what readers of this store skip: system events and
 * streams ($-prefixed), unresolved links, and events not written as JSON (never by this adapter).
 */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || !event.isJson || isSystem(event.type) || isSystem(event.streamId)) return undefined;
  const commit = event.position?.commit ?? resolved.commitPosition;
  return {
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata as unknown as EventMetadata,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: commit === undefined || commit === NO_POSITION_MARKER ? UNKNOWN_POSITION : commit,
    recordedAt: event.created,
  };
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A server-side regex that keeps exactly these event types (eventTypeFilter's prefixes would also keep longer names). */
export const exactTypesRegex = (types: readonly string[]) => `^(?:${types.map(escapeRegex).join('|')})$`;

/**
 * A subscription can carry one server-side filter, on stream names or on event types. Stream prefixes
 * go to the server (they also keep system streams out); the event types, if any, are then checked here.
 */
export function planSubscriptionFilter(filter: NormalizedFilter): { server: Filter; client: NormalizedFilter } {
  if (filter.streamPrefixes) {
    return {
      server: streamNameFilter({ prefixes: [...filter.streamPrefixes] }),
      client: { eventTypes: filter.eventTypes },
    };
  }
  if (filter.eventTypes) return { server: eventTypeFilter({ regex: exactTypesRegex(filter.eventTypes) }), client: {} };
  return { server: excludeSystemEvents(), client: {} };
}

/**
 * The client's error classes carry a `type`; checking it rather than instanceof also holds when two
 * copies of the client are loaded (or a test runner's module registry loads it twice).
 */
const errorType = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;

const UNAVAILABLE_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader']);

// gRPC status codes, for the calls (append among them) that can let a raw gRPC error through.
const DEADLINE_EXCEEDED = 4;
const UNAVAILABLE = 14;

export const isUnavailable = (error: unknown): boolean => {
  if (UNAVAILABLE_TYPES.has(errorType(error) as string)) return true;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === UNAVAILABLE || code === DEADLINE_EXCEEDED;
};
export const isWrongExpectedVersion = (error: unknown): boolean => errorType(error) === 'wrong-expected-version';
export const isMissingStream = (error: unknown): boolean =>
  ['stream-not-found', 'stream-deleted'].includes(errorType(error) as string);

export function toStoreError(error: unknown): unknown {
  if (!isUnavailable(error)) return error;
  return new EventStoreUnavailableError(
    `EventStoreDB unavailable: ${String((error as { message?: unknown }).message)}`,
    { cause: error },
  );
}
