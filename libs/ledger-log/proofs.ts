import { isTreeSize, tryDecodeHash } from './hash-input.js';
import { bytesEqual, EMPTY_TREE_HASH, hashChildren, isPowerOfTwo } from './tree-hash.js';

/**
 * Proof verification, step for step as RFC 9162 §2.1.3.2 and §2.1.4.2 write it (the step numbers
 * below are the RFC's). A verifier is fed whatever an export bundle or a client hands it, so every
 * malformed input answers false rather than throwing.
 *
 * The RFC's right shifts are written as halvings: JS shift operators wrap at 2^32, tree sizes may not.
 */

export function verifyInclusion(
  leafHash: string,
  index: number,
  treeSize: number,
  proof: readonly string[],
  rootHash: string,
): boolean {
  const hash = tryDecodeHash(leafHash);
  const root = tryDecodeHash(rootHash);
  const path = decodeProof(proof);
  if (!hash || !root || !path || !isTreeSize(index) || !isTreeSize(treeSize)) return false;

  // 1.
  if (index >= treeSize) return false;
  // 2., 3.
  let fn = index;
  let sn = treeSize - 1;
  let r = hash;
  // 4.
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  return sn === 0 && bytesEqual(r, root);
}

/**
 * Sizes the RFC does not cover get the only answer that can be true: equal sizes need equal roots
 * and an empty proof; an empty first tree needs the empty-tree root (and, for an empty second tree,
 * the same) and an empty proof.
 */
export function verifyConsistency(
  firstSize: number,
  secondSize: number,
  firstRoot: string,
  secondRoot: string,
  proof: readonly string[],
): boolean {
  const firstHash = tryDecodeHash(firstRoot);
  const secondHash = tryDecodeHash(secondRoot);
  const path = decodeProof(proof);
  if (!firstHash || !secondHash || !path || !isTreeSize(firstSize) || !isTreeSize(secondSize)) return false;
  if (firstSize > secondSize) return false;
  if (firstSize === 0) {
    return (
      path.length === 0 &&
      bytesEqual(firstHash, EMPTY_TREE_HASH) &&
      (secondSize > 0 || bytesEqual(secondHash, EMPTY_TREE_HASH))
    );
  }
  if (firstSize === secondSize) return path.length === 0 && bytesEqual(firstHash, secondHash);

  // 1.
  if (path.length === 0) return false;
  // 2.
  const nodes = isPowerOfTwo(firstSize) ? [firstHash, ...path] : path;
  // 3.
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  // 4.
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr = nodes[0];
  let sr = nodes[0];
  // 6.
  for (const c of nodes.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  return bytesEqual(fr, firstHash) && bytesEqual(sr, secondHash) && sn === 0;
}

function decodeProof(proof: unknown): Uint8Array[] | undefined {
  if (!Array.isArray(proof)) return undefined;
  const out: Uint8Array[] = [];
  for (const p of proof) {
    const bytes = tryDecodeHash(p);
    if (!bytes) return undefined;
    out.push(bytes);
  }
  return out;
}

function half(n: number): number {
  return Math.floor(n / 2);
}
