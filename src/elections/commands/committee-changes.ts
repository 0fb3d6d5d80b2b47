import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { conflict, invalid } from '@gongzhi/domain/shared/domain-error.js';
import { resolutionStream } from '@gongzhi/domain/voting/resolution.events.js';
import type { EventStore } from '@gongzhi/event-store/event-store.js';
import { EVENT_STORE, EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { ResolutionStream } from '../../voting/resolution-stream.js';
import { authorizeElections } from '../elections.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { COMMUNITY, CommunityStream } from '../../registry/community-stream.js';
import { CommitteeGrants } from '../committee-grants.js';
import { GOVERNANCE } from '../election-stream.js';
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
    private readonly grants: CommitteeGrants,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, ownerId, ctx }: ResignFromCommittee) {
    const actor = authorizeElections(ctx, 'ResignFromCommittee', communityId);
    const community = await this.communities.registered(communityId);
    const context = ctx.commandContext(actor, communityId);
    // An elected member's committee grant names the owner id it follows (committee-grants.ts): that is who resigns.
    const resignedBy = actor.subjectId;
    const decision = await this.es.handle(
      GOVERNANCE.stream(communityId),
      {
        type: 'ResignFromCommittee',
        data: { ownerId: ownerId ?? resignedBy ?? '', resignedBy, households: community.units.size, now: context.now },
      },
      context,
    );
    await this.grants.handOver(communityId, decision.state);
    const resigned = decision.domainEvents[0];
    return {
      steppedUp: resigned?.type === 'CommitteeMemberResigned' ? (resigned.data.steppedUp?.ownerId ?? null) : null,
      position: String(decision.position),
    };
  }
}

export class RemoveCommitteeMember extends Command<{ ownerId: string; steppedUp: string | null; position: string }> {
  constructor(
    readonly communityId: string,
    readonly resolutionId: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/**
 * Rule 29 (罢免): the owners removed a member by a passed ELECT_COMMITTEE vote naming them; the
 * committee or the street office records it, naming the vote's close event, and the role follows.
 */
@CommandHandler(RemoveCommitteeMember)
export class RemoveCommitteeMemberHandler implements ICommandHandler<RemoveCommitteeMember> {
  constructor(
    private readonly communities: CommunityStream,
    private readonly resolutions: ResolutionStream,
    private readonly grants: CommitteeGrants,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, resolutionId, ctx }: RemoveCommitteeMember) {
    const actor = authorizeElections(ctx, 'RemoveCommitteeMember', communityId);
    const community = await this.communities.registered(communityId);
    const vote = await this.resolutions.inCommunity(communityId, resolutionId);
    const removal = vote.status === 'none' ? undefined : vote.resolution.removal;
    if (!removal)
      throw invalid(
        'NOT_A_REMOVAL_VOTE',
        `resolution ${resolutionId} does not ask the owners to remove a committee member`,
      );
    if (vote.status !== 'closed' || vote.closed.tally.outcome !== 'PASSED') {
      throw conflict(
        'REMOVAL_NOT_PASSED',
        `the owners have not passed resolution ${resolutionId} (${vote.status === 'closed' ? vote.closed.tally.outcome : 'not closed'}); a member is removed only by a passed vote`,
      );
    }
    const closed = (await this.store.readStream(resolutionStream(resolutionId))).find(
      (e) => e.type === 'ResolutionClosed',
    )!;
    const context = ctx.commandContext(actor, communityId);
    const decision = await this.es.handle(
      GOVERNANCE.stream(communityId),
      {
        type: 'RemoveCommitteeMember',
        data: {
          ownerId: removal.ownerId,
          resolutionId,
          closeEventId: closed.eventId,
          recordedBy: actor.id,
          households: community.units.size,
          now: context.now,
        },
      },
      context,
    );
    await this.grants.handOver(communityId, decision.state);
    const removed = decision.domainEvents[0];
    return {
      ownerId: removal.ownerId,
      steppedUp: removed?.type === 'CommitteeMemberRemoved' ? (removed.data.steppedUp?.ownerId ?? null) : null,
      position: String(decision.position),
    };
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
    private readonly grants: CommitteeGrants,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, ctx }: DissolvePmc) {
    const actor = authorizeElections(ctx, 'DissolvePmc', communityId);
    const community = await this.es.state(COMMUNITY.stream(communityId));
    const context = ctx.commandContext(actor, communityId);
    const decision = await this.es.handle(
      GOVERNANCE.stream(communityId),
      { type: 'DissolvePmc', data: { pmc: appointedBody(community), now: context.now } },
      context,
    );
    // A PMC dissolved before any filing leaves nobody with the role; after one, the committee keeps it.
    await this.grants.handOver(communityId, decision.state);
    const dissolved = decision.domainEvents[0];
    return { late: dissolved?.type === 'PmcDissolved' && dissolved.data.late, position: String(decision.position) };
  }
}
