import { invalid } from '../shared/domain-error.js';
import { formatYuan } from '../shared/quantities.js';

/** Rule 27: the caps a covenant vote carries, checked when it is drafted: both positive, the per-item cap within the yearly. */
export function checkAdoptedCaps(perItemCap: bigint, yearlyCap: bigint): void {
  if (perItemCap <= 0n || yearlyCap <= 0n) throw invalid('INVALID_AMOUNT', 'both covenant caps must be more than zero');
  if (perItemCap > yearlyCap) {
    throw invalid(
      'CAPS_INCONSISTENT',
      `the per-item cap ${formatYuan(perItemCap)} is above the yearly cap ${formatYuan(yearlyCap)} (DOMAIN.md rule 27)`,
      { rule: 27 },
    );
  }
}
