import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Fund } from '@gongzhi/domain/finance/authorisation.js';
import { statementOf } from '@gongzhi/domain/finance/statement-content.js';
import { authorizeFinance } from '../finance.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { FinanceLookups } from '../finance-lookups.js';
import { MAINTENANCE_FUND, PUBLIC_REVENUE, STATEMENT } from '../finance-streams.js';
import { ledgerLines } from '@gongzhi/domain/finance/ledger-lines.js';

export class DraftStatement extends Command<{ id: string; position: string }> {
  constructor(
    readonly communityId: string,
    readonly data: { fund: Fund; periodStart: Date; periodEnd: Date },
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** The committee drafts a statement: figures computed from the fund's events, nothing typed in (rule 23). */
@CommandHandler(DraftStatement)
export class DraftStatementHandler implements ICommandHandler<DraftStatement> {
  constructor(
    private readonly lookups: FinanceLookups,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, data, ctx }: DraftStatement) {
    const actor = authorizeFinance(ctx, 'DraftStatement', communityId);
    await this.lookups.community(communityId);
    const ledger =
      data.fund === 'PUBLIC_REVENUE'
        ? await this.es.state(PUBLIC_REVENUE.stream(communityId))
        : await this.es.state(MAINTENANCE_FUND.stream(communityId));
    const content = statementOf(
      data.fund,
      ledgerLines(ledger),
      data.periodStart,
      data.periodEnd,
      await this.lookups.publishedPeriods(communityId, data.fund),
    );
    const context = ctx.commandContext(actor, communityId);
    const statementId = nameBasedUuid('statement', context.commandId);
    const { position } = await this.es.handle(
      STATEMENT.stream(statementId),
      { type: 'DraftStatement', data: { statementId, communityId, fund: data.fund, content, now: context.now } },
      context,
    );
    return { id: statementId, ...content, position: String(position) };
  }
}
