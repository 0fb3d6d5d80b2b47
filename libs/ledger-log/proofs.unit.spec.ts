import fc from 'fast-check';
import { fromHex, toHex } from './hex.js';
import { EMPTY_TREE_ROOT } from './merkle.js';
import { MerkleLog } from './merkle-log.js';
import { verifyConsistency, verifyInclusion } from './proofs.js';
import { flipBit, leafHashesFor } from './random-tree.fixture.js';
import { CONSISTENCY_PROOFS, INCLUSION_PROOFS, LEAF_INPUTS, ROOTS } from './rfc6962-vectors.fixture.js';
import { hashLeaf } from './tree-hash.js';

const leaves = LEAF_INPUTS.map((d) => toHex(hashLeaf(fromHex(d))));
const SOME_HASH = 'abacaba000000000000000000000000000000000000000000060061e00123456';

/** A random tree of 1..200 leaves, as a MerkleLog. */
const randomLog = fc
  .record({ n: fc.integer({ min: 1, max: 200 }), seed: fc.nat() })
  .map(({ n, seed }) => MerkleLog.from(leafHashesFor(n, seed)));

/** Every single-bit change of each named hash, as the modified argument list. */
function* everyBitFlip<T extends Record<string, string | string[]>>(args: T): Generator<[string, T]> {
  for (const [name, value] of Object.entries(args)) {
    const hashes = Array.isArray(value) ? value : [value];
    for (let h = 0; h < hashes.length; h++) {
      for (let bit = 0; bit < 256; bit++) {
        const flipped = hashes.map((x, i) => (i === h ? flipBit(x, bit) : x));
        yield [`${name}[${h}] bit ${bit}`, { ...args, [name]: Array.isArray(value) ? flipped : flipped[0] }];
      }
    }
  }
}

