import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorizeFinance } from '../finance.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { FinanceLookups } from '../finance-lookups.js';
import { PUBLIC_REVENUE } from '../finance-streams.js';

export class SetCovenantDelegation extends Command<{ position: string }> {
  constructor(
    readonly communityId: string,
    readonly resolutionId: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** The committee puts in force the caps the owners adopted in a covenant vote (rules 19, 27); a later covenant replaces them. */
@CommandHandler(SetCovenantDelegation)
export class SetCovenantDelegationHandler implements ICommandHandler<SetCovenantDelegation> {
  constructor(
    private readonly lookups: FinanceLookups,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, resolutionId, ctx }: SetCovenantDelegation) {
    const actor = authorizeFinance(ctx, 'SetCovenantDelegation', communityId);
    const resolution = await this.lookups.resolution(communityId, resolutionId);
    const context = ctx.commandContext(actor, communityId);
    const { position } = await this.es.handle(
      PUBLIC_REVENUE.stream(communityId),
      { type: 'SetCovenantDelegation', data: { resolution, now: context.now } },
      context,
    );
    return { position: String(position) };
  }
}
