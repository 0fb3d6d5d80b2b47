/**
 * Exact rates (rules 35, 37, 38): a count over a count, never a float. Kept in lowest terms so two
 * equal rates print the same; compared and added by cross-multiplying.
 */
export interface Fraction {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

export function fraction(n: bigint | number, d: bigint | number): Fraction {
  const nn = BigInt(n);
  const dd = BigInt(d);
  if (dd === 0n) throw new RangeError('a fraction over zero');
  const g = gcd(nn, dd) || 1n;
  return { n: nn / g, d: dd / g };
}

export const add = (a: Fraction, b: Fraction): Fraction => fraction(a.n * b.d + b.n * a.d, a.d * b.d);
export const times = (a: Fraction, k: bigint | number): Fraction => fraction(a.n * BigInt(k), a.d);
export const over = (a: Fraction, k: bigint | number): Fraction => fraction(a.n, a.d * BigInt(k));
/** a < b, exactly. */
export const below = (a: Fraction, b: Fraction): boolean => a.n * b.d < b.n * a.d;
export const compare = (a: Fraction, b: Fraction): number => (below(a, b) ? -1 : below(b, a) ? 1 : 0);

/** "7/8": how every rate is written in events and answers. */
export const text = (f: Fraction): string => `${f.n}/${f.d}`;

export function parse(value: string): Fraction {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m || m[2] === '0') throw new RangeError(`"${value}" is not a fraction`);
  return fraction(BigInt(m[1]), BigInt(m[2]));
}

/** For people: hundredths, rounded down, e.g. "87.50"; the fraction itself is what counts. */
export function decimal(f: Fraction): string {
  const hundredths = (f.n * 100n) / f.d;
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/** A rate as answers give it: the exact fraction, and a percentage for people (null when nothing was counted). */
export interface RateJson {
  count: number;
  of: number;
  fraction: string;
  percent: string | null;
}

export function rate(count: number, of: number): RateJson {
  if (of === 0) return { count, of, fraction: '0/0', percent: null };
  return { count, of, fraction: `${count}/${of}`, percent: `${decimal(fraction(count * 100, of))}%` };
}
