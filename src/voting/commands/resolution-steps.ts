import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { votersOf } from '@gongzhi/domain/registry/counting.js';
import { rosterForBudget } from '@gongzhi/domain/voting/bearers.js';
import type { ErrorCode } from '../../error-codes.js';
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

/**
 * What each step refuses on a vote of either kind, a resolution or an election: posting checks the rulebook's
 * posting period, opening freezes the roster from the registry (rule 4), closing counts the live ballots and
 * commits to them (rule 13), the same way for both. Each step route spreads its step's list and adds the codes of
 * its own kind (its not-found, already-posted, not-open …).
 */
export const VOTE_STEP_REFUSALS = {
  post: [
    'CONCURRENCY_CONFLICT',
    'FORBIDDEN',
    'INVALID_TIME',
    'OUTSIDE_JURISDICTION',
    'POSTING_PERIOD_TOO_SHORT',
    'RULEBOOK_VERSION_UNAVAILABLE',
    'UNKNOWN_RULEBOOK',
  ],
  open: [
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'DUPLICATE_UNIT',
    'DUPLICATE_VOTER',
    'EMPTY_ROSTER',
    'FORBIDDEN',
    'INVALID_AREA',
    'INVALID_OWNER_ID',
    'INVALID_TIME',
    'NOT_POSTED',
    'OUTSIDE_JURISDICTION',
    'REPRESENTATIVE_NOT_OWNER',
    'ROSTER_HASH_REQUIRED',
    'TOO_EARLY_TO_OPEN',
    'TOO_LATE_TO_OPEN',
    'UNIT_WITHOUT_OWNER',
    'UNKNOWN_OWNER',
  ],
  close: [
    'BALLOTS_CHANGED',
    'BALLOTS_EXCEED_ROSTER',
    'CONCURRENCY_CONFLICT',
    'COUNTED_ROOT_REQUIRED',
    'DUPLICATE_BALLOT',
    'FORBIDDEN',
    'INVALID_AREA',
    'INVALID_CHOICE',
    'INVALID_ROSTER_TOTALS',
    'INVALID_TIME',
    'OUTSIDE_JURISDICTION',
    'RULEBOOK_VERSION_UNAVAILABLE',
    'TOO_EARLY_TO_CLOSE',
    'UNKNOWN_MATTER',
    'UNKNOWN_RULEBOOK',
  ],
} as const satisfies Record<string, readonly ErrorCode[]>;

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
