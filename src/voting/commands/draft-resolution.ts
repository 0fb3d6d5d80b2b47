import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorizeVoting } from '../voting.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { CommunityStream } from '../../registry/community-stream.js';
import { RESOLUTION } from '../resolution-stream.js';

export interface DraftData {
  title: string;
  description: string;
  matter: string;
  opensAt: Date;
  closesAt: Date;
  budget: {
    amount: bigint;
    fund: 'PUBLIC_REVENUE' | 'MAINTENANCE_FUND';
    units?: string[];
    buildings?: string[];
  } | null;
  options?: { optionId: string; label: string }[];
  removal?: { ownerId: string };
  covenant?: { perItemCap: bigint; yearlyCap: bigint } | null;
}

export class DraftResolution extends Command<{ id: string; position: string }> {
  constructor(
    readonly communityId: string,
    readonly data: DraftData,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** The committee drafts what the owners will vote on, under the community's rulebook. */
@CommandHandler(DraftResolution)
export class DraftResolutionHandler implements ICommandHandler<DraftResolution> {
  constructor(
    private readonly communities: CommunityStream,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, data, ctx }: DraftResolution) {
    const actor = authorizeVoting(ctx, 'DraftResolution', communityId);
    const community = await this.communities.registered(communityId);
    const context = ctx.commandContext(actor, communityId);
    const resolutionId = nameBasedUuid('resolution', context.commandId);
    const { position } = await this.es.handle(
      RESOLUTION.stream(resolutionId),
      {
        type: 'DraftResolution',
        data: { ...data, resolutionId, communityId, rulebook: community.rulebook, now: context.now },
      },
      context,
    );
    return { id: resolutionId, position: String(position) };
  }
}
