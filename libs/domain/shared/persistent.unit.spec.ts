import fc from 'fast-check';
import { itemsSince, PersistentMap, prepend, type ListNode } from './persistent.js';

describe('PersistentMap', () => {
  const op = fc.tuple(fc.string({ maxLength: 12 }), fc.integer());

  it('answers what a Map answers after any sequence of sets, and leaves every earlier version as it was', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const versions: PersistentMap<number>[] = [PersistentMap.empty()];
        const expected: Map<string, number>[] = [new Map()];
        for (const [key, value] of ops) {
          versions.push(versions.at(-1)!.set(key, value));
          expected.push(new Map(expected.at(-1)).set(key, value));
        }
        versions.forEach((version, i) => {
          expect(version.size).toBe(expected[i].size);
          expect(new Map(version)).toEqual(expected[i]);
          for (const [key] of ops)
            expect([version.has(key), version.get(key)]).toEqual([expected[i].has(key), expected[i].get(key)]);
        });
      }),
    );
  });

  it('iterates keys, values and entries consistently, and builds from entries', () => {
    const map = PersistentMap.of([
      ['fund:unit:5-101', 1n],
      ['asset:bank:maintenance-fund', 2n],
    ]);
    expect([...map.keys()].sort()).toEqual(['asset:bank:maintenance-fund', 'fund:unit:5-101']);
    expect([...map.values()].sort()).toEqual([1n, 2n]);
    const seen: string[] = [];
    map.forEach((value, key) => seen.push(`${key}=${value}`));
    expect(seen.sort()).toEqual(['asset:bank:maintenance-fund=2', 'fund:unit:5-101=1']);
  });
});

describe('an append-only list, newest first', () => {
  it('gives the items appended since any earlier version, oldest first, and every version stays whole', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer(), { maxLength: 4 }), { maxLength: 50 }), (batches) => {
        const versions: (ListNode<number> | null)[] = [null];
        for (const batch of batches) versions.push(prepend(versions.at(-1)!, batch));
        const all = batches.flat();
        expect(itemsSince(versions.at(-1)!)).toEqual(all);
        let before = 0;
        batches.forEach((batch, i) => {
          expect(itemsSince(versions[i + 1], versions[i])).toEqual(batch);
          expect(itemsSince(versions[i])).toEqual(all.slice(0, before));
          before += batch.length;
        });
      }),
    );
  });
});
