import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Who holds the `committee` role of a community (DOMAIN.md rule 16): from a filing on, exactly the
 * accounts that stand for the elected members' owner ids. Grants are identity data, not events, so
 * this runs after the governance event is appended; it is idempotent, and a retried request (same
 * Idempotency-Key, same events) puts the grants right again.
 */
@Injectable()
export class CommitteeGrants {
  constructor(private readonly dataSource: DataSource) {}

  async handOver(communityId: string, memberOwnerIds: string[]): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      // Ends the preparatory group's or PMC's grants, and those of members who left.
      await db.query(
        `UPDATE account_grants SET revoked_at = now()
         WHERE role = 'committee' AND community_id = $1 AND revoked_at IS NULL AND (subject_id IS NULL OR NOT (subject_id = ANY($2::text[])))`,
        [communityId, memberOwnerIds],
      );
      await db.query(
        `INSERT INTO account_grants (account_id, role, community_id, subject_id)
         SELECT DISTINCT account_id, 'committee', community_id, subject_id FROM account_grants
         WHERE role = 'owner' AND community_id = $1 AND subject_id = ANY($2::text[]) AND revoked_at IS NULL
         ON CONFLICT DO NOTHING`,
        [communityId, memberOwnerIds],
      );
    });
  }
}
