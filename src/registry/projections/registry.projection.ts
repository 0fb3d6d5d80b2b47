import { Injectable } from '@nestjs/common';
import {
  votersOf,
  rosterTotals,
  type RosterOwner,
  type RosterUnit,
  type OwnerKind,
} from '@gongzhi/domain/registry/counting.js';
import type { GovernanceEvent } from '@gongzhi/domain/elections/governance.events.js';
import { COMMUNITY_EVENT_TYPES, type CommunityEvent } from '@gongzhi/domain/registry/community.events.js';
import { parseArea } from '@gongzhi/domain/shared/quantities.js';
import type { RecordedEvent } from '@gongzhi/event-store/event-store.js';
import {
  fold,
  insert,
  rowsByKey,
  RowsProjection,
  storedRows,
  table,
  update,
  type RowWrite,
} from '../../platform/projections/row-writes.js';
import type { CommunityRow, ManagingBodyJson, OwnerRow, UnitRow } from '../queries/rows.js';

const COMMUNITIES = table<CommunityRow>('registry_communities');
const OWNERS = table<OwnerRow>('registry_owners');
const UNITS = table<UnitRow>('registry_units');

/** The governance events that change who acts for the community: the summary names the body acting. */
const ACTING_BODY_EVENT_TYPES = [
  'CommitteeFiled',
  'CommitteeMemberResigned',
  'CommitteeMemberRemoved',
  'ByElectionFiled',
] as const;
type ActingBodyEvent =
  | Extract<GovernanceEvent, { type: (typeof ACTING_BODY_EVENT_TYPES)[number] }>
  | Extract<CommunityEvent, { type: 'ManagingBodyAppointed' }>;
const ACTING_BODY_TYPES = new Set<string>(['ManagingBodyAppointed', ...ACTING_BODY_EVENT_TYPES]);
const ROSTER_TYPES = new Set<string>(['OwnersRegistered', 'UnitsRegistered', 'UnitTransferred']);

