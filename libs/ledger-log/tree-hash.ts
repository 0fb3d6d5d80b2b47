import { sha256, sha256Once } from './sha256.js';

/**
 * RFC 6962 §2.1 / RFC 9162 §2.1.1 hashing. The 0x00 and 0x01 prefixes keep a leaf from ever being
 * passed off as an interior node (second-preimage resistance), so they must never be dropped.
 */

export const HASH_SIZE = 32;

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_TREE_HASH: Uint8Array = sha256();

export function hashLeaf(leafBytes: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, leafBytes);
}

/** 0x01 || left || right, filled in place: a tree of n leaves hashes n − 1 nodes, none of them allocating its input. */
const NODE_INPUT = new Uint8Array(1 + 2 * HASH_SIZE);
NODE_INPUT[0] = 0x01;

export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) return sha256(NODE_PREFIX, left, right);
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 1 + HASH_SIZE);
  return sha256Once(NODE_INPUT);
}

/**
 * The k of RFC 9162 §2.1.1: the largest power of two strictly smaller than n (n >= 2).
 * Arithmetic rather than bit shifts, because JS shifts wrap at 2^32 and tree sizes are allowed up to 2^53.
 */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
