import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ErrorCode } from '../../error-codes.js';
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

/**
 * What recording a ballot in an election can refuse, online (CastElectionBallot) or on paper
 * (EnterPaperElectionBallots): one decider case and rule 12's late-ballot check. Each route spreads it into its
 * @Refusals and adds what is its own (the caller's owner id online, the batch size on paper).
 */
export const ELECTION_BALLOT_REFUSALS = [
  'CONCURRENCY_CONFLICT',
  'DUPLICATE_SELECTION',
  'ELECTION_CLOSED',
  'ELECTION_NOT_FOUND',
  'ELECTION_NOT_OPEN',
  'EVIDENCE_REQUIRED',
  'FORBIDDEN',
  'INVALID_CHANNEL',
  'INVALID_TIME',
  'LATE_BALLOT_ALREADY_RECORDED',
  'NOT_A_VOTER',
  'OUTSIDE_JURISDICTION',
  'RESOLUTION_CLOSED',
  'TOO_MANY_SELECTIONS',
  'UNKNOWN_CANDIDATE',
] as const satisfies readonly ErrorCode[];

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
