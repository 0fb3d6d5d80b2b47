/** Wakes subscriptions when new events may have become readable. */
export interface ChangeFeed {
  /** Moves whenever new events may have become readable; read it before reading, pass it to waitForChange. */
  version(): number;
  /** Resolves once version() differs from `since`, after timeoutMs, or when signal aborts; never rejects. */
  waitForChange(since: number, timeoutMs: number, signal: AbortSignal): Promise<void>;
}

export class ChangeCounter implements ChangeFeed {
  private current = 0;
  private readonly waiters = new Set<() => void>();

  version(): number {
    return this.current;
  }

  bump(): void {
    this.current++;
    for (const wake of [...this.waiters]) wake();
  }

  waitForChange(since: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    // Checking the version first closes the race of a change landing between a read and this wait.
    if (this.current !== since || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', wake);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      signal.addEventListener('abort', wake, { once: true });
      this.waiters.add(wake);
    });
  }
}

/** A timer that ends early, without rejecting, when signal aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
