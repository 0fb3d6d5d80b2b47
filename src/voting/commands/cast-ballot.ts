import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { conflict, forbidden, invalid } from '../../../libs/domain/shared/domain-error.js';
import type { Channel } from '../../../libs/domain/voting/resolution.events.js';
import { activatedByOf, authorize, ownerIdsOf } from '../../platform/auth/principal.js';
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

/** The owner's own owner id in this community, from their grants (an account may hold several). */
export function callerOwnerId(ctx: RequestContext, communityId: string, chosen?: string): string {
  const ownerIds = ownerIdsOf(ctx.principal, communityId);
  if (chosen) {
    if (!ownerIds.includes(chosen))
      throw forbidden('NOT_YOUR_OWNER_ID', `your account does not stand for owner ${chosen} in this community`);
    return chosen;
  }
  if (ownerIds.length > 1)
    throw invalid(
      'OWNER_ID_REQUIRED',
      `your account stands for several owners here (${ownerIds.join(', ')}): say which with ownerId`,
    );
  return ownerIds[0];
}

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
    const actor = authorize(ctx.principal, ['owner'], communityId);
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
