import type { BatchHandler, RecordedEvent, Subscription } from '../event-store.js';
import { delay, type ChangeFeed } from './change-signal.js';
import { nextRetryMs, subscriptionRunning } from './subscriptions.js';

export interface Page {
  /** Matching events strictly after the cursor, in global order. */
  events: RecordedEvent[];
  /**
   * No matching event at or below this position can appear later: at least the last event's position.
   * Lets a filtered subscription move past events it does not want instead of rescanning them each poll.
   */
  scannedTo: bigint;
  /**
   * Committed events exist that readers may not see yet (postgres: an older transaction, of any kind,
   * is still open). Its end wakes nobody, so the subscription reads again soon rather than at the poll.
   */
  pending?: boolean;
}

export interface PollingSource {
  fromPosition: bigint;
  batchSize: number;
  pollIntervalMs: number;
  readPage(after: bigint, maxCount: number): Promise<Page>;
  changes: ChangeFeed;
  /** Errors worth retrying (the store is unreachable for now); any other error ends the subscription. */
  isTransient(error: unknown): boolean;
}

const FIRST_PENDING_MS = 5;
const MAX_PENDING_MS = 200;

/**
 * Catch-up subscription over a readable global order: read a page, hand it over, and when the page was
 * not full, wait for a change or the poll interval. The poll bounds latency where wake-ups are lost.
 * The cursor only moves forwards, so no event is delivered twice.
 */
export function startPollingSubscription(source: PollingSource, handler: BatchHandler): Subscription {
  let cursor = source.fromPosition;

  return subscriptionRunning(async (stop) => {
    let retryMs = 0;
    let pendingMs = 0;
    while (!stop.aborted) {
      const seen = source.changes.version();
      let page: Page;
      try {
        page = await source.readPage(cursor, source.batchSize);
        retryMs = 0;
      } catch (error) {
        if (stop.aborted) return;
        if (!source.isTransient(error)) throw error;
        retryMs = nextRetryMs(retryMs);
        await delay(retryMs, stop);
        continue;
      }
      if (stop.aborted) return;
      if (page.events.length > 0) await handler(page.events);
      if (page.scannedTo > cursor) cursor = page.scannedTo;
      if (page.events.length < source.batchSize) {
        pendingMs = page.pending
          ? Math.min(pendingMs ? pendingMs * 2 : FIRST_PENDING_MS, MAX_PENDING_MS, source.pollIntervalMs)
          : 0;
        await source.changes.waitForChange(seen, pendingMs || source.pollIntervalMs, stop);
      }
    }
  });
}

export const DEFAULT_BATCH_SIZE = 500;

export function batchSizeOf(requested: number | undefined): number {
  const size = requested ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`batch size ${size} is not a positive integer`);
  return size;
}
