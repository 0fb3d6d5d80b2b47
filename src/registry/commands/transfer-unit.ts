import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorizeRegistry } from '../registry.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { COMMUNITY } from '../community-stream.js';

export class TransferUnit extends Command<{ position: string }> {
  constructor(
    readonly communityId: string,
    readonly unitId: string,
    readonly data: { ownerIds: string[]; representativeId?: string; effectiveAt: Date },
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** A sale or inheritance. Votes already open keep their frozen roster (DOMAIN.md rule 4). */
@CommandHandler(TransferUnit)
export class TransferUnitHandler implements ICommandHandler<TransferUnit> {
  constructor(private readonly es: EventSourcing) {}

  async execute({ communityId, unitId, data, ctx }: TransferUnit) {
    const actor = authorizeRegistry(ctx, 'TransferUnit', communityId);
    const { position } = await this.es.handle(
      COMMUNITY.stream(communityId),
      {
        type: 'TransferUnit',
        data: {
          unitId,
          ownerIds: data.ownerIds,
          representativeId: data.representativeId,
          effectiveAt: data.effectiveAt,
        },
      },
      ctx.commandContext(actor, communityId),
    );
    return { position: String(position) };
  }
}
