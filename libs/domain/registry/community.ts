import { conflict, invalid, notFound } from '../shared/domain-error.js';
import type { Decider } from '../shared/decider.js';
import { formatArea, parseArea } from '../shared/quantities.js';
import { rulebookById } from '../governance/rulebooks.js';
import type { OwnerKind, RosterOwner, RosterUnit } from './counting.js';
import type { AreaSource, CommunityEvent, ManagingBodyKind, ManagingBodyMember } from './community.events.js';
import { checkPmcComposition } from '../governance/committee-size.js';

/** A unit as a command gives it; `row` is the spreadsheet row it came from, for error messages. */
export interface UnitInput {
  unitId: string;
  building: string;
  area: bigint;
  areaSource?: AreaSource;
  ownerIds: string[];
  representativeId?: string;
  row?: number;
}

export type CommunityCommand =
  | {
      type: 'RegisterCommunity';
      data: { communityId: string; name: string; district: string; street: string | null; rulebook: string };
    }
  | {
      type: 'AppointManagingBody';
      /** committeeInOffice: a filed owners' committee is in office (governance stream); no body is appointed beside it (rule 30). */
      data: { kind: ManagingBodyKind; members: ManagingBodyMember[]; now: Date; committeeInOffice?: boolean };
    }
  | { type: 'RegisterOwners'; data: { owners: { ownerId: string; name: string; kind: OwnerKind }[] } }
  | { type: 'RegisterUnits'; data: { units: UnitInput[] } }
  | {
      type: 'TransferUnit';
      data: { unitId: string; ownerIds: string[]; representativeId?: string; effectiveAt: Date };
    };

export interface ManagingBody {
  kind: ManagingBodyKind;
  members: ManagingBodyMember[];
  appointedAt: string;
  termEndsAt?: string;
}

export type CommunityState =
  | { status: 'unregistered' }
  | {
      status: 'registered';
      communityId: string;
      name: string;
      district: string;
      street: string | null;
      rulebook: string;
      owners: ReadonlyMap<string, RosterOwner>;
      units: ReadonlyMap<string, RosterUnit>;
      managingBody: ManagingBody | null;
    };

export type RegisteredCommunity = Extract<CommunityState, { status: 'registered' }>;

function registered(state: CommunityState): RegisteredCommunity {
  if (state.status !== 'registered') throw notFound('COMMUNITY_NOT_FOUND', 'no community with this id is registered');
  return state;
}

const where = (row: number | undefined, unitId: string) => (row ? `row ${row} (unit ${unitId})` : `unit ${unitId}`);

/** Who casts the ballot of a unit: the named representative, who must be one of its owners. */
function representativeOf(owners: string[], named: string | undefined, place: string): string {
  if (named) {
    if (!owners.includes(named))
      throw invalid('REPRESENTATIVE_NOT_AN_OWNER', `${place}: representative ${named} is not one of its owners`);
    return named;
  }
  if (owners.length > 1)
    throw invalid('REPRESENTATIVE_REQUIRED', `${place}: a co-owned unit needs a representativeId, one of its owners`);
  return owners[0];
}

function checkOwnerList(state: RegisteredCommunity, ownerIds: string[], place: string): void {
  if (ownerIds.length === 0) throw invalid('UNIT_WITHOUT_OWNER', `${place}: name at least one owner`);
  if (new Set(ownerIds).size !== ownerIds.length)
    throw invalid('DUPLICATE_OWNER', `${place}: an owner is listed twice`);
  for (const ownerId of ownerIds) {
    if (!state.owners.has(ownerId))
      throw invalid('UNKNOWN_OWNER', `${place}: owner ${ownerId} is not registered; register the owners first`, {
        ownerId,
      });
  }
}

function decideUnits(state: RegisteredCommunity, units: UnitInput[]): CommunityEvent[] {
  if (units.length === 0) throw invalid('EMPTY_ROSTER', 'the roster has no units');
  const seen = new Map<string, number | undefined>();
  const records = units.map((unit) => {
    const place = where(unit.row, unit.unitId);
    if (seen.has(unit.unitId)) {
      const first = seen.get(unit.unitId);
      throw invalid(
        'DUPLICATE_UNIT',
        `${place}: unit ${unit.unitId} appears twice${first ? ` (first at row ${first})` : ''}`,
        { row: unit.row, unitId: unit.unitId },
      );
    }
    seen.set(unit.unitId, unit.row);
    if (state.units.has(unit.unitId))
      throw conflict(
        'UNIT_ALREADY_REGISTERED',
        `${place}: unit ${unit.unitId} is already registered; use a transfer to change its owners`,
        { row: unit.row, unitId: unit.unitId },
      );
    if (unit.area <= 0n) throw invalid('INVALID_AREA', `${place}: the area must be more than 0`, { row: unit.row });
    checkOwnerList(state, unit.ownerIds, place);
    const representativeId = representativeOf(unit.ownerIds, unit.representativeId, place);
    const areaSource = unit.areaSource ?? 'REGISTERED';
    return {
      unitId: unit.unitId,
      building: unit.building,
      area: formatArea(unit.area),
      areaSource,
      ownerIds: unit.ownerIds,
      representativeId,
    };
  });
  return [{ type: 'UnitsRegistered', data: { units: records } }];
}

