import fc from 'fast-check';
import { consistencyProof, inclusionProof, rootOf } from './merkle.js';
import { MerkleLog } from './merkle-log.js';
import { leafHashesFor } from './random-tree.fixture.js';

/** A tree of 0..200 leaves and three sizes a ≤ b ≤ c ≤ n, with a leaf index below b when b > 0. */
const treeAndSizes = fc.record({ n: fc.integer({ min: 0, max: 200 }), seed: fc.nat() }).chain(({ n, seed }) =>
  fc
    .tuple(fc.nat({ max: n }), fc.nat({ max: n }), fc.nat({ max: n }))
    .map((sizes) => sizes.sort((x, y) => x - y))
    .chain(([a, b, c]) =>
      fc.record({
        leaves: fc.constant(leafHashesFor(n, seed)),
        a: fc.constant(a),
        b: fc.constant(b),
        c: fc.constant(c),
        index: fc.nat({ max: Math.max(b - 1, 0) }),
      }),
    ),
);

describe('MerkleLog', () => {
  it('agrees with the reference functions on roots and proofs for random sizes', () => {
    fc.assert(
      fc.property(treeAndSizes, ({ leaves, a, b, c, index }) => {
        const log = MerkleLog.from(leaves);
        expect(log.size).toBe(leaves.length);
        expect(log.root()).toBe(rootOf(leaves));
        expect(log.root(b)).toBe(rootOf(leaves.slice(0, b)));
        if (b > 0) expect(log.inclusionProof(index, b)).toEqual(inclusionProof(leaves, index, b));
        expect(log.consistencyProof(a, c)).toEqual(consistencyProof(leaves, a, c));
        expect(log.consistencyProof(a)).toEqual(consistencyProof(leaves, a));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the reference for every index, size and pair of sizes of a 33-leaf tree', () => {
    const leaves = leafHashesFor(33);
    const log = MerkleLog.from(leaves);
    for (let second = 0; second <= 33; second++) {
      expect(log.root(second)).toBe(rootOf(leaves.slice(0, second)));
      for (let i = 0; i < second; i++) expect(log.inclusionProof(i, second)).toEqual(inclusionProof(leaves, i, second));
      for (let first = 0; first <= second; first++) {
        expect(log.consistencyProof(first, second)).toEqual(consistencyProof(leaves, first, second));
      }
    }
  });

  it('keeps answering for past sizes exactly as before while it grows', () => {
    const leaves = leafHashesFor(300, 7);
    const log = new MerkleLog();
    const rootsSeen: string[] = [log.root()];
    const proofsSeen: string[][] = [];
    leaves.forEach((leaf, i) => {
      expect(log.append(leaf)).toBe(i);
      rootsSeen.push(log.root());
      proofsSeen.push(log.inclusionProof(i));
    });
    rootsSeen.forEach((root, size) => expect(log.root(size)).toBe(root));
    proofsSeen.forEach((proof, i) => expect(log.inclusionProof(i, i + 1)).toEqual(proof));
  });

  it('returns the leaf hashes it was given, in lowercase', () => {
    const leaves = leafHashesFor(5);
    const log = MerkleLog.from(leaves.map((h) => h.toUpperCase()));
    expect([0, 1, 2, 3, 4].map((i) => log.leafHash(i))).toEqual(leaves);
  });

  it('gives the reference root, proofs and past roots for a log of over 16 thousand leaves', () => {
    const leaves = leafHashesFor(16_387, 3);
    const log = MerkleLog.from(leaves);
    expect(log.root()).toBe(rootOf(leaves));
    expect(log.root(16_384)).toBe(rootOf(leaves.slice(0, 16_384)));
    expect(log.inclusionProof(10_000)).toEqual(inclusionProof(leaves, 10_000));
    expect(log.consistencyProof(12_345)).toEqual(consistencyProof(leaves, 12_345));
  });

  it.each<[string, (log: MerkleLog) => unknown]>([
    ['a root of a size it has not reached', (log) => log.root(6)],
    ['a root of a negative size', (log) => log.root(-1)],
    ['an inclusion proof past the tree', (log) => log.inclusionProof(3, 3)],
    ['an inclusion proof in a size it has not reached', (log) => log.inclusionProof(0, 6)],
    ['an inclusion proof in the empty tree', (log) => log.inclusionProof(0, 0)],
    ['a consistency proof from a bigger size', (log) => log.consistencyProof(4, 3)],
    ['a consistency proof to a size it has not reached', (log) => log.consistencyProof(1, 6)],
    ['a leaf it does not hold', (log) => log.leafHash(5)],
  ])('refuses %s', (_what, call) => {
    expect(() => call(MerkleLog.from(leafHashesFor(5)))).toThrow(RangeError);
  });

  it('refuses to append something that is not a 32-byte hex hash, and stays unchanged', () => {
    const log = MerkleLog.from(leafHashesFor(3));
    const root = log.root();
    expect(() => log.append('abc')).toThrow(TypeError);
    expect(() => log.append('g'.repeat(64))).toThrow(TypeError);
    expect(log.size).toBe(3);
    expect(log.root()).toBe(root);
  });
});
