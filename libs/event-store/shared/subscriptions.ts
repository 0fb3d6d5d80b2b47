import type { Subscription } from '../event-store.js';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

/** The wait before the next attempt while the store is unreachable: doubling from 100 ms, at most 5 s. */
export function nextRetryMs(previousMs: number): number {
  return Math.min(previousMs ? previousMs * 2 : FIRST_RETRY_MS, MAX_RETRY_MS);
}

/**
 * A subscription that delivers by `run` until it ends by itself or is closed: close() aborts the signal
 * `run` watches and resolves once no handler call is running.
 */
export function subscriptionRunning(run: (stop: AbortSignal) => Promise<void>): Subscription {
  const stop = new AbortController();
  const done = run(stop.signal);
  // The caller may never look at `done`; a failed subscription must not crash the process.
  done.catch(() => {});
  return {
    done,
    async close() {
      stop.abort();
      await done.catch(() => {});
    },
  };
}

/** The subscriptions a store handed out that have not ended yet, so that closing the store ends them. */
export class LiveSubscriptions {
  private readonly live = new Set<Subscription>();

  /** Holds `subscription` until it ends; then `onEnd` runs (a store releasing what the subscription kept open). */
  add(subscription: Subscription, onEnd?: () => Promise<void>): Subscription {
    this.live.add(subscription);
    subscription.done
      .finally(() => {
        this.live.delete(subscription);
        return onEnd?.();
      })
      .catch(() => {});
    return subscription;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.live].map((subscription) => subscription.close()));
  }
}
