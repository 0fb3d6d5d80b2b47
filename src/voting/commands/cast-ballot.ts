import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { conflict } from '@gongzhi/domain/shared/domain-error.js';
import type { Channel } from '@gongzhi/domain/voting/resolution.events.js';
import type { ErrorCode } from '../../error-codes.js';
import { activatedByOf } from '../../platform/auth/principal.js';
import { authorizeVoting, callerOwnerId } from '../voting.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { type AppendedEvent, EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { receiptOf } from '../receipt.js';
import { resolutionIn } from '../resolution-stream.js';

export class CastBallot extends Command<{ receipt: ReturnType<typeof receiptOf> }> {
  constructor(
    readonly communityId: string,
    readonly resolutionId: string,
    /** onBehalfOf: the owner whose proxy the caller is. ownerId: which of the caller's owner ids votes. */
    readonly data: { choice?: string; ranking?: string[]; ownerId?: string; onBehalfOf?: string },
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/**
 * What recording a ballot on a resolution can refuse, online (CastBallot) or on paper (EnterPaperBallots): both go
 * through the same decider case and rule 12's late-ballot check. Each route spreads it into its @Refusals and adds
 * what is its own (the caller's owner id online, the batch size on paper).
 */
export const BALLOT_REFUSALS = [
  'CHOICE_REQUIRED',
  'CONCURRENCY_CONFLICT',
  'DUPLICATE_OPTION',
  'ELECTION_CLOSED',
  'EVIDENCE_REQUIRED',
  'FORBIDDEN',
  'INVALID_CHANNEL',
  'INVALID_CHOICE',
  'INVALID_SHA256',
  'INVALID_TIME',
  'LATE_BALLOT_ALREADY_RECORDED',
  'NOT_A_VOTER',
  'OUTSIDE_JURISDICTION',
  'PROXY_CHANNEL_REQUIRED',
  'PROXY_NOT_AUTHORISED',
  'RANKING_NOT_OFFERED',
  'RANKING_REQUIRED',
  'RESOLUTION_CLOSED',
  'RESOLUTION_NOT_FOUND',
  'RESOLUTION_NOT_OPEN',
  'UNKNOWN_OPTION',
] as const satisfies readonly ErrorCode[];

/** How a vote of either kind records a ballot that came after its close, and says so. */
export const LATE_BALLOT = {
  resolution: { type: 'LateBallotRecorded', code: 'RESOLUTION_CLOSED', vote: 'the vote' },
  election: { type: 'LateElectionBallotRecorded', code: 'ELECTION_CLOSED', vote: 'the election' },
} as const;

/** Rule 12: a ballot that lost the race with close is recorded, excluded, and its caster is told. */
export function refuseIfLate(
  events: AppendedEvent[],
  position: bigint | null,
  kind: (typeof LATE_BALLOT)[keyof typeof LATE_BALLOT] = LATE_BALLOT.resolution,
): void {
  const late = events.filter((e) => e.type === kind.type);
  if (late.length) {
    throw conflict(kind.code, `${kind.vote} closed before this ballot arrived: it is recorded, but it is not counted`, {
      recordedEventIds: late.map((e) => e.eventId),
      position: String(position),
    });
  }
}

/** An owner votes online, for themselves or, as a named proxy, for another owner (rule 10). */
@CommandHandler(CastBallot)
export class CastBallotHandler implements ICommandHandler<CastBallot> {
  constructor(private readonly es: EventSourcing) {}

  async execute({ communityId, resolutionId, data, ctx }: CastBallot) {
    const actor = authorizeVoting(ctx, 'CastBallot', communityId);
    const caller = callerOwnerId(ctx, communityId, data.ownerId);
    const channel: Channel = data.onBehalfOf ? 'PROXY' : 'ONLINE';
    const context = ctx.commandContext(actor, communityId);
    const decision = await this.es.handle(
      resolutionIn(communityId, resolutionId),
      {
        type: 'CastBallot',
        data: {
          ownerId: data.onBehalfOf ?? caller,
          choice: data.choice,
          ranking: data.ranking,
          channel,
          castBy: actor.id,
          proxyOwnerId: data.onBehalfOf ? caller : undefined,
          activatedBy: activatedByOf(ctx.principal, communityId, caller),
          now: context.now,
        },
      },
      context,
    );
    refuseIfLate(decision.events, decision.position);
    return { receipt: receiptOf(decision.events[0], decision.position) };
  }
}
