import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { votersOf } from '@gongzhi/domain/registry/counting.js';
import { authorizeElections } from '../elections.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { CommunityStream } from '../../registry/community-stream.js';
import { rosterHash } from '@gongzhi/receipts/roster-hash.js';
import { closeCounting, ELECTION_VOTE } from '@gongzhi/receipts/counted-ballots.js';
import { ELECTION, ElectionStream, GOVERNANCE } from '../election-stream.js';

/** The committee's steps on an election, each its own command: posted, opened (freezing the roster, rule 4), closed. */
abstract class ElectionStep<Answer> extends Command<Answer> {
  constructor(
    readonly communityId: string,
    readonly electionId: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

export class PostElection extends ElectionStep<{ position: string }> {}

export class OpenElection extends ElectionStep<{
  eligible: { heads: number; areaM2: string } | null;
  position: string;
}> {}

export class CloseElection extends ElectionStep<Record<string, unknown>> {}

/** The election is announced before it opens. */
@CommandHandler(PostElection)
export class PostElectionHandler implements ICommandHandler<PostElection> {
  constructor(
    private readonly elections: ElectionStream,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, electionId, ctx }: PostElection) {
    const actor = authorizeElections(ctx, 'PostElection', communityId);
    const context = await ctx.stepContext(actor, communityId, this.elections.inCommunity(communityId, electionId));
    const { position } = await this.es.handle(
      ELECTION.stream(electionId),
      { type: 'PostElection', data: { now: context.now } },
      context,
    );
    return { position: String(position) };
  }
}

/** Opening freezes the roster (rule 4): the voters as they stand now go into the event. */
@CommandHandler(OpenElection)
export class OpenElectionHandler implements ICommandHandler<OpenElection> {
  constructor(
    private readonly communities: CommunityStream,
    private readonly elections: ElectionStream,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, electionId, ctx }: OpenElection) {
    const actor = authorizeElections(ctx, 'OpenElection', communityId);
    const context = await ctx.stepContext(actor, communityId, this.elections.inCommunity(communityId, electionId));
    const community = await this.communities.registered(communityId);
    const voters = votersOf(community.owners, [...community.units.values()]);
    const decision = await this.es.handle(
      ELECTION.stream(electionId),
      { type: 'OpenElection', data: { voters, rosterHash: rosterHash(voters), now: context.now } },
      context,
    );
    const opened = decision.domainEvents[0];
    return {
      eligible: opened?.type === 'ElectionOpened' ? opened.data.eligible : null,
      position: String(decision.position),
    };
  }
}

/** Closing counts the live ballots and commits to them; the committee's life records the result. */
@CommandHandler(CloseElection)
export class CloseElectionHandler implements ICommandHandler<CloseElection> {
  constructor(
    private readonly elections: ElectionStream,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, electionId, ctx }: CloseElection) {
    const actor = authorizeElections(ctx, 'CloseElection', communityId);
    const context = await ctx.stepContext(actor, communityId, this.elections.inCommunity(communityId, electionId));
    const decision = await closeCounting(
      ELECTION_VOTE,
      (from) => this.elections.recorded(electionId, from),
      (counted) =>
        this.es.handle(
          ELECTION.stream(electionId),
          { type: 'CloseElection', data: { now: context.now, counted } },
          context,
        ),
    );
    const closed = decision.domainEvents[0];
    if (closed?.type !== 'ElectionClosed' || decision.state.status !== 'closed')
      return { position: String(decision.position) };
    // The committee's life records the result; filing records it too if this append is lost.
    const held = await this.es.handle(
      GOVERNANCE.stream(communityId),
      {
        type: 'RecordElection',
        data: {
          electionId,
          title: decision.state.election.title,
          closedAt: closed.data.closedAt,
          closeEventId: decision.events[0].eventId,
          termYears: decision.state.election.termYears,
          result: closed.data.result,
          byElection: decision.state.election.byElection,
        },
      },
      context,
    );
    return {
      ...closed.data.result,
      closedAt: closed.data.closedAt,
      countedRoot: closed.data.countedRoot,
      countedSize: closed.data.countedSize,
      closeEventId: decision.events[0].eventId,
      position: String(held.position ?? decision.position),
    };
  }
}
