import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorizeElections } from '../elections.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { ELECTION, ElectionStream } from '../election-stream.js';
import { LATE_BALLOT } from '../../voting/commands/cast-ballot.js';
import { type PaperBatchEntered, paperBatchEntered } from '../../voting/commands/enter-paper-ballots.js';

export interface PaperElectionBallot {
  ownerId: string;
  selections: string[];
  evidenceSha256: string;
}

export class EnterPaperElectionBallots extends Command<PaperBatchEntered> {
  constructor(
    readonly communityId: string,
    readonly electionId: string,
    readonly ballots: PaperElectionBallot[],
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** Rule 11: the committee enters paper ballots in each owner's name with the scan's SHA-256; all or none. */
@CommandHandler(EnterPaperElectionBallots)
export class EnterPaperElectionBallotsHandler implements ICommandHandler<EnterPaperElectionBallots> {
  constructor(
    private readonly elections: ElectionStream,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, electionId, ballots, ctx }: EnterPaperElectionBallots) {
    const actor = authorizeElections(ctx, 'EnterPaperElectionBallots', communityId);
    const context = await ctx.stepContext(actor, communityId, this.elections.inCommunity(communityId, electionId));
    const decision = await this.es.handle(
      ELECTION.batch(electionId),
      ballots.map((b) => ({
        type: 'CastElectionBallot' as const,
        data: {
          ownerId: b.ownerId,
          selections: b.selections,
          channel: 'PAPER' as const,
          castBy: actor.id,
          evidenceSha256: b.evidenceSha256,
          now: context.now,
        },
      })),
      context,
    );
    return paperBatchEntered(decision, LATE_BALLOT.election);
  }
}
