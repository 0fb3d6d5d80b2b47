import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Candidate } from '@gongzhi/domain/elections/election.events.js';
import { authorizeElections } from '../elections.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { CommunityStream } from '../../registry/community-stream.js';
import { byElectionContext } from '@gongzhi/domain/elections/governance.js';
import { ELECTION, GOVERNANCE } from '../election-stream.js';

export interface DraftElectionData {
  title: string;
  seats: number;
  alternates: number;
  candidates: Candidate[];
  termYears?: number;
  opensAt: Date;
  closesAt: Date;
  /** Rule 29: a by-election (补选) of the empty seats of the committee in office. */
  byElection?: boolean;
}

export class DraftElection extends Command<{ id: string; position: string }> {
  constructor(
    readonly communityId: string,
    readonly data: DraftElectionData,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** The committee (at first, the preparatory group) puts an election of the owners' committee to the owners. */
@CommandHandler(DraftElection)
export class DraftElectionHandler implements ICommandHandler<DraftElection> {
  constructor(
    private readonly communities: CommunityStream,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, data, ctx }: DraftElection) {
    const actor = authorizeElections(ctx, 'DraftElection', communityId);
    const community = await this.communities.registered(communityId);
    const context = ctx.commandContext(actor, communityId);
    const electionId = nameBasedUuid('election', context.commandId);
    const { byElection, ...draft } = data;
    const households = community.units.size;
    const seatsToFill = byElection
      ? byElectionContext(await this.es.state(GOVERNANCE.stream(communityId)), households, context.now)
      : undefined;
    const { position } = await this.es.handle(
      ELECTION.stream(electionId),
      {
        type: 'DraftElection',
        data: {
          ...draft,
          electionId,
          communityId,
          rulebook: community.rulebook,
          households,
          byElection: seatsToFill,
          ownerIds: new Set(community.owners.keys()),
          now: context.now,
        },
      },
      context,
    );
    return { id: electionId, position: String(position) };
  }
}
