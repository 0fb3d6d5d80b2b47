import type { ExpectedRevision, NewEvent } from '../event-store.js';

/**
 * The postgres adapter packs (transaction id, index in the append) into one bigint position, leaving
 * 20 bits for the index; every adapter refuses the same appends so that code tested against one runs on all.
 */
export const MAX_EVENTS_PER_APPEND = 2 ** 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Refuses, before any I/O, appends that no adapter can store faithfully. `$`-prefixed stream ids and
 * types are refused because EventStoreDB reserves them for system events, which readers skip.
 * These are programming errors, so they are thrown as TypeError/RangeError, not as store errors.
 */
export function assertAppendable(
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
): void {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.startsWith('$')) {
    throw new TypeError(`invalid stream id ${JSON.stringify(streamId)}: it must be non-empty and not start with $`);
  }
  if (typeof expectedRevision === 'number' && !(Number.isSafeInteger(expectedRevision) && expectedRevision >= 0)) {
    throw new RangeError(`expected revision ${expectedRevision} is not a revision (an integer from 0)`);
  }
  if (events.length === 0) {
    throw new RangeError(`append to ${streamId} has no events`);
  }
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new RangeError(
      `append to ${streamId} has ${events.length} events; at most ${MAX_EVENTS_PER_APPEND} fit in one append`,
    );
  }
  const seen = new Set<string>();
  for (const event of events) {
    if (typeof event.eventId !== 'string' || !UUID.test(event.eventId)) {
      throw new TypeError(`event id ${JSON.stringify(event.eventId)} is not a UUID`);
    }
    const id = event.eventId.toLowerCase();
    if (seen.has(id)) throw new RangeError(`event id ${id} appears twice in one append`);
    seen.add(id);
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.startsWith('$')) {
      throw new TypeError(
        `invalid event type ${JSON.stringify(event.type)}: it must be non-empty and not start with $`,
      );
    }
    if (event.data === undefined) throw new TypeError(`event ${id} has no data`);
    if (event.metadata === null || typeof event.metadata !== 'object') {
      throw new TypeError(`event ${id} has no metadata object`);
    }
  }
}

/** Stores compare and return event ids in lowercase, as PostgreSQL's uuid type and EventStoreDB do. */
export const normalizeEventId = (eventId: string): string => eventId.toLowerCase();
