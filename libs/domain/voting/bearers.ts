import type { Voter } from '../registry/counting.js';
import { invalid } from '../shared/domain-error.js';

/** What of a budget names its bearers: the draft's (null when absent) or a command's (undefined when absent). */
export interface BearerLists {
  units?: readonly string[] | null;
  buildings?: readonly string[] | null;
}

/** The units and buildings a budget charges (rules 20, 25), as its draft names them. */
export interface Bearers {
  units: string[];
  buildings: string[];
}

/** A unit as the roster holds it when a vote opens: enough to find its building and weigh it. */
export interface BearingUnit {
  unitId: string;
  building: string;
  area: bigint;
}

/** The bearers a budget names, or null when it names none (the whole community bears and decides). */
export function bearersOf(budget: BearerLists | null | undefined): Bearers | null {
  const units = budget?.units ?? [];
  const buildings = budget?.buildings ?? [];
  return units.length || buildings.length ? { units: [...units], buildings: [...buildings] } : null;
}

/** The units the bearers come to on this roster; a unit or building not on it is refused, so nobody is charged by a typo. */
export function bearingUnitIds(units: readonly BearingUnit[], bearers: Bearers): string[] {
  const known = new Set(units.map((u) => u.unitId));
  const chosen = new Set<string>();
  for (const unitId of bearers.units) {
    if (!known.has(unitId))
      throw invalid('UNKNOWN_UNIT', `unit ${unitId}, which the budget charges, is not on the roster`, { unitId });
    chosen.add(unitId);
  }
  for (const building of bearers.buildings) {
    const inBuilding = units.filter((u) => u.building === building);
    if (inBuilding.length === 0)
      throw invalid('UNKNOWN_BUILDING', `building ${building}, which the budget charges, has no units on the roster`, {
        building,
      });
    for (const unit of inBuilding) chosen.add(unit.unitId);
  }
  return [...chosen].sort();
}

/**
 * Rule 25 (Order 165 Art. 22, 列支范围内的业主): a cost that part of the community bears is decided by
 * the owners of those units alone. Each voter keeps only its bearing units, weighs their area, and
 * still counts as one head (rule 2); a voter with no bearing unit has no ballot in this vote.
 */
export function bearersRoster(
  voters: readonly Voter[],
  units: readonly BearingUnit[],
  bearing: readonly string[],
): Voter[] {
  const areaOf = new Map(units.map((u) => [u.unitId, u.area]));
  const inScope = new Set(bearing);
  return voters.flatMap((voter) => {
    const unitIds = voter.unitIds.filter((id) => inScope.has(id));
    if (unitIds.length === 0) return [];
    return [
      {
        ...voter,
        ownerIds: [...voter.ownerIds],
        unitIds,
        area: unitIds.reduce((sum, id) => sum + (areaOf.get(id) ?? 0n), 0n),
      },
    ];
  });
}

/** The roster a vote with this budget freezes: its bearers' owners when it names bearers, else every voter. */
export function rosterForBudget(
  budget: BearerLists | null | undefined,
  voters: readonly Voter[],
  units: readonly BearingUnit[],
): Voter[] {
  const bearers = bearersOf(budget);
  return bearers ? bearersRoster(voters, units, bearingUnitIds(units, bearers)) : [...voters];
}
