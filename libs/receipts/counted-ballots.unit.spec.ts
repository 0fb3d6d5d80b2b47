import { leafHashesFor } from '@gongzhi/ledger-log/random-tree.fixture.js';
import { rootOf } from '@gongzhi/ledger-log/merkle.js';
import { countedTree } from './counted-ballots.js';

describe('the counted tree', () => {
  it('has the RFC 6962 root of exactly the live ballots, as the reference Merkle code computes it, for every size up to 70', () => {
    for (let n = 0; n <= 70; n++) {
      const record = leafHashesFor(n + 3, n);
      // Each voter's live ballot: every place but the first three (replaced ballots stay in the record).
      const live = new Map(Array.from({ length: n }, (_, i) => [`voter-${i}`, i + 3]));
      const tree = countedTree(record, live);
      expect(tree.leafHashes).toEqual(record.slice(3));
      expect(tree.root).toBe(rootOf(record.slice(3)));
      expect(tree).toMatchObject({ size: n, ballotsInRecord: n + 3 });
    }
  });
});
