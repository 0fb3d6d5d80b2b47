import { tryFromHex } from './hex.js';
import { HASH_SIZE } from './tree-hash.js';

/** The 32 bytes of a hex SHA-256 hash, or undefined when `hex` is anything else. */
export function tryDecodeHash(hex: unknown): Uint8Array | undefined {
  if (typeof hex !== 'string' || hex.length !== 2 * HASH_SIZE) return undefined;
  return tryFromHex(hex);
}

export function decodeHash(hex: unknown, what: string): Uint8Array {
  const bytes = tryDecodeHash(hex);
  if (!bytes) throw new TypeError(`${what} must be a 64-character hex SHA-256 hash`);
  return bytes;
}

export function isTreeSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}
