import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** OWASP's floor for scrypt (2^17, r 8, p 1): about 128 MiB and a third of a second per check. */
export const DEFAULT_SCRYPT_COST = 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node refuses anything over maxmem (32 MiB by default), so it is given twice that.
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: 256 * n * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * Secrets hashed with scrypt at N = 2^cost (GONGZHI_SCRYPT_COST). The parameters travel with each hash
 * (`scrypt$N$r$p$salt$hash`), so the cost can be raised: a hash made weaker than today's is rehashed at
 * its next successful sign-in, when the secret is at hand.
 */
export class SecretHasher {
  private readonly n: number;
  /** Spends the same time as a real check, so a wrong login and a wrong secret look alike from outside. */
  readonly decoy: string;

  constructor(cost = DEFAULT_SCRYPT_COST) {
    this.n = 2 ** cost;
    this.decoy = `scrypt$${this.n}$${R}$${P}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;
  }

  async hash(secret: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(secret, salt, this.n, R, P);
    return ['scrypt', this.n, R, P, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async matches(secret: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    if (scheme !== 'scrypt' || !hash) return false;
    const expected = Buffer.from(hash, 'base64');
    const actual = await derive(secret, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  needsRehash(stored: string): boolean {
    const [scheme, n, r, p] = stored.split('$');
    return scheme !== 'scrypt' || Number(n) < this.n || Number(r) < R || Number(p) < P;
  }
}
