import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { eventLeafHash } from '@gongzhi/ledger-log/event-leaf.js';
import { authorizeVoting } from '../voting.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { type Decision, EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { resolutionBatchIn } from '../resolution-stream.js';
import { LATE_BALLOT, refuseIfLate } from './cast-ballot.js';

export interface PaperBallot {
  ownerId: string;
  choice?: string;
  ranking?: string[];
  evidenceSha256: string;
  /** A proxy's paper: the owner who authorised a proxy named on paper. */
  proxy?: boolean;
}

/** What a batch of paper ballots answers: where each one landed in the log, so the committee can file it. */
export interface PaperBatchEntered {
  count: number;
  position: string;
  ballots: { ownerId: string; eventId: string; leafHash: string }[];
}

/** Rule 12 for the batch (one late ballot refuses the answer, as online), then each ballot's place in the log. */
export function paperBatchEntered(
  { events, position }: Pick<Decision<unknown, unknown>, 'events' | 'position'>,
  late: (typeof LATE_BALLOT)[keyof typeof LATE_BALLOT] = LATE_BALLOT.resolution,
): PaperBatchEntered {
  refuseIfLate(events, position, late);
  return {
    count: events.length,
    position: String(position),
    ballots: events.map((e) => ({
      ownerId: (e.data as { ownerId: string }).ownerId,
      eventId: e.eventId,
      leafHash: eventLeafHash(e),
    })),
  };
}

export class EnterPaperBallots extends Command<PaperBatchEntered> {
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
    return paperBatchEntered(decision);
  }
}
