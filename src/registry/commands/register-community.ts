import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { COMMUNITY } from '../community-stream.js';
import { authorizeRegistryAt } from '../registry.access.js';

export class RegisterCommunity extends Command<{ id: string; position: string }> {
  constructor(
    readonly data: { name: string; district: string; street?: string; rulebook: string },
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterCommunity)
export class RegisterCommunityHandler implements ICommandHandler<RegisterCommunity> {
  constructor(private readonly es: EventSourcing) {}

  async execute({ data, ctx }: RegisterCommunity) {
    // Rule 31: a street office registers communities only where its jurisdiction reaches.
    const actor = authorizeRegistryAt(ctx, 'RegisterCommunity', {
      district: data.district,
      street: data.street ?? null,
    });
    const context = ctx.commandContext(actor, null);
    // Derived from the command id, so a retried request (same Idempotency-Key) names the same community.
    const communityId = nameBasedUuid('community', context.commandId);
    context.communityId = communityId;
    const { position } = await this.es.handle(
      COMMUNITY.stream(communityId),
      {
        type: 'RegisterCommunity',
        data: {
          communityId,
          name: data.name,
          district: data.district,
          street: data.street ?? null,
          rulebook: data.rulebook,
        },
      },
      context,
    );
    return { id: communityId, position: String(position) };
  }
}
