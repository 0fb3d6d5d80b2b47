import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorizeFinance } from '../finance.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { MAINTENANCE_FUND, PUBLIC_REVENUE } from '../finance-streams.js';

export class ReverseEntry extends Command<{ entryId: string; reverses: string; position: string }> {
  constructor(
    readonly communityId: string,
    readonly fund: 'PUBLIC_REVENUE' | 'MAINTENANCE_FUND',
    readonly reverses: string,
    readonly reason: string,
    /** As the committee dates it; the domain refuses any date but today's (rule 26). */
    readonly reversedAt: Date | undefined,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** A correction (rule 23): a new entry undoing an earlier one, which stays in the ledger as it was. */
@CommandHandler(ReverseEntry)
export class ReverseEntryHandler implements ICommandHandler<ReverseEntry> {
  constructor(private readonly es: EventSourcing) {}

  async execute({ communityId, fund, reverses, reason, reversedAt, ctx }: ReverseEntry) {
    const actor = authorizeFinance(ctx, 'ReverseEntry', communityId);
    const context = ctx.commandContext(actor, communityId);
    const entryId = nameBasedUuid('entry', context.commandId);
    const command = {
      type: 'ReverseEntry',
      data: { entryId, reverses, reason, ...(reversedAt ? { reversedAt } : {}), now: context.now },
    } as const;
    const { position } =
      fund === 'PUBLIC_REVENUE'
        ? await this.es.handle(PUBLIC_REVENUE.stream(communityId), command, context)
        : await this.es.handle(MAINTENANCE_FUND.stream(communityId), command, context);
    return { entryId, reverses, position: String(position) };
  }
}
