import { normalizeIp, type ThrottlerOptions, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import type { Clock } from '../platform/clock.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** However often it failed, an address waits at most this long before its next try. */
const LONGEST_WAIT_MS = HOUR;
/** Counts kept at most, so that failures sprayed from many addresses cannot fill the memory; the oldest go first. */
const MOST_TRACKED = 200_000;

/**
 * The sign-in and activation policy (README "Security"). Failed attempts are counted per address and
 * login together, and per address alone; never per login alone, so that no one can lock a person out
 * from where that person signs in.
 * - `login-from-address`: after 5 failures in a row for one login from one address, that address waits
 *   1 minute before its next try for that login, then 2, 4, 8… up to an hour after each further failure.
 *   A success forgets them; so do 24 hours without a failure.
 * - `address`: after 100 failures from one address, whatever the logins (one address trying many), the
 *   same waits apply to every login from there, until 15 minutes pass without a failure.
 */
export const ATTEMPT_LIMITS = {
  'login-from-address': { limit: 5, ttl: 24 * HOUR, blockDuration: MINUTE },
  address: { limit: 100, ttl: 15 * MINUTE, blockDuration: MINUTE },
} as const;

type Limit = keyof typeof ATTEMPT_LIMITS;
const LIMITS = Object.keys(ATTEMPT_LIMITS) as Limit[];

/** IPv6 clients hold a /64 each, so the address of one is its /64. */
export function clientAddress(request: Request): string {
  return normalizeIp(request.ip ?? 'unknown', 64);
}

/** What each limit counts for this address and login: one key per limit, shared by sign-in and activation. */
function keys(address: string, login: unknown): Record<Limit, string> {
  // A newline separates them: an IPv6 address holds colons, and no login holds a newline.
  return {
    address: `address\n${address}`,
    'login-from-address': `login-from-address\n${address}\n${typeof login === 'string' ? login : ''}`,
  };
}

/** The throttlers of @nestjs/throttler, each tracking the request by its key above. */
export const ATTEMPT_THROTTLERS: ThrottlerOptions[] = LIMITS.map((name) => ({
  name,
  ...ATTEMPT_LIMITS[name],
  getTracker: (request: Record<string, unknown>) => {
    const req = request as unknown as Request;
    // The body as sent: keys() takes a login only when it is a string.
    const body = req.body as { login?: unknown } | undefined;
    return keys(clientAddress(req), body?.login)[name];
  },
  generateKey: (_context, tracker) => tracker,
}));

interface Failures {
  count: number;
  lastAt: number;
  forgottenAfterMs: number;
  blockedUntil: number;
}

/**
 * The throttlers' storage, counting failed attempts rather than requests: the guard only asks whether
 * a key must wait (`increment` counts nothing), and the identity service reports each failure and
 * success once it knows the outcome, so a malformed request or a right secret is never held against
 * anyone. Time is the server's clock. Kept in memory: a restart forgets, and each server of a
 * deployment counts on its own.
 */
export class SignInAttempts implements ThrottlerStorage {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly clock: Clock) {}

  async increment(key: string): ReturnType<ThrottlerStorage['increment']> {
    const now = this.clock.now().getTime();
    const record = this.current(key, now);
    const wait = Math.max(0, (record?.blockedUntil ?? 0) - now);
    return {
      totalHits: record?.count ?? 0,
      timeToExpire: record ? Math.ceil((record.lastAt + record.forgottenAfterMs - now) / 1000) : 0,
      isBlocked: wait > 0,
      timeToBlockExpire: Math.ceil(wait / 1000),
    };
  }

  failed(address: string, login: string): void {
    const now = this.clock.now().getTime();
    const named = keys(address, login);
    for (const name of LIMITS) {
      const { limit, ttl, blockDuration } = ATTEMPT_LIMITS[name];
      const record = this.current(named[name], now) ?? {
        count: 0,
        lastAt: now,
        forgottenAfterMs: ttl,
        blockedUntil: 0,
      };
      record.count += 1;
      record.lastAt = now;
      if (record.count >= limit)
        record.blockedUntil = now + Math.min(blockDuration * 2 ** (record.count - limit), LONGEST_WAIT_MS);
      this.failures.set(named[name], record);
    }
    if (this.failures.size > MOST_TRACKED) this.forgetOldest(now);
  }

  /** A right secret clears that login's failures from that address; the address's own count stands. */
  succeeded(address: string, login: string): void {
    this.failures.delete(keys(address, login)['login-from-address']);
  }

  /** Drops what has expired and, if that is not enough, the counts begun longest ago (a Map keeps insertion order). */
  private forgetOldest(now: number): void {
    for (const key of [...this.failures.keys()]) this.current(key, now);
    for (const key of this.failures.keys()) {
      if (this.failures.size <= MOST_TRACKED * 0.9) break;
      this.failures.delete(key);
    }
  }

  private current(key: string, now: number): Failures | undefined {
    const record = this.failures.get(key);
    if (record && now - record.lastAt >= record.forgottenAfterMs && now >= record.blockedUntil) {
      this.failures.delete(key);
      return undefined;
    }
    return record;
  }
}
