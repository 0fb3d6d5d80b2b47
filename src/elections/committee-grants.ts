import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { GovernanceState } from '../../libs/domain/elections/governance.js';

/**
 * Who holds the `committee` role of a community (DOMAIN.md rules 14, 16): from a filing on, exactly the
 * accounts that stand for the elected members' owner ids, until the term ends (the grant expires
 * then, without anyone revoking it). Grants are identity data, not events, so this runs after the
 * governance event is appended; it is idempotent, and a retried request (same Idempotency-Key, same
 * events) puts the grants right again.
 */
@Injectable()
export class CommitteeGrants {
  constructor(private readonly dataSource: DataSource) {}

  /** Hands the role to the committee the governance stream has in office (none: nobody keeps it). */
  async handOver(communityId: string, governance: GovernanceState): Promise<void> {
    const memberOwnerIds = governance.committee?.members.map((m) => m.ownerId) ?? [];
    const expiresAt = governance.committee?.termEndsAt ?? null;
    await this.dataSource.transaction(async (db) => {
      // Ends the preparatory group's or PMC's grants, and those of members who left.
      await db.query(
        `UPDATE account_grants SET revoked_at = now()
         WHERE role = 'committee' AND community_id = $1 AND revoked_at IS NULL AND (subject_id IS NULL OR NOT (subject_id = ANY($2::text[])))`,
        [communityId, memberOwnerIds],
      );
      // A member re-elected to a new term keeps the live grant, with the new term's end.
      await db.query(
        `INSERT INTO account_grants (account_id, role, community_id, subject_id, expires_at)
         SELECT DISTINCT account_id, 'committee', community_id, subject_id, $3::timestamptz FROM account_grants
         WHERE role = 'owner' AND community_id = $1 AND subject_id = ANY($2::text[]) AND revoked_at IS NULL
         ON CONFLICT (account_id, role, coalesce(community_id, ''), coalesce(subject_id, '')) WHERE revoked_at IS NULL
         DO UPDATE SET expires_at = EXCLUDED.expires_at`,
        [communityId, memberOwnerIds, expiresAt],
      );
    });
  }
}
