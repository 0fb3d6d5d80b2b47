import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { notFound } from '../../../libs/domain/shared/domain-error.js';
import { authorize } from '../../platform/auth/principal.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { CommunityStream } from '../../registry/community-stream.js';
import { CommitteeGrants } from '../committee-grants.js';
import { GovernanceStream } from '../election-stream.js';
import { appointedBody } from './file-committee.js';

export class ResignFromCommittee extends Command<{ steppedUp: string | null; position: string }> {
  constructor(
    readonly communityId: string,
    readonly ownerId: string | undefined,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** A member leaves, only themself (rule 29); the first alternate steps up, and the committee role follows (rule 14). */
@CommandHandler(ResignFromCommittee)
export class ResignFromCommitteeHandler implements ICommandHandler<ResignFromCommittee> {
  constructor(
    private readonly communities: CommunityStream,
    private readonly governance: GovernanceStream,
    private readonly grants: CommitteeGrants,
  ) {}

  async execute({ communityId, ownerId, ctx }: ResignFromCommittee) {
    const actor = authorize(ctx.principal, ['committee'], communityId);
    const community = await this.communities.state(communityId);
    if (community.status !== 'registered') throw notFound('COMMUNITY_NOT_FOUND', `no community ${communityId}`);
    const context = ctx.commandContext(actor, communityId);
    // An elected member's committee grant names the owner id it follows (committee-grants.ts): that is who resigns.
    const resignedBy = actor.subjectId;
    const decision = await this.governance.execute(
      communityId,
      { type: 'ResignFromCommittee', data: { ownerId: ownerId ?? resignedBy ?? '', resignedBy, households: community.units.size, now: context.now } },
      context,
    );
    await this.grants.handOver(communityId, decision.state);
    const resigned = decision.domainEvents[0];
    return { steppedUp: resigned?.type === 'CommitteeMemberResigned' ? (resigned.data.steppedUp?.ownerId ?? null) : null, position: String(decision.position) };
  }
}

export class DissolvePmc extends Command<{ late: boolean; position: string }> {
  constructor(
    readonly communityId: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** Rule 17: the street office dissolves the PMC, due within 30 days of a committee's filing. */
@CommandHandler(DissolvePmc)
export class DissolvePmcHandler implements ICommandHandler<DissolvePmc> {
  constructor(
    private readonly communities: CommunityStream,
    private readonly governance: GovernanceStream,
    private readonly grants: CommitteeGrants,
  ) {}

  async execute({ communityId, ctx }: DissolvePmc) {
    const actor = authorize(ctx.principal, ['regulator'], null);
    const community = await this.communities.state(communityId);
    const context = ctx.commandContext(actor, communityId);
    const decision = await this.governance.execute(communityId, { type: 'DissolvePmc', data: { pmc: appointedBody(community), now: context.now } }, context);
    // A PMC dissolved before any filing leaves nobody with the role; after one, the committee keeps it.
    await this.grants.handOver(communityId, decision.state);
    const dissolved = decision.domainEvents[0];
    return { late: dissolved?.type === 'PmcDissolved' && dissolved.data.late, position: String(decision.position) };
  }
}
