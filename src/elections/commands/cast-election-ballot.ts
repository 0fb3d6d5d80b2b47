import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { activatedByOf } from '../../platform/auth/principal.js';
import { callerOwnerId } from '../../voting/voting.access.js';
import { authorizeElections } from '../elections.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { LATE_BALLOT, refuseIfLate } from '../../voting/commands/cast-ballot.js';
import { receiptOf } from '../../voting/receipt.js';
import { ELECTION, ElectionStream } from '../election-stream.js';

export class CastElectionBallot extends Command<{ receipt: ReturnType<typeof receiptOf> }> {
  constructor(
    readonly communityId: string,
    readonly electionId: string,
    readonly data: { selections: string[]; ownerId?: string },
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** An owner approves up to `seats` candidates; a later ballot replaces the earlier (rule 9). */
@CommandHandler(CastElectionBallot)
export class CastElectionBallotHandler implements ICommandHandler<CastElectionBallot> {
  constructor(
    private readonly elections: ElectionStream,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, electionId, data, ctx }: CastElectionBallot) {
    const actor = authorizeElections(ctx, 'CastElectionBallot', communityId);
    await this.elections.inCommunity(communityId, electionId);
    const ownerId = callerOwnerId(ctx, communityId, data.ownerId);
    const context = ctx.commandContext(actor, communityId);
    const decision = await this.es.handle(
      ELECTION.stream(electionId),
      {
        type: 'CastElectionBallot',
        data: {
          ownerId,
          selections: data.selections,
          channel: 'ONLINE',
          castBy: actor.id,
          activatedBy: activatedByOf(ctx.principal, communityId, ownerId),
          now: context.now,
        },
      },
      context,
    );
    refuseIfLate(decision.events, decision.position, LATE_BALLOT.election);
    return { receipt: receiptOf(decision.events[0], decision.position) };
  }
}
