/**
 * Background work on a timer: a round never overlaps the one before it, the timer never keeps the process
 * alive, and `stop()` waits for a round under way — so a shutdown stops it while the database is still open.
 * A round handles its own errors; one that throws anyway is reported, not left as an unhandled rejection.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly round: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(everyMs: number): void {
    this.timer = setInterval(() => {
      if (!this.running)
        this.running = this.round()
          .catch(this.onError)
          .finally(() => (this.running = null));
    }, everyMs);
    this.timer.unref();
  }

  /** Whether it runs on its timer (a round may also be called directly, e.g. by a test or an export). */
  get started(): boolean {
    return this.timer !== null;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