export const communityDecider: Decider<CommunityCommand, CommunityEvent, CommunityState> = {
  initialState: () => ({ status: 'unregistered' }),

  decide(command, state) {
    switch (command.type) {
      case 'RegisterCommunity': {
        if (state.status === 'registered')
          throw conflict('COMMUNITY_EXISTS', `community ${command.data.communityId} is already registered`);
        const rulebook = rulebookById(command.data.rulebook);
        return [{ type: 'CommunityRegistered', data: { ...command.data, rulebookVersion: rulebook.version } }];
      }
      case 'AppointManagingBody': {
        const community = registered(state);
        const { kind, members, now, committeeInOffice } = command.data;
        if (members.length === 0) throw invalid('NO_MEMBERS', 'a managing body needs at least one member');
        if (new Set(members.map((m) => m.memberId)).size !== members.length)
          throw invalid('DUPLICATE_MEMBER', 'a member is listed twice');
        // Rules 17, 30: one governing body at a time: while a filed committee is in office, nobody is appointed beside it.
        if (committeeInOffice) {
          const body =
            kind === 'PMC' ? 'a property-management committee is formed' : 'a preparatory group is appointed';
          throw conflict(
            'COMMITTEE_IN_OFFICE',
            `a filed owners' committee is in office; ${body} only where none is (one governing body at a time)`,
          );
        }
        if (kind !== 'PMC') {
          if (members.some((m) => m.role))
            throw invalid(
              'ROLE_NOT_ALLOWED',
              'member roles belong to a property-management committee, not a preparatory group',
            );
          return [{ type: 'ManagingBodyAppointed', data: { kind, members, appointedAt: now.toISOString() } }];
        }
        // Rule 17: the rulebook's composition and term.
        const rulebook = rulebookById(community.rulebook);
        checkPmcComposition(
          rulebook,
          members.map((m) => m.role),
        );
        const termEnds = new Date(now);
        termEnds.setUTCFullYear(termEnds.getUTCFullYear() + rulebook.pmc.maxTermYears);
        return [
          {
            type: 'ManagingBodyAppointed',
            data: { kind, members, appointedAt: now.toISOString(), termEndsAt: termEnds.toISOString() },
          },
        ];
      }
      case 'RegisterOwners': {
        const community = registered(state);
        const { owners } = command.data;
        if (owners.length === 0) throw invalid('NO_OWNERS', 'the list of owners is empty');
        const seen = new Set<string>();
        for (const [index, owner] of owners.entries()) {
          if (!/^[^+\s]{1,64}$/.test(owner.ownerId))
            throw invalid(
              'INVALID_OWNER_ID',
              `owner id "${owner.ownerId}" (item ${index + 1}) must be 1–64 characters without spaces or "+"`,
            );
          if (seen.has(owner.ownerId))
            throw invalid('DUPLICATE_OWNER', `owner ${owner.ownerId} (item ${index + 1}) appears twice`);
          if (community.owners.has(owner.ownerId))
            throw conflict(
              'OWNER_ALREADY_REGISTERED',
              `owner ${owner.ownerId} (item ${index + 1}) is already registered`,
            );
          seen.add(owner.ownerId);
        }
        return [{ type: 'OwnersRegistered', data: { owners } }];
      }
      case 'RegisterUnits':
        return decideUnits(registered(state), command.data.units);
      case 'TransferUnit': {
        const community = registered(state);
        const { unitId, ownerIds, representativeId, effectiveAt } = command.data;
        const unit = community.units.get(unitId);
        if (!unit) throw notFound('UNIT_NOT_FOUND', `unit ${unitId} is not registered`);
        checkOwnerList(community, ownerIds, `unit ${unitId}`);
        const to = { ownerIds, representativeId: representativeOf(ownerIds, representativeId, `unit ${unitId}`) };
        const from = { ownerIds: unit.ownerIds, representativeId: unit.representativeId };
        if (JSON.stringify(from) === JSON.stringify(to))
          throw conflict('NOTHING_TO_TRANSFER', `unit ${unitId} already has exactly these owners`);
        return [{ type: 'UnitTransferred', data: { unitId, from, to, effectiveAt: effectiveAt.toISOString() } }];
      }
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'CommunityRegistered': {
        const { communityId, name, district, street, rulebook } = event.data;
        return {
          status: 'registered',
          communityId,
          name,
          district,
          street,
          rulebook,
          owners: new Map(),
          units: new Map(),
          managingBody: null,
        };
      }
      case 'ManagingBodyAppointed':
        return { ...registered(state), managingBody: event.data };
      case 'OwnersRegistered': {
        const community = registered(state);
        const owners = new Map(community.owners);
        for (const owner of event.data.owners) owners.set(owner.ownerId, owner);
        return { ...community, owners };
      }
      case 'UnitsRegistered': {
        const community = registered(state);
        const units = new Map(community.units);
        for (const { areaSource: _source, ...u } of event.data.units)
          units.set(u.unitId, { ...u, area: parseArea(u.area) });
        return { ...community, units };
      }
      case 'UnitTransferred': {
        const community = registered(state);
        const units = new Map(community.units);
        const unit = units.get(event.data.unitId)!;
        units.set(unit.unitId, { ...unit, ...event.data.to });
        return { ...community, units };
      }
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
