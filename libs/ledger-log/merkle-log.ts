import { HashArray } from './hash-array.js';
import { decodeHash, isTreeSize } from './hash-input.js';
import { toHex } from './hex.js';
import { EMPTY_TREE_HASH, hashChildren, splitPoint } from './tree-hash.js';

/**
 * A growing RFC 6962 log that answers roots and proofs for any past size without rehashing history.
 *
 * levels[k][j] is the hash of the perfect subtree over leaves [j·2^k, (j+1)·2^k). Those hashes never
 * change once written, because later leaves only ever extend the tree to the right; the RFC's split
 * at the largest power of two makes every left subtree such an aligned perfect block. So the root of
 * any size m costs O(log m) hashes (only the ragged right edge is recomputed), a proof at most
 * O(log² m), and appending O(1) amortised (one new node per completed block). Memory: 64 bytes of hashes
 * per leaf, up to twice that right after a buffer doubles.
 */
export class MerkleLog {
  private readonly levels: HashArray[] = [new HashArray()];

  static from(leafHashes: Iterable<string>): MerkleLog {
    const log = new MerkleLog();
    for (const h of leafHashes) log.append(h);
    return log;
  }

  get size(): number {
    return this.levels[0].length;
  }

  /** Appends an RFC 6962 leaf hash (hex) and returns its leaf index. */
  append(leafHash: string): number {
    const index = this.size;
    this.levels[0].push(decodeHash(leafHash, 'leaf hash'));
    let k = 0;
    while (this.levels[k].length % 2 === 0) {
      const level = this.levels[k];
      const n = level.length;
      if (k + 1 === this.levels.length) this.levels.push(new HashArray());
      this.levels[k + 1].push(hashChildren(level.at(n - 2), level.at(n - 1)));
      k++;
    }
    return index;
  }

  leafHash(index: number): string {
    this.checkIndex(index, this.size);
    return toHex(this.levels[0].at(index));
  }

  /** MTH of the first `treeSize` leaves. */
  root(treeSize: number = this.size): string {
    this.checkSize(treeSize, 'treeSize');
    return toHex(this.subtree(0, treeSize));
  }

  /**
   * The hashes of the perfect subtrees that make up the first `treeSize` leaves, largest (leftmost)
   * first: what `compact-range.ts` extends with more leaves without the rest of the tree.
   */
  frontier(treeSize: number = this.size): string[] {
    this.checkSize(treeSize, 'treeSize');
    const out: string[] = [];
    let start = 0;
    for (let width = 2 ** Math.floor(Math.log2(Math.max(1, treeSize))); width >= 1; width /= 2) {
      if (start + width > treeSize) continue;
      out.push(toHex(this.perfectBlock(start, width) as Uint8Array));
      start += width;
    }
    return out;
  }

  /** PATH(index, D[treeSize]) of RFC 9162 §2.1.3.1, leaf side first. */
  inclusionProof(index: number, treeSize: number = this.size): string[] {
    this.checkSize(treeSize, 'treeSize');
    this.checkIndex(index, treeSize);
    const out: Uint8Array[] = [];
    this.path(index, 0, treeSize, out);
    return out.map(toHex);
  }

  /** PROOF(first, D[second]) of RFC 9162 §2.1.4.1; empty when first is 0 or equals second. */
  consistencyProof(first: number, second: number = this.size): string[] {
    this.checkSize(second, 'second');
    if (!isTreeSize(first) || first > second) {
      throw new RangeError(`first tree size ${first} must be between 0 and the second size ${second}`);
    }
    if (first === 0 || first === second) return [];
    const out: Uint8Array[] = [];
    this.subproof(first, 0, second, true, out);
    return out.map(toHex);
  }

  /** MTH of leaves [start, end). */
  private subtree(start: number, end: number): Uint8Array {
    const n = end - start;
    if (n === 0) return EMPTY_TREE_HASH;
    const cached = this.perfectBlock(start, n);
    if (cached) return cached;
    const k = splitPoint(n);
    return hashChildren(this.subtree(start, start + k), this.subtree(start + k, end));
  }

  private perfectBlock(start: number, n: number): Uint8Array | undefined {
    let k = 0;
    let width = 1;
    while (width < n) {
      width *= 2;
      k++;
    }
    if (width !== n || start % n !== 0) return undefined;
    return this.levels[k].at(start / n);
  }

  private path(index: number, start: number, end: number, out: Uint8Array[]): void {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (index < start + k) {
      this.path(index, start, start + k, out);
      out.push(this.subtree(start + k, end));
    } else {
      this.path(index, start + k, end, out);
      out.push(this.subtree(start, start + k));
    }
  }

  /** `m` counts leaves of the first tree inside [start, end). */
  private subproof(m: number, start: number, end: number, isWholeFirstTree: boolean, out: Uint8Array[]): void {
    const n = end - start;
    if (m === n) {
      if (!isWholeFirstTree) out.push(this.subtree(start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      this.subproof(m, start, start + k, isWholeFirstTree, out);
      out.push(this.subtree(start + k, end));
    } else {
      this.subproof(m - k, start + k, end, false, out);
      out.push(this.subtree(start, start + k));
    }
  }

  private checkSize(size: number, name: string): void {
    if (!isTreeSize(size) || size > this.size) {
      throw new RangeError(`${name} ${size} must be between 0 and the log size ${this.size}`);
    }
  }

  private checkIndex(index: number, treeSize: number): void {
    if (!isTreeSize(index) || index >= treeSize) {
      throw new RangeError(`leaf index ${index} is outside a tree of size ${treeSize}`);
    }
  }
}
