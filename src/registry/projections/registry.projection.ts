import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  votersOf,
  rosterTotals,
  type RosterOwner,
  type RosterUnit,
  type OwnerKind,
} from '../../../libs/domain/registry/counting.js';
import type { GovernanceEvent } from '../../../libs/domain/elections/governance.events.js';
import { COMMUNITY_EVENT_TYPES, type CommunityEvent } from '../../../libs/domain/registry/community.events.js';
import { parseArea } from '../../../libs/domain/shared/quantities.js';
import type { RecordedEvent } from '../../../libs/event-store/event-store.js';
import type { Projection } from '../../platform/projections/projection.js';
import { ProjectionRegistry } from '../../platform/projections/projection-registry.js';
import { firstRow, rows } from '../../platform/database/rows.js';
import type { CommunityRow, ManagingBodyJson, OwnerRow, UnitRow } from '../queries/rows.js';

/** The governance events that change who acts for the community: the summary names the body acting. */
const ACTING_BODY_EVENT_TYPES = [
  'CommitteeFiled',
  'CommitteeMemberResigned',
  'CommitteeMemberRemoved',
  'ByElectionFiled',
] as const;
type ActingBodyEvent = Extract<GovernanceEvent, { type: (typeof ACTING_BODY_EVENT_TYPES)[number] }>;

/**
 * Communities, owners and units as tables, with roster totals by the counting rules of libs/domain,
 * and the body acting for the community: the appointed preparatory group or PMC, then the filed committee.
 */
@Injectable()
export class RegistryProjection implements Projection, OnModuleInit {
  readonly name = 'registry';
  readonly tables = ['registry_communities', 'registry_owners', 'registry_units'];
  readonly eventTypes = [...COMMUNITY_EVENT_TYPES, ...ACTING_BODY_EVENT_TYPES];

