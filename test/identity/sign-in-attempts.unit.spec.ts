import { ManualClock } from '../../src/platform/clock.js';
import { ATTEMPT_THROTTLERS, SignInAttempts } from '../../src/identity/sign-in-attempts.js';

/** The limiter's storage on its own (src/identity/sign-in-attempts.ts): waits, their cap, and its bounded memory. */
describe('SignInAttempts', () => {
  /** The key the guard asks about for a request from `address` for `login`. */
  const pairKey = (address: string, login: string) =>
    ATTEMPT_THROTTLERS.find((t) => t.name === 'login-from-address')!.getTracker!(
      { ip: address, body: { login } },
      undefined as never,
    ) as string;
  const waitOf = async (attempts: SignInAttempts, address: string, login: string) =>
    (await attempts.increment(pairKey(address, login))).timeToBlockExpire;

  it('caps the doubling wait at an hour', async () => {
    const clock = new ManualClock(new Date('2026-01-05T09:00:00Z'));
    const attempts = new SignInAttempts(clock);
    const waits: number[] = [];
    for (let failure = 1; failure <= 14; failure++) {
      attempts.failed('198.51.100.7', 'admin');
      waits.push(await waitOf(attempts, '198.51.100.7', 'admin'));
      clock.advance(waits[waits.length - 1] * 1000);
    }
    expect(waits).toEqual([0, 0, 0, 0, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600]);
  });

  it('keeps at most 200,000 counts, dropping the oldest first, however many addresses fail', async () => {
    const clock = new ManualClock(new Date('2026-01-05T09:00:00Z'));
    const attempts = new SignInAttempts(clock);
    for (let i = 0; i < 5; i++) attempts.failed('203.0.113.1', 'late-login');
    for (let i = 0; i < 120_000; i++)
      attempts.failed(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, `login-${i}`);
    expect((attempts as unknown as { failures: Map<string, unknown> }).failures.size).toBeLessThanOrEqual(200_000);
    for (let i = 0; i < 5; i++) attempts.failed('203.0.113.2', 'recent-login');
    expect(await waitOf(attempts, '203.0.113.2', 'recent-login')).toBe(60);
  });
});
