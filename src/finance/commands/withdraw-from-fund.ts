import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorizeFinance } from '../finance.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { FinanceLookups } from '../finance-lookups.js';
import { MAINTENANCE_FUND } from '../finance-streams.js';
import { maintenanceFundDecider } from '@gongzhi/domain/finance/maintenance-fund.js';
import type { MaintenanceFundEvent } from '@gongzhi/domain/finance/maintenance-fund.events.js';

export interface WithdrawalData {
  amount: bigint;
  payee: string;
  purpose: string;
  resolutionId: string | null;
  emergency: { reason: string; evidenceSha256: string } | null;
  units: string[];
  buildings: string[];
  paidAt: Date;
}

export class WithdrawFromFund extends Command<Record<string, unknown>> {
  constructor(
    readonly communityId: string,
    readonly data: WithdrawalData,
    readonly ctx: RequestContext,
    /** Judge and apportion as the withdrawal would be, and answer the shares without writing them. */
    readonly dryRun = false,
  ) {
    super();
  }
}

/** The committee pays from the fund, under a vote or in an emergency, apportioned by area (rules 20, 21). */
@CommandHandler(WithdrawFromFund)
export class WithdrawFromFundHandler implements ICommandHandler<WithdrawFromFund> {
  constructor(
    private readonly lookups: FinanceLookups,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, data, ctx, dryRun }: WithdrawFromFund) {
    const actor = authorizeFinance(ctx, 'WithdrawFromFund', communityId);
    const { resolutionId, ...rest } = data;
    const resolution = resolutionId ? await this.lookups.resolution(communityId, resolutionId) : null;
    const roster = await this.lookups.roster(communityId);
    const context = ctx.commandContext(actor, communityId);
    const entryId = nameBasedUuid('entry', context.commandId);
    const command = {
      type: 'WithdrawFromFund' as const,
      data: { ...rest, resolution, roster, entryId, now: context.now },
    };
    if (dryRun) {
      const [event] = maintenanceFundDecider.decide(command, await this.es.state(MAINTENANCE_FUND.stream(communityId)));
      return { dryRun: true, ...detailOf(event) };
    }
    const decision = await this.es.handle(MAINTENANCE_FUND.stream(communityId), command, context);
    return { entryId, ...detailOf(decision.domainEvents[0]), position: String(decision.position) };
  }
}

const detailOf = (event: MaintenanceFundEvent | undefined) =>
  event?.type === 'MaintenanceFundWithdrawn'
    ? { shares: event.data.shares, belowThreshold: event.data.belowThreshold, authority: event.data.authority }
    : {};
