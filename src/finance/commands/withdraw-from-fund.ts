import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorize } from '../../platform/auth/principal.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { FinanceLookups } from '../finance-lookups.js';
import { MaintenanceFundStream } from '../finance-streams.js';

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
  ) {
    super();
  }
}

/** The committee pays from the fund, under a vote or in an emergency, apportioned by area (rules 20, 21). */
@CommandHandler(WithdrawFromFund)
export class WithdrawFromFundHandler implements ICommandHandler<WithdrawFromFund> {
  constructor(
    private readonly lookups: FinanceLookups,
    private readonly fund: MaintenanceFundStream,
  ) {}

  async execute({ communityId, data, ctx }: WithdrawFromFund) {
    const actor = authorize(ctx.principal, ['committee'], communityId);
    const { resolutionId, ...rest } = data;
    const resolution = resolutionId ? await this.lookups.resolution(communityId, resolutionId) : null;
    const roster = await this.lookups.roster(communityId);
    const context = ctx.commandContext(actor, communityId);
    const entryId = nameBasedUuid('entry', context.commandId);
    const decision = await this.fund.execute(
      communityId,
      { type: 'WithdrawFromFund', data: { ...rest, resolution, roster, entryId, now: context.now } },
      context,
    );
    const [event] = decision.domainEvents;
    const detail =
      event?.type === 'MaintenanceFundWithdrawn'
        ? { shares: event.data.shares, belowThreshold: event.data.belowThreshold, authority: event.data.authority }
        : {};
    return { entryId, ...detail, position: String(decision.position) };
  }
}
