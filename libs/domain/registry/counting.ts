import { invalid } from '../shared/domain-error.js';

/**
 * Who votes, and with what weight (DOMAIN.md rules 1–4; SPC interpretation Arts. 8, 9).
 *
 * A voter is one "买受人" (buyer) in the sense of SPC Art. 9: one head, and the area of every unit it
 * holds. The roster's owner sets define the voters:
 *
 * - Every unit with a DEVELOPER among its owners belongs to the single developer voter (rule 2: the
 *   developer's unsold or undelivered units count as one head together). A unit listing the developer
 *   *and* another owner is read the same way: until the developer leaves the unit's owner list the
 *   unit is not delivered, and giving the buyer a head for it as well would count the unit twice.
 *   Several DEVELOPER owners (a joint development) are still one developer and one head.
 * - Every other unit is keyed by its exact set of owners. A sole owner's units are one head
 *   (同一买受人拥有一个以上专有部分的，按一人计算); a co-owned unit is one head, and units co-owned by
 *   exactly the same set of owners are one head together, because that set is one buyer.
 * - A set is not merged with an overlapping set: a person who owns flat A alone and flat B with a
 *   spouse is two buyers ("O1" and "O1+O2") and so two heads, as SPC Art. 9 counts buyers, not people.
 *
 * The jimenli fixture gives 2844 heads this way, the rules read literally: the developer's 39 units
 * are 1 head; 15 organisations holding 145 units, 15 heads; 40 people holding 128 units between them,
 * 40 heads; 1847 people holding one unit each, 1847 heads; 941 co-owned units, each with its own pair
 * of owners, 941 heads. No owner appears in two different owner sets, so the choice above (not
 * merging overlapping sets) does not move that figure.
 */

export type OwnerKind = 'PERSON' | 'ORGANISATION' | 'DEVELOPER';

export interface RosterOwner {
  ownerId: string;
  name: string;
  kind: OwnerKind;
}

export interface RosterUnit {
  unitId: string;
  building: string;
  area: bigint; // hundredths of a m²
  ownerIds: string[];
  representativeId: string;
}

/** One head. `area` is the sum of `unitIds`' areas; `representativeId` is who casts its ballot. */
export interface Voter {
  voterId: string;
  representativeId: string;
  ownerIds: string[];
  unitIds: string[];
  area: bigint;
}

export interface RosterTotals {
  units: number;
  heads: number;
  area: bigint;
}

// voterIds join owner ids with "+", so an owner id holding "+" could pass for a set of co-owners.
const JOIN = '+';

// Code-unit order, not localeCompare: a voter's id must not depend on the server's locale.
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Group {
  ownerIds: string[];
  units: RosterUnit[];
}

/** The voters of a roster, sorted by voterId; the same roster in any order gives the same voters. */
export function votersOf(owners: ReadonlyMap<string, RosterOwner>, units: readonly RosterUnit[]): Voter[] {
  const seenUnits = new Set<string>();
  const developer: Group = { ownerIds: [], units: [] };
  const groups = new Map<string, Group>();

  for (const unit of units) {
    if (seenUnits.has(unit.unitId)) {
      throw invalid('DUPLICATE_UNIT', `Unit ${unit.unitId} appears twice in the roster`, { unitId: unit.unitId });
    }
    seenUnits.add(unit.unitId);
    if (unit.area <= 0n) {
      throw invalid('INVALID_AREA', `Unit ${unit.unitId} has no area; every unit needs its registered area`, {
        unitId: unit.unitId,
      });
    }
    const ownerIds = [...new Set(unit.ownerIds)].sort(byCodeUnits);
    if (ownerIds.length === 0) {
      throw invalid('UNIT_WITHOUT_OWNER', `Unit ${unit.unitId} has no owner`, { unitId: unit.unitId });
    }
    const developers: string[] = [];
    for (const ownerId of ownerIds) {
      const owner = owners.get(ownerId);
      if (!owner) {
        throw invalid('UNKNOWN_OWNER', `Unit ${unit.unitId} names owner ${ownerId}, who is not registered`, {
          unitId: unit.unitId,
          ownerId,
        });
      }
      if (ownerId.includes(JOIN)) {
        throw invalid('INVALID_OWNER_ID', `Owner id ${ownerId} contains "${JOIN}", which joins co-owners' ids`, {
          ownerId,
        });
      }
      if (owner.kind === 'DEVELOPER') developers.push(ownerId);
    }
    if (ownerIds.length > 1 && !ownerIds.includes(unit.representativeId)) {
      throw invalid(
        'REPRESENTATIVE_NOT_OWNER',
        `Unit ${unit.unitId} is co-owned; its representative must be one of its owners (${ownerIds.join(', ')})`,
        { unitId: unit.unitId, representativeId: unit.representativeId },
      );
    }

    if (developers.length > 0) {
      developer.units.push(unit);
      for (const id of developers) if (!developer.ownerIds.includes(id)) developer.ownerIds.push(id);
      continue;
    }
    const key = ownerIds.join(JOIN);
    const group = groups.get(key);
    if (group) group.units.push(unit);
    else groups.set(key, { ownerIds, units: [unit] });
  }

  const voters: Voter[] = [];
  if (developer.units.length > 0) {
    const ownerIds = developer.ownerIds.sort(byCodeUnits);
    // A joint development names no representative in the roster; its first id casts, so the choice is stable.
    voters.push(toVoter(ownerIds.join(JOIN), ownerIds[0], ownerIds, developer.units));
  }
  for (const [key, group] of groups) {
    voters.push(toVoter(key, representativeOf(group), group.ownerIds, group.units));
  }
  return voters.sort((a, b) => byCodeUnits(a.voterId, b.voterId));
}

/**
 * One set of co-owners may name different representatives on different units. The set is one head
 * and so casts one ballot; the representative named on its first unit (by unitId) casts it, so the
 * answer does not depend on import order. The registry should keep one representative per set.
 */
function representativeOf(group: Group): string {
  if (group.ownerIds.length === 1) return group.ownerIds[0];
  const first = group.units.reduce((a, b) => (byCodeUnits(a.unitId, b.unitId) <= 0 ? a : b));
  return first.representativeId;
}

function toVoter(voterId: string, representativeId: string, ownerIds: string[], units: RosterUnit[]): Voter {
  return {
    voterId,
    representativeId,
    ownerIds: [...ownerIds],
    unitIds: units.map((u) => u.unitId).sort(byCodeUnits),
    area: units.reduce((sum, u) => sum + u.area, 0n),
  };
}

export function rosterTotals(voters: readonly Voter[]): RosterTotals {
  let units = 0;
  let area = 0n;
  for (const voter of voters) {
    units += voter.unitIds.length;
    area += voter.area;
  }
  return { units, heads: voters.length, area };
}

/**
 * The voters an owner may cast a ballot for: their own holding, each co-owned holding they represent,
 * and the developer's holding if they are the developer. A co-owner who is not the representative
 * casts nothing for that holding (rule 3).
 */
export function voterFor(voters: readonly Voter[], ownerId: string): Voter[] {
  return voters.filter((voter) => voter.representativeId === ownerId);
}
