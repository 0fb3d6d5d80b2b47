import { Injectable } from '@nestjs/common';
import type { GovernanceState } from '@gongzhi/domain/elections/governance.js';
import { IdentityService } from '../identity/identity.service.js';

/**
 * Who holds the `committee` role of a community (DOMAIN.md rules 14, 16): from a filing on, the elected
 * members as owners of the roster (so a member who activates their account later holds it too), until
 * the term ends (the grants expire then, without anyone revoking them). Grants are identity data, not
 * events, so this runs after the governance event is appended; it is idempotent, and a retried request
 * (same Idempotency-Key, same events) puts the grants right again.
 */
@Injectable()
export class CommitteeGrants {
  constructor(private readonly identity: IdentityService) {}

  /** Hands the role to the committee the governance stream has in office (none: nobody keeps it). */
  handOver(communityId: string, governance: GovernanceState): Promise<void> {
    const committee = governance.committee;
    return this.identity.handCommitteeRoleTo(
      communityId,
      committee?.members.map((m) => m.ownerId) ?? [],
      committee ? new Date(committee.termEndsAt) : null,
    );
  }
}
