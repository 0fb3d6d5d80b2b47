import { decodeHash, isTreeSize } from './hash-input.js';
import { toHex } from './hex.js';
import { EMPTY_TREE_HASH, hashChildren } from './tree-hash.js';

/**
 * A compact range of an RFC 6962 log: the hashes of the perfect subtrees that make up its first `size`
 * leaves, largest first (MerkleLog.frontier). Enough to fold into the root, and to extend with more
 * leaves, without the rest of the tree: the checkpoint signer re-derives a new root from the frontier
 * of the last signed size and the stored leaves after it.
 */
export interface CompactRange {
  size: number;
  frontier: string[];
}

/** The range after appending `leafHashes` (hex) in order. Refuses a frontier that cannot be of `size`. */
export function extendRange(range: CompactRange, leafHashes: Iterable<string>): CompactRange {
  const { size } = range;
  if (!isTreeSize(size)) throw new RangeError(`a compact range size is a tree size, got ${String(size)}`);
  const widths = perfectWidths(size);
  if (widths.length !== range.frontier.length)
    throw new RangeError(
      `a range of ${size} leaves has ${widths.length} frontier hashes, not ${range.frontier.length}`,
    );
  const stack = range.frontier.map((h, i) => ({ width: widths[i], hash: decodeHash(h, 'frontier hash') }));
  let n = size;
  for (const leaf of leafHashes) {
    let node = { width: 1, hash: decodeHash(leaf, 'leaf hash') };
    while (stack.length > 0 && stack[stack.length - 1].width === node.width) {
      const left = stack.pop()!;
      node = { width: left.width * 2, hash: hashChildren(left.hash, node.hash) };
    }
    stack.push(node);
    n++;
  }
  return { size: n, frontier: stack.map((e) => toHex(e.hash)) };
}

/** MTH of the range's leaves: its subtrees folded from the right, as RFC 6962 splits at the largest power of two. */
export function rangeRoot(range: CompactRange): string {
  if (range.frontier.length === 0) return toHex(EMPTY_TREE_HASH);
  let root = decodeHash(range.frontier[range.frontier.length - 1], 'frontier hash');
  for (let i = range.frontier.length - 2; i >= 0; i--)
    root = hashChildren(decodeHash(range.frontier[i], 'frontier hash'), root);
  return toHex(root);
}

function perfectWidths(size: number): number[] {
  const out: number[] = [];
  for (let width = 2 ** Math.floor(Math.log2(Math.max(1, size))); width >= 1; width /= 2)
    if (size - out.reduce((a, b) => a + b, 0) >= width) out.push(width);
  return out;
}
