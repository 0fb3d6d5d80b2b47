import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@gongzhi/domain/shared/domain-error.js';
import { formatArea } from '@gongzhi/domain/shared/quantities.js';
import { firstRow, rows } from '../../platform/database/rows.js';
import type { CommunityRow, OwnerRow, UnitRow } from './rows.js';

function summary(row: CommunityRow) {
  return {
    id: row.community_id,
    name: row.name,
    district: row.district,
    street: row.street,
    rulebook: row.rulebook,
    rulebookVersion: row.rulebook_version,
    units: row.units,
    heads: row.heads,
    areaM2: formatArea(BigInt(row.area)),
    managingBody: row.managing_body,
    registeredAt: row.registered_at.toISOString(),
  };
}

/** Reads the registry's projections directly (queries skip the domain). */
@Injectable()
export class RegistryQueries {
  constructor(private readonly dataSource: DataSource) {}

  async communities(district?: string) {
    const found = await rows<CommunityRow>(
      this.dataSource,
      'SELECT * FROM registry_communities WHERE ($1::text IS NULL OR district = $1) ORDER BY registered_at, community_id',
      [district ?? null],
    );
    return found.map(summary);
  }

  async community(communityId: string) {
    const row = await firstRow<CommunityRow>(
      this.dataSource,
      'SELECT * FROM registry_communities WHERE community_id = $1',
      [communityId],
    );
    if (!row) throw notFound('COMMUNITY_NOT_FOUND', `no community ${communityId}`);
    return summary(row);
  }

  async roster(communityId: string) {
    const community = await this.community(communityId);
    const owners = await rows<Pick<OwnerRow, 'owner_id' | 'name' | 'kind'>>(
      this.dataSource,
      'SELECT owner_id, name, kind FROM registry_owners WHERE community_id = $1 ORDER BY owner_id',
      [communityId],
    );
    const units = await rows<Omit<UnitRow, 'community_id'>>(
      this.dataSource,
      `SELECT unit_id, building, area, area_source, owner_ids, representative_id
       FROM registry_units WHERE community_id = $1 ORDER BY unit_id`,
      [communityId],
    );
    return {
      communityId,
      units: units.map((u) => ({
        unitId: u.unit_id,
        building: u.building,
        areaSource: u.area_source,
        ownerIds: u.owner_ids,
        representativeId: u.representative_id,
        areaM2: formatArea(BigInt(u.area)),
      })),
      owners: owners.map((o) => ({ ownerId: o.owner_id, name: o.name, kind: o.kind })),
      totals: { units: community.units, heads: community.heads, areaM2: community.areaM2, owners: owners.length },
    };
  }
}
