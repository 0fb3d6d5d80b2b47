import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorizeFinance } from '../finance.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { FinanceLookups } from '../finance-lookups.js';
import { PUBLIC_REVENUE } from '../finance-streams.js';

export interface ExpenseData {
  amount: bigint;
  payee: string;
  purpose: string;
  /** null: under the management covenant's delegation. */
  resolutionId: string | null;
  paidAt: Date;
  invoiceSha256?: string;
}

export class PayExpense extends Command<{ entryId: string; position: string }> {
  constructor(
    readonly communityId: string,
    readonly data: ExpenseData,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** The committee pays from public revenue under a PASSED resolution's budget or the covenant's caps (rule 19). */
@CommandHandler(PayExpense)
export class PayExpenseHandler implements ICommandHandler<PayExpense> {
  constructor(
    private readonly lookups: FinanceLookups,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, data, ctx }: PayExpense) {
    const actor = authorizeFinance(ctx, 'PayExpense', communityId);
    const { resolutionId, ...rest } = data;
    // A closed resolution never changes again, so reading it before the append cannot go stale.
    const resolution = resolutionId ? await this.lookups.resolution(communityId, resolutionId) : null;
    const context = ctx.commandContext(actor, communityId);
    const entryId = nameBasedUuid('entry', context.commandId);
    const { position } = await this.es.handle(
      PUBLIC_REVENUE.stream(communityId),
      { type: 'PayExpense', data: { ...rest, resolution, entryId, now: context.now } },
      context,
    );
    return { entryId, position: String(position) };
  }
}
