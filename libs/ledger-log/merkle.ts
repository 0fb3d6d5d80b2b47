import { decodeHash, isTreeSize } from './hash-input.js';
import { toHex } from './hex.js';
import { EMPTY_TREE_HASH, hashChildren, splitPoint } from './tree-hash.js';

/**
 * RFC 9162 §2.1 Merkle Tree Hash, inclusion paths and consistency proofs, transcribed literally over
 * an array of leaf hashes. Each call is O(n); they serve small inputs and act as the reference that
 * MerkleLog (which answers in O(log n) from cached subtrees) is tested against.
 * Inputs are RFC 6962 leaf hashes (already SHA-256(0x00 || leaf)), as hex.
 */

/** MTH({}): SHA-256 of the empty string, the root of a log with no events. */
export const EMPTY_TREE_ROOT: string = toHex(EMPTY_TREE_HASH);

export function rootOf(leafHashes: readonly string[]): string {
  return toHex(mth(decodeAll(leafHashes)));
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1: the audit path of leaf `index` in the tree of the first `treeSize` leaves. */
export function inclusionProof(
  leafHashes: readonly string[],
  index: number,
  treeSize: number = leafHashes.length,
): string[] {
  checkSize(treeSize, leafHashes.length, 'treeSize');
  if (!isTreeSize(index) || index >= treeSize) {
    throw new RangeError(`leaf index ${index} is outside a tree of size ${treeSize}`);
  }
  return path(index, decodeAll(leafHashes.slice(0, treeSize))).map(toHex);
}

/**
 * PROOF(m, D[n]) of RFC 9162 §2.1.4.1 between the trees of the first `first` and `second` leaves.
 * Empty when first is 0 or first equals second: the RFC leaves those undefined, and proofs.ts accepts
 * them only with an empty proof.
 */
export function consistencyProof(
  leafHashes: readonly string[],
  first: number,
  second: number = leafHashes.length,
): string[] {
  checkSize(second, leafHashes.length, 'second');
  if (!isTreeSize(first) || first > second) {
    throw new RangeError(`first tree size ${first} must be between 0 and the second size ${second}`);
  }
  if (first === 0 || first === second) return [];
  return subproof(first, decodeAll(leafHashes.slice(0, second)), true).map(toHex);
}

function mth(d: Uint8Array[]): Uint8Array {
  if (d.length === 0) return EMPTY_TREE_HASH;
  if (d.length === 1) return d[0];
  const k = splitPoint(d.length);
  return hashChildren(mth(d.slice(0, k)), mth(d.slice(k)));
}

function path(m: number, d: Uint8Array[]): Uint8Array[] {
  if (d.length <= 1) return [];
  const k = splitPoint(d.length);
  return m < k ? [...path(m, d.slice(0, k)), mth(d.slice(k))] : [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
}

function subproof(m: number, d: Uint8Array[], b: boolean): Uint8Array[] {
  const n = d.length;
  if (m === n) return b ? [] : [mth(d)];
  const k = splitPoint(n);
  return m <= k
    ? [...subproof(m, d.slice(0, k), b), mth(d.slice(k))]
    : [...subproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
}

function decodeAll(leafHashes: readonly string[]): Uint8Array[] {
  return leafHashes.map((h, i) => decodeHash(h, `leaf hash ${i}`));
}

function checkSize(size: number, available: number, name: string): void {
  if (!isTreeSize(size) || size > available) {
    throw new RangeError(`${name} ${size} must be between 0 and the ${available} leaves given`);
  }
}
