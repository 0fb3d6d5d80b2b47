import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ErrorCode } from '../../error-codes.js';
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

/**
 * What a reversal can refuse in either ledger (public revenue, maintenance fund): one command, one decider case.
 * Each ledger's reversal route spreads it into its @Refusals and adds what only its own ledger refuses.
 */
export const REVERSAL_REFUSALS = [
  'ALREADY_REVERSED',
  'CANNOT_REVERSE_A_REVERSAL',
  'CONCURRENCY_CONFLICT',
  'ENTRY_EXISTS',
  'ENTRY_NOT_FOUND',
  'ENTRY_NOT_REVERSIBLE',
  'FORBIDDEN',
  'INSUFFICIENT_FUNDS',
  'INVALID_AMOUNT',
  'INVALID_TIME',
  'OUTSIDE_JURISDICTION',
  'REVERSAL_BACKDATED',
  'TEXT_REQUIRED',
  'TEXT_TOO_LONG',
  'TIME_IN_FUTURE',
  'UNKNOWN_ACCOUNT_CLASS',
] as const satisfies readonly ErrorCode[];

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
