import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { votersOf } from '@gongzhi/domain/registry/counting.js';
import { rosterForBudget } from '@gongzhi/domain/voting/bearers.js';
import { authorizeVoting } from '../voting.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { CommunityStream } from '../../registry/community-stream.js';
import { closeCounting, RESOLUTION_VOTE } from '@gongzhi/receipts/counted-ballots.js';
import { rosterHash } from '@gongzhi/receipts/roster-hash.js';
import { resolutionIn, ResolutionStream } from '../resolution-stream.js';

/** The committee's steps on a resolution, each its own command: posted (announced), opened, closed. */
abstract class ResolutionStep<Answer> extends Command<Answer> {
  constructor(
    readonly communityId: string,
    readonly resolutionId: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

export class PostResolution extends ResolutionStep<{ position: string }> {}

export class OpenResolution extends ResolutionStep<{
  eligible: { heads: number; areaM2: string } | null;
  position: string;
}> {}

export class CloseResolution extends ResolutionStep<Record<string, unknown>> {}

/** Rule 8: the rulebook may require a resolution to be posted days before it opens. */
@CommandHandler(PostResolution)
export class PostResolutionHandler implements ICommandHandler<PostResolution> {
  constructor(private readonly es: EventSourcing) {}

  async execute({ communityId, resolutionId, ctx }: PostResolution) {
    const actor = authorizeVoting(ctx, 'PostResolution', communityId);
    const context = ctx.commandContext(actor, communityId);
    const { position } = await this.es.handle(
      resolutionIn(communityId, resolutionId),
      { type: 'PostResolution', data: { now: context.now } },
      context,
    );
    return { position: String(position) };
  }
}

/** Opening freezes the roster (DOMAIN.md rule 4): the voters as they stand now go into the event. */
@CommandHandler(OpenResolution)
export class OpenResolutionHandler implements ICommandHandler<OpenResolution> {
  constructor(
    private readonly communities: CommunityStream,
    private readonly resolutions: ResolutionStream,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, resolutionId, ctx }: OpenResolution) {
    const actor = authorizeVoting(ctx, 'OpenResolution', communityId);
    const context = ctx.commandContext(actor, communityId);
    const community = await this.communities.registered(communityId);
    // For a budget with bearers, only theirs are frozen (rule 25). A draft's budget never changes, so reading it first is safe.
    const drafted = await this.resolutions.inCommunity(communityId, resolutionId);
    const units = [...community.units.values()];
    const voters = votersOf(community.owners, units);
    const budget = drafted.status === 'none' ? null : drafted.resolution.budget;
    const frozen = rosterForBudget(budget, voters, units);
    const decision = await this.es.handle(
      resolutionIn(communityId, resolutionId),
      { type: 'OpenResolution', data: { voters, units, rosterHash: rosterHash(frozen), now: context.now } },
      context,
    );
    const opened = decision.domainEvents.find((e) => e.type === 'ResolutionOpened');
    return {
      eligible: opened?.type === 'ResolutionOpened' ? opened.data.eligible : null,
      position: String(decision.position),
    };
  }
}

/** Closing at or after closesAt counts the live ballots and commits to them (the counted root); answers the tally. */
@CommandHandler(CloseResolution)
export class CloseResolutionHandler implements ICommandHandler<CloseResolution> {
  constructor(
    private readonly resolutions: ResolutionStream,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, resolutionId, ctx }: CloseResolution) {
    const actor = authorizeVoting(ctx, 'CloseResolution', communityId);
    const context = ctx.commandContext(actor, communityId);
    const decision = await closeCounting(
      RESOLUTION_VOTE,
      (from) => this.resolutions.recorded(resolutionId, from),
      (counted) =>
        this.es.handle(
          resolutionIn(communityId, resolutionId),
          { type: 'CloseResolution', data: { now: context.now, counted } },
          context,
        ),
    );
    const closed = decision.domainEvents.find((e) => e.type === 'ResolutionClosed');
    if (closed?.type !== 'ResolutionClosed') return { position: String(decision.position) };
    const { countedRoot, countedSize } = closed.data;
    return {
      ...closed.data.tally,
      resultsDueBy: closed.data.resultsDueBy,
      resultsLate: closed.data.resultsLate,
      countedRoot,
      countedSize,
      closeEventId: decision.events[0].eventId,
      position: String(decision.position),
    };
  }
}
