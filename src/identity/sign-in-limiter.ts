/**
 * Slows down guessing: at most `perLogin` failed sign-ins per login and `perAddress` per client
 * address within the window. Kept in memory: a restart forgets, which errs on the side of owners
 * who mistype, and a deployment with several servers multiplies the budget by their number.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly perLogin = 5,
    private readonly perAddress = 50,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  /** Seconds until the caller may try again, or 0 when it may try now. */
  retryAfter(login: string, address: string, now: number): number {
    const waits = [this.wait(`login:${login}`, this.perLogin, now), this.wait(`addr:${address}`, this.perAddress, now)];
    return Math.max(...waits);
  }

  recordFailure(login: string, address: string, now: number): void {
    for (const key of [`login:${login}`, `addr:${address}`]) this.failures.set(key, [...this.recent(key, now), now]);
  }

  recordSuccess(login: string): void {
    this.failures.delete(`login:${login}`);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }

  private wait(key: string, limit: number, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < limit) return 0;
    return Math.ceil((recent[recent.length - limit] + this.windowMs - now) / 1000);
  }
}