describe('verifyInclusion (RFC 9162 §2.1.3.2)', () => {
  describe.each(INCLUSION_PROOFS)(
    'with the published proof of leaf $index in tree size $treeSize',
    ({ index, treeSize, proof }) => {
      const leaf = leaves[index];
      const root = ROOTS[treeSize - 1];

      it('accepts it', () => {
        expect(verifyInclusion(leaf, index, treeSize, proof, root)).toBe(true);
      });

      it.each<[string, () => boolean]>([
        ['index - 1', () => verifyInclusion(leaf, index - 1, treeSize, proof, root)],
        ['index + 1', () => verifyInclusion(leaf, index + 1, treeSize, proof, root)],
        ['index ^ 2', () => verifyInclusion(leaf, index ^ 2, treeSize, proof, root)],
        ['treeSize * 2', () => verifyInclusion(leaf, index, treeSize * 2, proof, root)],
        ['treeSize / 2', () => verifyInclusion(leaf, index, Math.floor(treeSize / 2), proof, root)],
        ['another leaf', () => verifyInclusion(leaves[(index + 1) % 8], index, treeSize, proof, root)],
        ['the empty-tree root', () => verifyInclusion(leaf, index, treeSize, proof, EMPTY_TREE_ROOT)],
        ['an unrelated root', () => verifyInclusion(leaf, index, treeSize, proof, SOME_HASH)],
        ['the root appended to the proof', () => verifyInclusion(leaf, index, treeSize, [...proof, root], root)],
        ['the root prepended to the proof', () => verifyInclusion(leaf, index, treeSize, [root, ...proof], root)],
        ['an empty string appended to the proof', () => verifyInclusion(leaf, index, treeSize, [...proof, ''], root)],
        ['a component inserted', () => verifyInclusion(leaf, index, treeSize, [SOME_HASH, ...proof], root)],
        ...(proof.length > 0
          ? [
              [
                'the last component removed',
                () => verifyInclusion(leaf, index, treeSize, proof.slice(0, -1), root),
              ] as [string, () => boolean],
            ]
          : []),
      ])('rejects it with %s', (_change, verify) => {
        expect(verify()).toBe(false);
      });

      it('rejects it with any bit of the proof, the leaf or the root flipped', () => {
        for (const [where, a] of everyBitFlip({ proof, leaf, root })) {
          expect([where, verifyInclusion(a.leaf, index, treeSize, a.proof, a.root)]).toEqual([where, false]);
        }
      });
    },
  );

  it('reads uppercase hex as the same hashes', () => {
    const { index, treeSize, proof } = INCLUSION_PROOFS[1];
    const upper = (s: string) => s.toUpperCase();
    expect(verifyInclusion(upper(leaves[index]), index, treeSize, proof.map(upper), upper(ROOTS[treeSize - 1]))).toBe(
      true,
    );
  });

  it.each<[string, unknown[]]>([
    ['an empty tree', [leaves[0], 0, 0, [], leaves[0]]],
    ['an index equal to the tree size', [leaves[0], 1, 1, [], leaves[0]]],
    ['a leaf hash one byte short', [leaves[0].slice(2), 0, 1, [], leaves[0]]],
    ['a root with a non-hex character', [leaves[0], 0, 1, [], `${leaves[0].slice(0, 63)}g`]],
    ['a proof that is not an array', [leaves[1], 1, 2, leaves[0], ROOTS[1]]],
    ['a proof holding a number', [leaves[1], 1, 2, [42], ROOTS[1]]],
    ['a fractional index', [leaves[1], 0.5, 2, [leaves[0]], ROOTS[1]]],
    ['a NaN tree size', [leaves[0], 0, Number.NaN, [], leaves[0]]],
    ['a tree size beyond 2^53', [leaves[0], 0, 2 ** 60, [], leaves[0]]],
    ['a string index', [leaves[1], '1', 2, [leaves[0]], ROOTS[1]]],
    ['nulls', [null, null, null, null, null]],
  ])('answers false, without throwing, for %s', (_what, args) => {
    expect((verifyInclusion as (...a: unknown[]) => boolean)(...args)).toBe(false);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.tuple(fc.anything(), fc.anything(), fc.anything(), fc.anything(), fc.anything()), (args) => {
        expect(typeof (verifyInclusion as (...a: unknown[]) => boolean)(...args)).toBe('boolean');
      }),
    );
  });

  it('accepts the proof of every leaf at every size of a random tree', () => {
    fc.assert(
      fc.property(randomLog, (log) => {
        for (let size = 1; size <= log.size; size++) {
          const root = log.root(size);
          for (let i = 0; i < size; i++) {
            if (!verifyInclusion(log.leafHash(i), i, size, log.inclusionProof(i, size), root)) {
              throw new Error(`proof of leaf ${i} in size ${size} of ${log.size} rejected`);
            }
          }
        }
      }),
      { numRuns: 10 },
    );
  });

  it('rejects a random proof with any single bit of the proof, the leaf or the root flipped', () => {
    const logAndLeaf = randomLog.chain((log) =>
      fc
        .integer({ min: 1, max: log.size })
        .chain((size) => fc.tuple(fc.constant(log), fc.constant(size), fc.nat({ max: size - 1 }))),
    );
    fc.assert(
      fc.property(logAndLeaf, ([log, size, index]) => {
        const args = { proof: log.inclusionProof(index, size), leaf: log.leafHash(index), root: log.root(size) };
        for (const [where, a] of everyBitFlip(args)) {
          if (verifyInclusion(a.leaf, index, size, a.proof, a.root)) throw new Error(`accepted with ${where} flipped`);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('verifyConsistency (RFC 9162 §2.1.4.2)', () => {
  describe.each(CONSISTENCY_PROOFS)(
    'with the published proof from size $first to $second',
    ({ first, second, proof }) => {
      const root1 = ROOTS[first - 1];
      const root2 = ROOTS[second - 1];

      it('accepts it', () => {
        expect(verifyConsistency(first, second, root1, root2, proof)).toBe(true);
      });

      if (proof.length === 0) return;

      it.each<[string, () => boolean]>([
        ['first - 1', () => verifyConsistency(first - 1, second, root1, root2, proof)],
        ['first + 1', () => verifyConsistency(first + 1, second, root1, root2, proof)],
        ['first ^ 2', () => verifyConsistency(first ^ 2, second, root1, root2, proof)],
        ['second * 2', () => verifyConsistency(first, second * 2, root1, root2, proof)],
        ['second / 2', () => verifyConsistency(first, Math.floor(second / 2), root1, root2, proof)],
        ['a wrong first root', () => verifyConsistency(first, second, SOME_HASH, root2, proof)],
        ['a wrong second root', () => verifyConsistency(first, second, root1, SOME_HASH, proof)],
        ['the roots swapped', () => verifyConsistency(first, second, root2, root1, proof)],
        ['an empty proof', () => verifyConsistency(first, second, root1, root2, [])],
        ['the first root appended', () => verifyConsistency(first, second, root1, root2, [...proof, root1])],
        ['the second root appended', () => verifyConsistency(first, second, root1, root2, [...proof, root2])],
        ['the first root prepended', () => verifyConsistency(first, second, root1, root2, [root1, ...proof])],
        ['the second root prepended', () => verifyConsistency(first, second, root1, root2, [root2, ...proof])],
        ['proof[0] repeated in front', () => verifyConsistency(first, second, root1, root2, [proof[0], ...proof])],
        ['the last component removed', () => verifyConsistency(first, second, root1, root2, proof.slice(0, -1))],
      ])('rejects it with %s', (_change, verify) => {
        expect(verify()).toBe(false);
      });

      it('rejects it with any bit of the proof or of either root flipped', () => {
        for (const [where, a] of everyBitFlip({ proof, root1, root2 })) {
          expect([where, verifyConsistency(first, second, a.root1, a.root2, a.proof)]).toEqual([where, false]);
        }
      });
    },
  );

  // Sizes RFC 9162 leaves out: only an empty proof between trees that must be the same can pass.
  it.each<[boolean, string, number, number, string, string, string[]]>([
    [true, 'two empty trees', 0, 0, EMPTY_TREE_ROOT, EMPTY_TREE_ROOT, []],
    [true, 'the empty tree and any later tree', 0, 5, EMPTY_TREE_ROOT, ROOTS[4], []],
    [false, 'an empty tree claimed to have another root', 0, 5, ROOTS[0], ROOTS[4], []],
    [false, 'an empty second tree with another root', 0, 0, EMPTY_TREE_ROOT, ROOTS[0], []],
    [false, 'the empty tree with a non-empty proof', 0, 5, EMPTY_TREE_ROOT, ROOTS[4], [ROOTS[4]]],
    [true, 'the same size and root', 5, 5, ROOTS[4], ROOTS[4], []],
    [false, 'the same size but different roots', 5, 5, ROOTS[4], ROOTS[3], []],
    [false, 'the same size with a non-empty proof', 5, 5, ROOTS[4], ROOTS[4], [ROOTS[4]]],
    [false, 'a log that shrank', 6, 5, ROOTS[5], ROOTS[4], []],
    [false, 'a proper extension with no proof', 1, 2, ROOTS[0], ROOTS[1], []],
  ])('answers %p for %s', (expected, _what, first, second, root1, root2, proof) => {
    expect(verifyConsistency(first, second, root1, root2, proof)).toBe(expected);
  });

  it.each<[string, unknown[]]>([
    ['a root one byte short', [1, 8, ROOTS[0].slice(2), ROOTS[7], CONSISTENCY_PROOFS[1].proof]],
    [
      'a proof element that is not hex',
      [1, 8, ROOTS[0], ROOTS[7], ['zz'.repeat(32), ...CONSISTENCY_PROOFS[1].proof.slice(1)]],
    ],
    ['a proof that is not an array', [1, 2, ROOTS[0], ROOTS[1], leaves[1]]],
    ['negative sizes', [-1, 8, ROOTS[0], ROOTS[7], []]],
    ['fractional sizes', [1.5, 8, ROOTS[0], ROOTS[7], CONSISTENCY_PROOFS[1].proof]],
    ['a size beyond 2^53', [1, 2 ** 60, ROOTS[0], ROOTS[7], CONSISTENCY_PROOFS[1].proof]],
    ['nulls', [null, null, null, null, null]],
  ])('answers false, without throwing, for %s', (_what, args) => {
    expect((verifyConsistency as (...a: unknown[]) => boolean)(...args)).toBe(false);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.tuple(fc.anything(), fc.anything(), fc.anything(), fc.anything(), fc.anything()), (args) => {
        expect(typeof (verifyConsistency as (...a: unknown[]) => boolean)(...args)).toBe('boolean');
      }),
    );
  });

  it('accepts the proof between every pair of sizes of a random tree', () => {
    fc.assert(
      fc.property(randomLog, (log) => {
        const roots = Array.from({ length: log.size + 1 }, (_, size) => log.root(size));
        for (let second = 0; second <= log.size; second++) {
          for (let first = 0; first <= second; first++) {
            if (!verifyConsistency(first, second, roots[first], roots[second], log.consistencyProof(first, second))) {
              throw new Error(`proof from ${first} to ${second} of ${log.size} rejected`);
            }
          }
        }
      }),
      { numRuns: 10 },
    );
  });

  it('rejects a random proof with any single bit of the proof or of either root flipped', () => {
    const logAndSizes = randomLog.chain((log) =>
      fc
        .tuple(fc.integer({ min: 1, max: log.size }), fc.integer({ min: 1, max: log.size }))
        .map(([a, b]) => [log, Math.min(a, b), Math.max(a, b)] as const),
    );
    fc.assert(
      fc.property(logAndSizes, ([log, first, second]) => {
        const args = { proof: log.consistencyProof(first, second), root1: log.root(first), root2: log.root(second) };
        for (const [where, a] of everyBitFlip(args)) {
          if (verifyConsistency(first, second, a.root1, a.root2, a.proof))
            throw new Error(`accepted with ${where} flipped`);
        }
      }),
      { numRuns: 40 },
    );
  });
});
