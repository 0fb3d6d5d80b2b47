import type { ReadAllFilter, RecordedEvent } from '../event-store.js';

export interface NormalizedFilter {
  streamPrefixes?: readonly string[];
  eventTypes?: readonly string[];
}

/** An empty list means "no filter on this attribute", the same as leaving it out. */
export function normalizeFilter(filter: ReadAllFilter): NormalizedFilter {
  return {
    streamPrefixes: filter.streamPrefixes?.length ? [...filter.streamPrefixes] : undefined,
    eventTypes: filter.eventTypes?.length ? [...filter.eventTypes] : undefined,
  };
}

export function matchesFilter(event: Pick<RecordedEvent, 'streamId' | 'type'>, filter: NormalizedFilter): boolean {
  if (filter.streamPrefixes && !filter.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) return false;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  return true;
}
