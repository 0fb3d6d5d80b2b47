import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorizeVoting, callerOwnerId } from '../voting.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { resolutionIn } from '../resolution-stream.js';

export class AuthoriseProxy extends Command<{ position: string }> {
  constructor(
    readonly communityId: string,
    readonly resolutionId: string,
    readonly data: { proxyOwnerId?: string; proxyName?: string; evidenceSha256?: string; ownerId?: string },
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** Rule 10: an owner names a proxy, with the written authorisation's hash as evidence. */
@CommandHandler(AuthoriseProxy)
export class AuthoriseProxyHandler implements ICommandHandler<AuthoriseProxy> {
  constructor(private readonly es: EventSourcing) {}

  async execute({ communityId, resolutionId, data, ctx }: AuthoriseProxy) {
    const actor = authorizeVoting(ctx, 'AuthoriseProxy', communityId);
    const ownerId = callerOwnerId(ctx, communityId, data.ownerId);
    const context = ctx.commandContext(actor, communityId);
    const { position } = await this.es.handle(
      resolutionIn(communityId, resolutionId),
      {
        type: 'AuthoriseProxy',
        data: {
          ownerId,
          proxyOwnerId: data.proxyOwnerId,
          proxyName: data.proxyName,
          evidenceSha256: data.evidenceSha256,
          now: context.now,
        },
      },
      context,
    );
    return { position: String(position) };
  }
}
