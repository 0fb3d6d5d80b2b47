import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../../../libs/domain/shared/domain-error.js';
import { formatArea } from '../../../libs/domain/shared/quantities.js';

interface CommunityRow {
  community_id: string;
  name: string;
  district: string;
  street: string | null;
  rulebook: string;
  rulebook_version: string;
  units: number;
  heads: number;
  area: string;
  owners: number;
  managing_body: {
    kind: string;
    members: { memberId: string; name: string }[];
    appointedAt: string;
    termEndsAt?: string;
  } | null;
  registered_at: Date;
}

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
    const rows: CommunityRow[] = await this.dataSource.query(
      'SELECT * FROM registry_communities WHERE ($1::text IS NULL OR district = $1) ORDER BY registered_at, community_id',
      [district ?? null],
    );
    return rows.map(summary);
  }

  async community(communityId: string) {
    const [row]: CommunityRow[] = await this.dataSource.query(
      'SELECT * FROM registry_communities WHERE community_id = $1',
      [communityId],
    );
    if (!row) throw notFound('COMMUNITY_NOT_FOUND', `no community ${communityId}`);
    return summary(row);
  }

  async roster(communityId: string) {
    const community = await this.community(communityId);
    const owners = await this.dataSource.query(
      'SELECT owner_id AS "ownerId", name, kind FROM registry_owners WHERE community_id = $1 ORDER BY owner_id',
      [communityId],
    );
    const units: { unitId: string; building: string; area: string; ownerIds: string[]; representativeId: string }[] =
      await this.dataSource.query(
        `SELECT unit_id AS "unitId", building, area, area_source AS "areaSource", owner_ids AS "ownerIds", representative_id AS "representativeId"
       FROM registry_units WHERE community_id = $1 ORDER BY unit_id`,
        [communityId],
      );
    return {
      communityId,
      units: units.map(({ area, ...u }) => ({ ...u, areaM2: formatArea(BigInt(area)) })),
      owners,
      totals: { units: community.units, heads: community.heads, areaM2: community.areaM2, owners: owners.length },
    };
  }
}
