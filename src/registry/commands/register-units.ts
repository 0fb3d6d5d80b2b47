import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { UnitInput } from '@gongzhi/domain/registry/community.js';
import { authorizeRegistry } from '../registry.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { COMMUNITY } from '../community-stream.js';

/** Units by JSON or by CSV import: either way all of them, or none. */
export class RegisterUnits extends Command<{ count: number; position: string }> {
  constructor(
    readonly communityId: string,
    readonly units: UnitInput[],
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterUnits)
export class RegisterUnitsHandler implements ICommandHandler<RegisterUnits> {
  constructor(private readonly es: EventSourcing) {}

  async execute({ communityId, units, ctx }: RegisterUnits) {
    const actor = authorizeRegistry(ctx, 'RegisterUnits', communityId);
    const { position } = await this.es.handle(
      COMMUNITY.stream(communityId),
      { type: 'RegisterUnits', data: { units } },
      ctx.commandContext(actor, communityId),
    );
    return { count: units.length, position: String(position) };
  }
}
