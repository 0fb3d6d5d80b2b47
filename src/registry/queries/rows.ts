// The registry read model's rows as pg answers them: bigint columns (areas in hundredths of m²) as strings,
// timestamptz as Date, jsonb parsed, text[] as arrays.

/** The body acting for a community: the appointed preparatory group or PMC, then the filed committee. */
export interface ManagingBodyJson {
  kind: string;
  members: { memberId: string; name: string }[];
  appointedAt: string;
  termEndsAt?: string;
}

/** registry_communities: a community with its totals and the body that manages it. */
export interface CommunityRow {
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
  managing_body: ManagingBodyJson | null;
  registered_at: Date;
}

/** registry_owners: an owner on the roster. */
export interface OwnerRow {
  community_id: string;
  owner_id: string;
  name: string;
  kind: string;
}

/** registry_units: a unit, its area and who owns it. */
export interface UnitRow {
  community_id: string;
  unit_id: string;
  building: string;
  area: string;
  area_source: string;
  owner_ids: string[];
  representative_id: string;
}
