import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { OwnerKind } from '@gongzhi/domain/registry/counting.js';
import { IdentityService } from '../../identity/identity.service.js';
import { authorizeRegistry } from '../registry.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { COMMUNITY } from '../community-stream.js';

export class RegisterOwners extends Command<{ activationCodes: Record<string, string>; position: string }> {
  constructor(
    readonly communityId: string,
    readonly owners: { ownerId: string; name: string; kind: OwnerKind }[],
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** Owners enter the roster, and each gets the activation code printed on their letter. */
@CommandHandler(RegisterOwners)
export class RegisterOwnersHandler implements ICommandHandler<RegisterOwners> {
  constructor(
    private readonly es: EventSourcing,
    private readonly identity: IdentityService,
  ) {}

  async execute({ communityId, owners, ctx }: RegisterOwners) {
    const actor = authorizeRegistry(ctx, 'RegisterOwners', communityId);
    const { position } = await this.es.handle(
      COMMUNITY.stream(communityId),
      { type: 'RegisterOwners', data: { owners } },
      ctx.commandContext(actor, communityId),
    );
    const codes = await this.identity.issueActivationCodes(
      owners.map((o) => ({ role: 'owner', communityId, subjectId: o.ownerId, label: `owner ${o.ownerId} ${o.name}` })),
    );
    return {
      activationCodes: Object.fromEntries(owners.map((o, i) => [o.ownerId, codes[i]])),
      position: String(position),
    };
  }
}
