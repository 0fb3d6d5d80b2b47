import { START, type AllStreamResolvedEvent, type EventStoreDBClient } from '@eventstore/db-client';
import {
  EventStoreUnavailableError,
  type BatchHandler,
  type RecordedEvent,
  type Subscription,
} from '../event-store.js';
import { delay } from '../shared/change-signal.js';
import { nextRetryMs, subscriptionRunning } from '../shared/subscriptions.js';
import { matchesFilter, type NormalizedFilter } from '../shared/filter.js';
import { planSubscriptionFilter, toRecordedEvent, toStoreError } from './eventstoredb-mapping.js';

class HandlerFailed extends Error {
  constructor(readonly error: unknown) {
    super('the subscriber failed on a batch', { cause: error });
  }
}

export interface BatchedSubscriptionOptions {
  fromPosition: bigint;
  batchSize: number;
  filter: NormalizedFilter;
}

/**
 * A native catch-up subscription to $all, handed over in batches: whatever has arrived while the
 * handler ran, at most batchSize. The stream is paused while a full batch waits, so a slow handler holds
 * the server back instead of buffering without bound. If the server goes away, it subscribes again from
 * the last delivered position, and skips anything at or below it, so no event is delivered twice.
 */
export function subscribeToAllInBatches(
  client: EventStoreDBClient,
  options: BatchedSubscriptionOptions,
  handler: BatchHandler,
): Subscription {
  let cursor = options.fromPosition;

  const deliverUntilStopped = async (stop: AbortSignal): Promise<void> => {
    const plan = planSubscriptionFilter(options.filter);
    const native = client.subscribeToAll({
      fromPosition: cursor > 0n ? { commit: cursor, prepare: cursor } : START,
      filter: plan.server,
    });
    const buffer: RecordedEvent[] = [];
    let lastBuffered = cursor;
    let failure: unknown;
    let ended = false;
    let wake: (() => void) | undefined;
    const notify = () => {
      const resolve = wake;
      wake = undefined;
      resolve?.();
    };
    native.on('data', (resolved: AllStreamResolvedEvent) => {
      const event = toRecordedEvent(resolved);
      if (event && event.position > lastBuffered && matchesFilter(event, plan.client)) {
        buffer.push(event);
        lastBuffered = event.position;
        if (buffer.length >= options.batchSize) native.pause();
      }
      notify();
    });
    native.on('error', (error: unknown) => {
      failure = error;
      notify();
    });
    native.on('end', () => {
      ended = true;
      notify();
    });
    stop.addEventListener('abort', notify);
    try {
      while (!stop.aborted) {
        if (buffer.length > 0) {
          const batch = buffer.splice(0, options.batchSize);
          if (buffer.length < options.batchSize) native.resume();
          try {
            await handler(batch);
          } catch (error) {
            throw new HandlerFailed(error);
          }
          cursor = batch[batch.length - 1].position;
          continue;
        }
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- the stream's own error, rethrown as it came
        if (failure !== undefined) throw failure;
        if (ended) throw new EventStoreUnavailableError('EventStoreDB ended the subscription');
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      stop.removeEventListener('abort', notify);
      await native.unsubscribe().catch(() => {});
    }
  };

  return subscriptionRunning(async (stop) => {
    let retryMs = 0;
    while (!stop.aborted) {
      try {
        await deliverUntilStopped(stop);
        return;
      } catch (error) {
        if (error instanceof HandlerFailed) throw error.error;
        if (stop.aborted) return;
        const mapped = toStoreError(error);
        if (!(mapped instanceof EventStoreUnavailableError)) throw mapped;
        retryMs = nextRetryMs(retryMs);
        await delay(retryMs, stop);
      }
    }
  });
}
