import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { eventLeafHash } from '../../../libs/ledger-log/event-leaf.js';
import { authorizeVoting } from '../voting.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { resolutionBatchIn } from '../resolution-stream.js';
import { refuseIfLate } from './cast-ballot.js';

export interface PaperBallot {
  ownerId: string;
  choice?: string;
  ranking?: string[];
  evidenceSha256: string;
  /** A proxy's paper: the owner who authorised a proxy named on paper. */
  proxy?: boolean;
}

export class EnterPaperBallots extends Command<{
  count: number;
  position: string;
  ballots: { ownerId: string; eventId: string; leafHash: string }[];
}> {
  constructor(
    readonly communityId: string,
    readonly resolutionId: string,
    readonly ballots: PaperBallot[],
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/**
 * The committee enters paper ballots with the scan's SHA-256 (rule 11); the whole batch or none.
 * Each is recorded in the owner's name, so the owner sees it and can dispute a forgery.
 */
@CommandHandler(EnterPaperBallots)
export class EnterPaperBallotsHandler implements ICommandHandler<EnterPaperBallots> {
  constructor(private readonly es: EventSourcing) {}

  async execute({ communityId, resolutionId, ballots, ctx }: EnterPaperBallots) {
    const actor = authorizeVoting(ctx, 'EnterPaperBallots', communityId);
    const context = ctx.commandContext(actor, communityId);
    const decision = await this.es.handle(
      resolutionBatchIn(communityId, resolutionId),
      ballots.map((b) => ({
        type: 'CastBallot' as const,
        data: {
          ownerId: b.ownerId,
          choice: b.choice,
          ranking: b.ranking,
          channel: b.proxy ? ('PROXY' as const) : ('PAPER' as const),
          castBy: actor.id,
          evidenceSha256: b.evidenceSha256,
          now: context.now,
        },
      })),
      context,
    );
    refuseIfLate(decision.events, decision.position);
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
