import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorizeFinance } from '../finance.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { FinanceLookups } from '../finance-lookups.js';
import { PUBLIC_REVENUE } from '../finance-streams.js';

export interface IncomeData {
  amount: bigint;
  source: string;
  description: string;
  receivedAt: Date;
  evidenceSha256?: string;
}

export class RecordIncome extends Command<{ entryId: string; position: string }> {
  constructor(
    readonly communityId: string,
    readonly data: IncomeData,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** The committee books public revenue as it comes in (rule 19). */
@CommandHandler(RecordIncome)
export class RecordIncomeHandler implements ICommandHandler<RecordIncome> {
  constructor(
    private readonly lookups: FinanceLookups,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, data, ctx }: RecordIncome) {
    const actor = authorizeFinance(ctx, 'RecordIncome', communityId);
    await this.lookups.community(communityId);
    const context = ctx.commandContext(actor, communityId);
    const entryId = nameBasedUuid('entry', context.commandId);
    const { position } = await this.es.handle(
      PUBLIC_REVENUE.stream(communityId),
      { type: 'RecordIncome', data: { ...data, entryId, now: context.now } },
      context,
    );
    return { entryId, position: String(position) };
  }
}
