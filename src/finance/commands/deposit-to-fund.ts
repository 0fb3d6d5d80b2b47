import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorizeFinance } from '../finance.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { FinanceLookups } from '../finance-lookups.js';
import { MAINTENANCE_FUND } from '../finance-streams.js';

export class DepositToFund extends Command<{ entryId: string; count: number; total: string; position: string }> {
  constructor(
    readonly communityId: string,
    readonly deposits: { unitId: string; amount: bigint; depositedAt: Date; row?: number }[],
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** The committee records what owners paid into their units' sub-accounts (rule 20): all or none. */
@CommandHandler(DepositToFund)
export class DepositToFundHandler implements ICommandHandler<DepositToFund> {
  constructor(
    private readonly lookups: FinanceLookups,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, deposits, ctx }: DepositToFund) {
    const actor = authorizeFinance(ctx, 'DepositToFund', communityId);
    const roster = await this.lookups.roster(communityId);
    const context = ctx.commandContext(actor, communityId);
    const entryId = nameBasedUuid('entry', context.commandId);
    const decision = await this.es.handle(
      MAINTENANCE_FUND.stream(communityId),
      { type: 'DepositToFund', data: { entryId, deposits, roster, now: context.now } },
      context,
    );
    const [event] = decision.domainEvents;
    const total = event?.type === 'MaintenanceFundDeposited' ? event.data.total : '0.00';
    return { entryId, count: deposits.length, total, position: String(decision.position) };
  }
}
