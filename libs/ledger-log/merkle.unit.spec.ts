import { fromHex, toHex } from './hex.js';
import { consistencyProof, EMPTY_TREE_ROOT, inclusionProof, rootOf } from './merkle.js';
import { MerkleLog } from './merkle-log.js';
import { leafHashesFor } from './random-tree.fixture.js';
import { CONSISTENCY_PROOFS, INCLUSION_PROOFS, LEAF_INPUTS, ROOTS } from './rfc6962-vectors.fixture.js';
import { hashChildren, hashLeaf } from './tree-hash.js';

const leaves = LEAF_INPUTS.map((d) => toHex(hashLeaf(fromHex(d))));

// Both implementations must reproduce the published answers on their own.
const implementations = {
  'reference functions': {
    root: (size: number) => rootOf(leaves.slice(0, size)),
    inclusion: (index: number, size: number) => inclusionProof(leaves, index, size),
    consistency: (first: number, second: number) => consistencyProof(leaves, first, second),
  },
  MerkleLog: (() => {
    const log = MerkleLog.from(leaves);
    return {
      root: (size: number) => log.root(size),
      inclusion: (index: number, size: number) => log.inclusionProof(index, size),
      consistency: (first: number, second: number) => log.consistencyProof(first, second),
    };
  })(),
};

describe.each(Object.entries(implementations))('RFC 6962 known answers from the %s', (_name, impl) => {
  it('gives the empty tree the SHA-256 of the empty string', () => {
    expect(impl.root(0)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it.each(ROOTS.map((root, i) => [i + 1, root]))('gives the first %i test leaves the root %s', (size, root) => {
    expect(impl.root(size)).toBe(root);
  });

  it.each(INCLUSION_PROOFS)(
    'gives the published inclusion proof of leaf $index in tree size $treeSize',
    ({ index, treeSize, proof }) => {
      expect(impl.inclusion(index, treeSize)).toEqual(proof);
    },
  );

  it.each(CONSISTENCY_PROOFS)(
    'gives the published consistency proof from size $first to $second',
    ({ first, second, proof }) => {
      expect(impl.consistency(first, second)).toEqual(proof);
    },
  );
});

describe('Merkle tree hashing', () => {
  it('hashes the empty leaf as SHA-256 of the single byte 0x00', () => {
    expect(toHex(hashLeaf(new Uint8Array()))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });

  it('exports the empty-tree root', () => {
    expect(EMPTY_TREE_ROOT).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(rootOf([])).toBe(EMPTY_TREE_ROOT);
  });

  it('makes a one-leaf tree root equal to its leaf hash', () => {
    expect(rootOf(leaves.slice(0, 1))).toBe(leaves[0]);
  });

  it('gives no consistency proof from the empty tree or to the same size', () => {
    expect(consistencyProof(leaves, 0, 8)).toEqual([]);
    expect(consistencyProof(leaves, 5, 5)).toEqual([]);
  });

  it.each<[string, () => unknown]>([
    ['an index past the tree', () => inclusionProof(leaves, 8, 8)],
    ['an index past a smaller tree', () => inclusionProof(leaves, 3, 3)],
    ['a tree bigger than the leaves given', () => inclusionProof(leaves, 0, 9)],
    ['a negative index', () => inclusionProof(leaves, -1, 8)],
    ['a fractional index', () => inclusionProof(leaves, 0.5, 8)],
    ['an empty tree', () => inclusionProof([], 0, 0)],
    ['a first size above the second', () => consistencyProof(leaves, 6, 5)],
    ['a second size beyond the leaves', () => consistencyProof(leaves, 1, 9)],
  ])('refuses to prove with %s', (_what, call) => {
    expect(call).toThrow(RangeError);
  });

  it('refuses a leaf hash that is not 32 bytes of hex', () => {
    expect(() => rootOf([leaves[0], 'abcd'])).toThrow(/leaf hash 1/);
    expect(() => rootOf(['x'.repeat(64)])).toThrow(/leaf hash 0/);
  });

  it('splits at the largest power of two below n, so a 5-leaf tree is (4-leaf root, leaf 4)', () => {
    const five = leafHashesFor(5);
    const expected = hashChildren(fromHex(rootOf(five.slice(0, 4))), fromHex(five[4]));
    expect(rootOf(five)).toBe(toHex(expected));
  });
});
