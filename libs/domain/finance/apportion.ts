import { invalid } from '../shared/domain-error.js';

/**
 * Splits a maintenance-fund withdrawal across the units that bear it, in proportion to area (DOMAIN.md
 * rule 20, Beijing Art. 86). Fen are indivisible, so each unit first gets the floor of its exact share
 * and the fen left over (fewer than the number of units) go one each to the largest remainders — the
 * largest-remainder (Hamilton) method. Parts therefore always sum to the whole, and no unit is more
 * than one fen from its exact share.
 *
 * Ties in remainder go to the smaller unitId in code-unit order, and the result is sorted by unitId,
 * so the same withdrawal splits identically whatever order the units were listed in: an auditor
 * recomputing it from the export must land on the same fen.
 */
export function apportionByArea(
  amount: bigint,
  shares: readonly { unitId: string; area: bigint }[],
): { unitId: string; amount: bigint }[] {
  if (amount < 0n) throw invalid('INVALID_AMOUNT', 'An amount to apportion cannot be negative');
  if (shares.length === 0) {
    throw invalid('NO_UNITS_TO_APPORTION', 'Name at least one unit or building to bear this amount');
  }
  const seen = new Set<string>();
  let total = 0n;
  for (const share of shares) {
    if (seen.has(share.unitId)) {
      throw invalid('DUPLICATE_UNIT', `Unit ${share.unitId} is listed twice; each unit bears one share`, {
        unitId: share.unitId,
      });
    }
    seen.add(share.unitId);
    if (share.area < 0n) {
      throw invalid('INVALID_AREA', `Unit ${share.unitId} has a negative area`, { unitId: share.unitId });
    }
    total += share.area;
  }
  if (total === 0n) {
    throw invalid(
      'NO_UNITS_TO_APPORTION',
      'The units named have no area between them, so nothing can be apportioned by area',
    );
  }

  const parts = shares
    .map((share) => {
      const scaled = amount * share.area;
      return { unitId: share.unitId, amount: scaled / total, remainder: scaled % total };
    })
    .sort((a, b) => compareIds(a.unitId, b.unitId));

  let leftover = amount - parts.reduce((sum, p) => sum + p.amount, 0n);
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? compareIds(a.unitId, b.unitId) : a.remainder > b.remainder ? -1 : 1,
  );
  for (const part of byRemainder) {
    if (leftover === 0n) break;
    part.amount += 1n;
    leftover -= 1n;
  }

  return parts.map(({ unitId, amount }) => ({ unitId, amount }));
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