/** The rows a community's event writes by itself: a pure function of the event, carried out by the applier. */
export function registryRowsOf(recorded: RecordedEvent): RowWrite[] {
  if (!(COMMUNITY_EVENT_TYPES as readonly string[]).includes(recorded.type)) return [];
  const event = recorded as unknown as CommunityEvent;
  const community_id = recorded.metadata.communityId!;
  switch (event.type) {
    case 'CommunityRegistered': {
      const d = event.data;
      return [
        insert(COMMUNITIES, {
          community_id: d.communityId,
          name: d.name,
          district: d.district,
          street: d.street,
          rulebook: d.rulebook,
          rulebook_version: d.rulebookVersion,
          registered_at: recorded.metadata.occurredAt,
        }),
      ];
    }
    case 'ManagingBodyAppointed':
      return []; // the acting body's fold
    case 'OwnersRegistered':
      return [
        insert(
          OWNERS,
          ...event.data.owners.map((o) => ({ community_id, owner_id: o.ownerId, name: o.name, kind: o.kind })),
        ),
      ];
    case 'UnitsRegistered':
      return [
        insert(
          UNITS,
          ...event.data.units.map((u) => ({
            community_id,
            unit_id: u.unitId,
            building: u.building,
            area: parseArea(u.area).toString(),
            area_source: u.areaSource,
            owner_ids: u.ownerIds,
            representative_id: u.representativeId,
          })),
        ),
      ];
    case 'UnitTransferred':
      // The unit may be among the batch's registered units not yet written: the applier writes those first.
      return [
        update(
          UNITS,
          { owner_ids: event.data.to.ownerIds, representative_id: event.data.to.representativeId },
          { community_id, unit_id: event.data.unitId },
        ),
      ];
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/**
 * The body acting after an event: the appointed one, the filed committee, or the committee a resignation
 * or removal took one member from (adding whoever stepped up) or a by-election added to. Idempotent, as
 * the registry keeps no position: a member is removed or added once, however often the event comes.
 */
export function actingBodyAfter(body: ManagingBodyJson | null, event: ActingBodyEvent): ManagingBodyJson | null {
  switch (event.type) {
    case 'ManagingBodyAppointed':
      return event.data;
    case 'CommitteeFiled': {
      const d = event.data;
      return {
        kind: 'COMMITTEE',
        members: d.members.map((m) => ({ memberId: m.ownerId, name: m.name })),
        appointedAt: d.filedAt,
        termEndsAt: d.termEndsAt,
      };
    }
    case 'ByElectionFiled': {
      if (body?.kind !== 'COMMITTEE') return body;
      const sitting = new Set(body.members.map((m) => m.memberId));
      const joined = event.data.joined.filter((m) => !sitting.has(m.ownerId));
      return { ...body, members: [...body.members, ...joined.map((m) => ({ memberId: m.ownerId, name: m.name }))] };
    }
    default: {
      if (body?.kind !== 'COMMITTEE') return body;
      const { ownerId, steppedUp } = event.data;
      const members = body.members.filter((m) => m.memberId !== ownerId);
      if (steppedUp && !members.some((m) => m.memberId === steppedUp.ownerId))
        members.push({ memberId: steppedUp.ownerId, name: steppedUp.name });
      return { ...body, members };
    }
  }
}

/** The body acting for each community, as the summary names it. */
const actingBodies = fold<ManagingBodyJson | null>({
  keyOf: (event) => (ACTING_BODY_TYPES.has(event.type) && event.metadata.communityId) || undefined,
  load: storedRows(COMMUNITIES, 'community_id', (row) => ({ state: row.managing_body })),
  initial: () => null,
  evolve: (body, event) => actingBodyAfter(body, event as unknown as ActingBodyEvent),
  rowsOf: (communityId, body) =>
    body ? [update(COMMUNITIES, { managing_body: body }, { community_id: communityId })] : [],
});

/** A community's roster as its tables hold it: the first registration of an owner or unit is the one kept. */
export interface Roster {
  owners: ReadonlyMap<string, RosterOwner>;
  units: ReadonlyMap<string, RosterUnit>;
}

/** The roster after an event, as the inserts (ON CONFLICT DO NOTHING) and the transfer's update leave it. */
export function rosterAfter(roster: Roster, recorded: RecordedEvent): Roster {
  const event = recorded as unknown as Extract<
    CommunityEvent,
    { type: 'OwnersRegistered' | 'UnitsRegistered' | 'UnitTransferred' }
  >;
  switch (event.type) {
    case 'OwnersRegistered': {
      const owners = new Map(roster.owners);
      for (const o of event.data.owners)
        if (!owners.has(o.ownerId)) owners.set(o.ownerId, { ownerId: o.ownerId, name: o.name, kind: o.kind });
      return { ...roster, owners };
    }
    case 'UnitsRegistered': {
      const units = new Map(roster.units);
      for (const u of event.data.units)
        if (!units.has(u.unitId))
          units.set(u.unitId, {
            unitId: u.unitId,
            building: u.building,
            area: parseArea(u.area),
            ownerIds: u.ownerIds,
            representativeId: u.representativeId,
          });
      return { ...roster, units };
    }
    case 'UnitTransferred': {
      const unit = roster.units.get(event.data.unitId);
      if (!unit) return roster;
      const units = new Map(roster.units);
      units.set(unit.unitId, {
        ...unit,
        ownerIds: event.data.to.ownerIds,
        representativeId: event.data.to.representativeId,
      });
      return { ...roster, units };
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/**
 * Each community's roster totals by the counting rules of libs/domain, recounted from the whole roster
 * (heads depend on who holds which other units) once a batch, after its last change to the roster.
 */
const rosterTotalsOf = fold<Roster>({
  keyOf: (event) => (ROSTER_TYPES.has(event.type) && event.metadata.communityId) || undefined,
  load: async (db, keys) => {
    const rosters = new Map<string, { owners: Map<string, RosterOwner>; units: Map<string, RosterUnit> }>(
      keys.map((key) => [key, { owners: new Map(), units: new Map() }]),
    );
    for (const o of await rowsByKey(db, OWNERS, 'community_id', keys))
      rosters.get(o.community_id)!.owners.set(o.owner_id, {
        ownerId: o.owner_id,
        name: o.name,
        kind: o.kind as OwnerKind,
      });
    for (const u of await rowsByKey(db, UNITS, 'community_id', keys))
      rosters.get(u.community_id)!.units.set(u.unit_id, {
        unitId: u.unit_id,
        building: u.building,
        area: BigInt(u.area),
        ownerIds: u.owner_ids,
        representativeId: u.representative_id,
      });
    return new Map([...rosters].map(([key, state]) => [key, { state }]));
  },
  initial: () => ({ owners: new Map<string, RosterOwner>(), units: new Map<string, RosterUnit>() }),
  evolve: rosterAfter,
  rowsOf: (communityId, roster) => {
    const totals = rosterTotals(votersOf(roster.owners, [...roster.units.values()]));
    return [
      update(
        COMMUNITIES,
        { units: totals.units, heads: totals.heads, area: totals.area.toString(), owners: roster.owners.size },
        { community_id: communityId },
      ),
    ];
  },
});

/**
 * Communities, owners and units as tables, with roster totals by the counting rules of libs/domain,
 * and the body acting for the community: the appointed preparatory group or PMC, then the filed committee.
 */
@Injectable()
export class RegistryProjection extends RowsProjection {
  readonly name = 'registry';
  readonly tables = ['registry_communities', 'registry_owners', 'registry_units'];
  readonly eventTypes = [...COMMUNITY_EVENT_TYPES, ...ACTING_BODY_EVENT_TYPES];
  protected override readonly folds = [actingBodies, rosterTotalsOf];

  override rowsOf(recorded: RecordedEvent): RowWrite[] {
    return registryRowsOf(recorded);
  }
}
