import { randomUUID } from 'node:crypto';
import type { EventMetadata, EventStore, NewEvent } from '../event-store.js';

export type ContractSetup = () => Promise<{ store: EventStore; teardown(): Promise<void> }>;

export interface ContractContext {
  /** The suite's shared store. */
  store(): EventStore;
  /** For tests that need a store of their own (to close it, say). */
  setup: ContractSetup;
  options: Required<EventStoreContractOptions>;
}

export interface EventStoreContractOptions {
  /**
   * Whether every reuse of a stored event id is refused, wherever it lands (and a retry repeating only
   * part of an earlier append). EventStoreDB checks ids only where the append lands: false there.
   */
  refusesEveryReusedEventId?: boolean;
}

/** A prefix no other test uses, so that filtered reads of the global order see only this test's events. */
export const newArea = (label = 'area'): string => `${label}${randomUUID().replaceAll('-', '').slice(0, 12)}-`;

export const metadataFor = (extra: Partial<EventMetadata> = {}): EventMetadata => ({
  communityId: 'community-1',
  actor: { id: 'account-1', role: 'committee' },
  commandId: randomUUID(),
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: '2025-03-01T08:00:00.000Z',
  ...extra,
});

export const newEvent = (type = 'ThingHappened', data: unknown = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: metadataFor(),
});

export const newEvents = (count: number, type = 'ThingHappened'): NewEvent[] =>
  Array.from({ length: count }, (_, i) => newEvent(type, { i }));

/** The error a promise rejects with; fails the test if it fulfils. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it fulfilled');
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

export const idsOf = (events: { eventId: string }[]) => events.map((event) => event.eventId);

/**
 * Waits until a reader of the global order can see `position`. An adapter may show a committed event
 * to such readers a little later (postgres waits for older transactions, on any database of the server,
 * to finish), so a test reads the global order right after appending only through this.
 */
export async function untilVisible(store: EventStore, position: bigint): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await store.headPosition()) < position) {
    if (Date.now() > deadline)
      throw new Error(`position ${position} did not become visible to readers of the global order`);
    await sleep(10);
  }
}