  constructor(private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async apply(recorded: RecordedEvent, db: EntityManager): Promise<void> {
    return this.applyBatch([recorded], db);
  }

  /**
   * The batch at once: the owners and units it registers are one insert per table, and each community's
   * totals are recounted once, after the batch's last change to its roster, not after every event.
   */
  async applyBatch(events: readonly RecordedEvent[], db: EntityManager): Promise<void> {
    const roster = new PendingRoster();
    for (const recorded of events) await this.applyEvent(recorded, db, roster);
    await roster.flush(db);
    for (const communityId of roster.changed) await this.refreshTotals(communityId, db);
  }

  private async applyEvent(recorded: RecordedEvent, db: EntityManager, roster: PendingRoster): Promise<void> {
    if ((ACTING_BODY_EVENT_TYPES as readonly string[]).includes(recorded.type)) {
      return this.applyActingBody(recorded as unknown as ActingBodyEvent, recorded.metadata.communityId!, db);
    }
    const event = recorded as unknown as CommunityEvent & RecordedEvent;
    const communityId = recorded.metadata.communityId!;
    switch (event.type) {
      case 'CommunityRegistered': {
        const d = event.data;
        await db.query(
          `INSERT INTO registry_communities (community_id, name, district, street, rulebook, rulebook_version, registered_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
          [d.communityId, d.name, d.district, d.street, d.rulebook, d.rulebookVersion, recorded.metadata.occurredAt],
        );
        return;
      }
      case 'ManagingBodyAppointed':
        await db.query('UPDATE registry_communities SET managing_body = $2 WHERE community_id = $1', [
          communityId,
          event.data,
        ]);
        return;
      case 'OwnersRegistered':
        for (const o of event.data.owners)
          roster.owners.push({ community_id: communityId, owner_id: o.ownerId, name: o.name, kind: o.kind });
        break;
      case 'UnitsRegistered':
        for (const u of event.data.units)
          roster.units.push({
            community_id: communityId,
            unit_id: u.unitId,
            building: u.building,
            area: parseArea(u.area).toString(),
            area_source: u.areaSource,
            owner_ids: u.ownerIds,
            representative_id: u.representativeId,
          });
        break;
      case 'UnitTransferred':
        // The unit may be among the batch's registered units not yet written.
        await roster.flush(db);
        await db.query(
          'UPDATE registry_units SET owner_ids = $3, representative_id = $4 WHERE community_id = $1 AND unit_id = $2',
          [communityId, event.data.unitId, event.data.to.ownerIds, event.data.to.representativeId],
        );
        break;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
    roster.changed.add(communityId);
  }

  /** Idempotent: the filing sets the whole body; a resignation removes one member and adds whoever stepped up, a by-election adds whoever is not sitting yet: each once. */
  private async applyActingBody(event: ActingBodyEvent, communityId: string, db: EntityManager): Promise<void> {
    let body: ManagingBodyJson | null;
    if (event.type === 'CommitteeFiled') {
      const d = event.data;
      body = {
        kind: 'COMMITTEE',
        members: d.members.map((m) => ({ memberId: m.ownerId, name: m.name })),
        appointedAt: d.filedAt,
        termEndsAt: d.termEndsAt,
      };
    } else {
      const row = await firstRow<Pick<CommunityRow, 'managing_body'>>(
        db,
        'SELECT managing_body FROM registry_communities WHERE community_id = $1',
        [communityId],
      );
      body = row?.managing_body ?? null;
      if (!body || body.kind !== 'COMMITTEE') return;
      if (event.type === 'ByElectionFiled') {
        const sitting = new Set(body.members.map((m) => m.memberId));
        const joined = event.data.joined.filter((m) => !sitting.has(m.ownerId));
        body = { ...body, members: [...body.members, ...joined.map((m) => ({ memberId: m.ownerId, name: m.name }))] };
        await db.query('UPDATE registry_communities SET managing_body = $2 WHERE community_id = $1', [
          communityId,
          body,
        ]);
        return;
      }
      const { ownerId, steppedUp } = event.data;
      const members = body.members.filter((m) => m.memberId !== ownerId);
      if (steppedUp && !members.some((m) => m.memberId === steppedUp.ownerId))
        members.push({ memberId: steppedUp.ownerId, name: steppedUp.name });
      body = { ...body, members };
    }
    await db.query('UPDATE registry_communities SET managing_body = $2 WHERE community_id = $1', [communityId, body]);
  }

  /** Totals are recounted from the whole roster: heads depend on who holds which other units. */
  private async refreshTotals(communityId: string, db: EntityManager): Promise<void> {
    const ownerRows = await rows<Omit<OwnerRow, 'community_id'> & { kind: OwnerKind }>(
      db,
      'SELECT owner_id, name, kind FROM registry_owners WHERE community_id = $1',
      [communityId],
    );
    const unitRows = await rows<Omit<UnitRow, 'community_id' | 'area_source'>>(
      db,
      'SELECT unit_id, building, area, owner_ids, representative_id FROM registry_units WHERE community_id = $1',
      [communityId],
    );
    const owners = new Map<string, RosterOwner>(
      ownerRows.map((o) => [o.owner_id, { ownerId: o.owner_id, name: o.name, kind: o.kind }]),
    );
    const units: RosterUnit[] = unitRows.map((u) => ({
      unitId: u.unit_id,
      building: u.building,
      area: BigInt(u.area),
      ownerIds: u.owner_ids,
      representativeId: u.representative_id,
    }));
    const totals = rosterTotals(votersOf(owners, units));
    await db.query(
      'UPDATE registry_communities SET units = $2, heads = $3, area = $4, owners = $5 WHERE community_id = $1',
      [communityId, totals.units, totals.heads, totals.area.toString(), owners.size],
    );
  }
}

/**
 * Owners and units registered in a batch, not yet written: one INSERT per table, rows in event order
 * (ON CONFLICT DO NOTHING keeps the first of a key, as one insert per event did).
 */
class PendingRoster {
  readonly owners: { community_id: string; owner_id: string; name: string; kind: OwnerKind }[] = [];
  readonly units: {
    community_id: string;
    unit_id: string;
    building: string;
    area: string;
    area_source: string;
    owner_ids: string[];
    representative_id: string;
  }[] = [];
  /** Communities whose roster changed: their totals are recounted at the batch's end. */
  readonly changed = new Set<string>();

  async flush(db: EntityManager): Promise<void> {
    if (this.owners.length > 0)
      await db.query(
        `INSERT INTO registry_owners (community_id, owner_id, name, kind)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
        [
          this.owners.map((o) => o.community_id),
          this.owners.map((o) => o.owner_id),
          this.owners.map((o) => o.name),
          this.owners.map((o) => o.kind),
        ],
      );
    if (this.units.length > 0)
      await db.query(
        `INSERT INTO registry_units (community_id, unit_id, building, area, area_source, owner_ids, representative_id)
         SELECT u.community_id, u.unit_id, u.building, u.area, u.area_source, ARRAY(SELECT jsonb_array_elements_text(u.owner_ids)), u.representative_id
         FROM jsonb_to_recordset($1::jsonb) AS u(community_id text, unit_id text, building text, area bigint, area_source text, owner_ids jsonb, representative_id text)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(this.units)],
      );
    this.owners.length = 0;
    this.units.length = 0;
  }
}
