import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { fundBalance, type FundUnit } from '@gongzhi/domain/finance/maintenance-fund.js';
import { DomainError } from '@gongzhi/domain/shared/domain-error.js';
import { authorizeFinance } from '../finance.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { type CommandContext, nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { FinanceLookups } from '../finance-lookups.js';
import { MAINTENANCE_FUND, PUBLIC_REVENUE } from '../finance-streams.js';

export class TopUpFund extends Command<{
  entryId: string;
  fundEntryId: string;
  amount: string;
  belowThreshold: boolean;
  position: string;
}> {
  constructor(
    readonly communityId: string,
    readonly amount: bigint,
    readonly transferredAt: Date,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** The fund's side of a public-revenue transfer: its entry id follows from the transfer's, so it is booked once. */
const fundEntryOf = (transferEntryId: string) => nameBasedUuid('top-up', transferEntryId);

/**
 * Rule 22: the committee moves public revenue into the fund while it stands below 30% of its
 * initial total. The two ledgers are two streams, so the transfer leaves public revenue first and
 * the fund then books what arrived; a transfer a crash left unbooked is booked by the next top-up,
 * and until then counts as the fund's, so the same shortfall is never topped up twice.
 */
@CommandHandler(TopUpFund)
export class TopUpFundHandler implements ICommandHandler<TopUpFund> {
  constructor(
    private readonly lookups: FinanceLookups,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, amount, transferredAt, ctx }: TopUpFund) {
    const actor = authorizeFinance(ctx, 'TopUpFund', communityId);
    const roster = await this.lookups.roster(communityId);
    const context = ctx.commandContext(actor, communityId);
    const entryId = nameBasedUuid('entry', context.commandId);
    const fund = await this.es.state(MAINTENANCE_FUND.stream(communityId));
    const sent = await this.es.handle(
      PUBLIC_REVENUE.stream(communityId),
      {
        type: 'TransferToFund',
        data: {
          entryId,
          amount,
          fund: { balance: fundBalance(fund), initialTotal: fund.deposited, received: fund.receivedTopUps },
          transferredAt,
          now: context.now,
        },
      },
      context,
    );
    const booked = await this.bookArrivals(communityId, roster, context);
    const mine = booked.find((b) => b.transferEntryId === entryId);
    return {
      entryId,
      fundEntryId: fundEntryOf(entryId),
      amount: mine?.amount ?? '',
      belowThreshold: mine?.belowThreshold ?? false,
      position: String(booked.reduce((max, b) => (b.position > max ? b.position : max), sent.position ?? 0n)),
    };
  }

  /** Books on the fund's side every transfer public revenue has sent and the fund has not booked yet. */
  private async bookArrivals(communityId: string, roster: FundUnit[], context: CommandContext) {
    const [revenue, fund] = await Promise.all([
      this.es.state(PUBLIC_REVENUE.stream(communityId)),
      this.es.state(MAINTENANCE_FUND.stream(communityId)),
    ]);
    const booked: { transferEntryId: string; amount: string; belowThreshold: boolean; position: bigint }[] = [];
    for (const transfer of revenue.topUps.filter((t) => !fund.receivedTopUps.has(t.entryId))) {
      const entryId = fundEntryOf(transfer.entryId);
      try {
        const decision = await this.es.handle(
          MAINTENANCE_FUND.stream(communityId),
          { type: 'ReceiveTopUp', data: { entryId, transfer, roster, now: context.now } },
          { ...context, commandId: entryId, causationId: context.commandId },
        );
        const [event] = decision.domainEvents;
        if (event?.type === 'MaintenanceFundToppedUp') {
          booked.push({
            transferEntryId: transfer.entryId,
            amount: event.data.amount,
            belowThreshold: event.data.belowThreshold,
            position: decision.position ?? 0n,
          });
        }
      } catch (error) {
        // Another request booked it a moment ago: what matters is that it is booked.
        if (!(error instanceof DomainError && error.code === 'TOP_UP_ALREADY_RECEIVED')) throw error;
      }
    }
    return booked;
  }
}
