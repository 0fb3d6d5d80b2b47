import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { eventLeafHash } from '../../../libs/ledger-log/event-leaf.js';
import { authorizeElections } from '../elections.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { ELECTION, ElectionStream } from '../election-stream.js';
import { LATE_BALLOT, refuseIfLate } from '../../voting/commands/cast-ballot.js';

export interface PaperElectionBallot {
  ownerId: string;
  selections: string[];
  evidenceSha256: string;
}

export class EnterPaperElectionBallots extends Command<{
  count: number;
  position: string;
  ballots: { ownerId: string; eventId: string; leafHash: string }[];
}> {
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
    await this.elections.inCommunity(communityId, electionId);
    const context = ctx.commandContext(actor, communityId);
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
    refuseIfLate(decision.events, decision.position, LATE_BALLOT.election);
    return {
      count: decision.events.length,
      position: String(decision.position),
      ballots: decision.events.map((e) => ({
        ownerId: (e.data as { ownerId: string }).ownerId,
        eventId: e.eventId,
        leafHash: eventLeafHash(e),
      })),
    };
  }
}
