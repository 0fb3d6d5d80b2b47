import fc from 'fast-check';
import { apportionByArea } from './apportion.js';
import { refusalCode } from '../../../test/support/decider-spec.js';

describe('apportioning a withdrawal by area (rule 20)', () => {
  it('rule 20: equal areas split evenly, and the odd fen goes to the first unitId', () => {
    expect(
      apportionByArea(100n, [
        { unitId: 'b', area: 1n },
        { unitId: 'a', area: 1n },
        { unitId: 'c', area: 1n },
      ]),
    ).toEqual([
      { unitId: 'a', amount: 34n },
      { unitId: 'b', amount: 33n },
      { unitId: 'c', amount: 33n },
    ]);
  });

  it('rule 20: leftover fen go to the largest remainders first', () => {
    // Exact shares: 1000·8937/20000 = 446.85, 1000·8963/20000 = 448.15, 1000·2100/20000 = 105.
    expect(
      apportionByArea(1000n, [
        { unitId: '1-101', area: 8937n },
        { unitId: '1-102', area: 8963n },
        { unitId: '1-103', area: 2100n },
      ]),
    ).toEqual([
      { unitId: '1-101', amount: 447n },
      { unitId: '1-102', amount: 448n },
      { unitId: '1-103', amount: 105n },
    ]);
  });

  it('rule 20: a unit with no area bears nothing', () => {
    expect(
      apportionByArea(7n, [
        { unitId: 'a', area: 0n },
        { unitId: 'b', area: 3n },
      ]),
    ).toEqual([
      { unitId: 'a', amount: 0n },
      { unitId: 'b', amount: 7n },
    ]);
  });

  it('rule 20: nothing to split, or nobody to bear it, is refused with NO_UNITS_TO_APPORTION', () => {
    expect(refusalCode(() => apportionByArea(100n, []))).toBe('NO_UNITS_TO_APPORTION');
    expect(refusalCode(() => apportionByArea(100n, [{ unitId: 'a', area: 0n }]))).toBe('NO_UNITS_TO_APPORTION');
  });

  it('rule 18: a negative amount, a negative area or a unit listed twice is refused', () => {
    expect(refusalCode(() => apportionByArea(-1n, [{ unitId: 'a', area: 1n }]))).toBe('INVALID_AMOUNT');
    expect(
      refusalCode(() =>
        apportionByArea(1n, [
          { unitId: 'a', area: -1n },
          { unitId: 'b', area: 2n },
        ]),
      ),
    ).toBe('INVALID_AREA');
    expect(
      refusalCode(() =>
        apportionByArea(1n, [
          { unitId: 'a', area: 1n },
          { unitId: 'a', area: 1n },
        ]),
      ),
    ).toBe('DUPLICATE_UNIT');
  });

  const arbShares = fc.uniqueArray(
    fc.record({ unitId: fc.string({ minLength: 1, maxLength: 6 }), area: fc.bigInt({ min: 0n, max: 10n ** 7n }) }),
    { minLength: 1, maxLength: 50, selector: (s) => s.unitId },
  );
  const arbCase = fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), arbShares)
    .filter(([, shares]) => shares.some((s) => s.area > 0n));

  it('rule 20: the parts always sum to the whole amount', () => {
    fc.assert(
      fc.property(arbCase, ([amount, shares]) => {
        expect(apportionByArea(amount, shares).reduce((sum, p) => sum + p.amount, 0n)).toBe(amount);
      }),
    );
  });

  it('rule 20: each part is within one fen of its exact proportional share', () => {
    fc.assert(
      fc.property(arbCase, ([amount, shares]) => {
        const total = shares.reduce((s, x) => s + x.area, 0n);
        const area = new Map(shares.map((s) => [s.unitId, s.area]));
        for (const part of apportionByArea(amount, shares)) {
          // |part − amount·area/total| < 1, cross-multiplied by total.
          const diff = part.amount * total - amount * area.get(part.unitId)!;
          expect(diff < total && -diff < total).toBe(true);
          expect(part.amount >= 0n).toBe(true);
        }
      }),
    );
  });

  it('rule 20: the split does not depend on the order the units are listed in', () => {
    const arb = arbCase.chain(([amount, shares]) =>
      fc.tuple(
        fc.constant(amount),
        fc.constant(shares),
        fc.shuffledSubarray(shares, { minLength: shares.length, maxLength: shares.length }),
      ),
    );
    fc.assert(
      fc.property(arb, ([amount, shares, shuffled]) => {
        expect(apportionByArea(amount, shuffled)).toEqual(apportionByArea(amount, shares));
      }),
    );
  });

  it('rule 20: a unit with more area never bears less', () => {
    fc.assert(
      fc.property(arbCase, ([amount, shares]) => {
        const parts = apportionByArea(amount, shares);
        const area = new Map(shares.map((s) => [s.unitId, s.area]));
        for (const p of parts) {
          for (const q of parts) {
            if (area.get(p.unitId)! > area.get(q.unitId)!) expect(p.amount >= q.amount).toBe(true);
          }
        }
      }),
    );
  });
});
