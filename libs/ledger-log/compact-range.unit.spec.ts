import { extendRange, rangeRoot } from './compact-range.js';
import { EMPTY_TREE_ROOT, rootOf } from './merkle.js';
import { MerkleLog } from './merkle-log.js';
import { sha256 } from './sha256.js';
import { toHex } from './hex.js';

const leaves = Array.from({ length: 70 }, (_, i) => toHex(sha256(Uint8Array.of(i))));

describe('compact range', () => {
  it('folds the frontier of every size into the RFC 6962 root of that size', () => {
    const log = MerkleLog.from(leaves);
    for (let n = 0; n <= leaves.length; n++)
      expect(rangeRoot({ size: n, frontier: log.frontier(n) })).toBe(rootOf(leaves.slice(0, n)));
    expect(rangeRoot({ size: 0, frontier: [] })).toBe(EMPTY_TREE_ROOT);
  });

  it('extends the frontier of any size m with the leaves after it to the root at any larger size', () => {
    const log = MerkleLog.from(leaves);
    for (const m of [0, 1, 5, 8, 31, 32, 33, 64]) {
      for (const n of [m, m + 1, 37, 70].filter((x) => x >= m)) {
        const range = extendRange({ size: m, frontier: log.frontier(m) }, leaves.slice(m, n));
        expect(range.size).toBe(n);
        expect(range.frontier).toEqual(log.frontier(n));
        expect(rangeRoot(range)).toBe(rootOf(leaves.slice(0, n)));
      }
    }
  });

  it('refuses a frontier with the wrong number of hashes for its size', () => {
    expect(() => extendRange({ size: 3, frontier: [leaves[0]] }, [])).toThrow('2 frontier hashes');
  });
});
