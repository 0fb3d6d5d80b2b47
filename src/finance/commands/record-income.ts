import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorize } from '../../platform/auth/principal.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { FinanceLookups } from '../finance-lookups.js';
import { PublicRevenueStream } from '../finance-streams.js';

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
    private readonly ledger: PublicRevenueStream,
  ) {}

  async execute({ communityId, data, ctx }: RecordIncome) {
    const actor = authorize(ctx.principal, ['committee'], communityId);
    await this.lookups.community(communityId);
    const context = ctx.commandContext(actor, communityId);
    const entryId = nameBasedUuid('entry', context.commandId);
    const { position } = await this.ledger.execute(
      communityId,
      { type: 'RecordIncome', data: { ...data, entryId, now: context.now } },
      context,
    );
    return { entryId, position: String(position) };
  }
}
