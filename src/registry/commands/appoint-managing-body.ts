import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ManagingBodyKind } from '../../../libs/domain/registry/community.events.js';
import { IdentityService } from '../../identity/identity.service.js';
import { authorize } from '../../platform/auth/principal.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { CommunityStream } from '../community-stream.js';

export class AppointManagingBody extends Command<{ activationCodes: Record<string, string>; members: { memberId: string; name: string; login: string }[]; position: string }> {
  constructor(
    readonly communityId: string,
    readonly data: { kind: ManagingBodyKind; members: { name: string; login: string }[] },
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** A street office (regulator) or an administrator appoints the body that holds the committee role. */
@CommandHandler(AppointManagingBody)
export class AppointManagingBodyHandler implements ICommandHandler<AppointManagingBody> {
  constructor(
    private readonly communities: CommunityStream,
    private readonly identity: IdentityService,
  ) {}

  async execute({ communityId, data, ctx }: AppointManagingBody) {
    const actor = authorize(ctx.principal, ['admin', 'regulator'], null);
    const context = ctx.commandContext(actor, communityId);
    const members = data.members.map((m) => ({ memberId: nameBasedUuid('member', context.commandId, m.login), name: m.name, login: m.login }));
    const { position } = await this.communities.execute(
      communityId,
      { type: 'AppointManagingBody', data: { kind: data.kind, members: members.map(({ memberId, name }) => ({ memberId, name })), now: context.now } },
      context,
    );
    const codes = await this.identity.issueActivationCodes(
      members.map((m) => ({ role: 'committee', communityId, subjectId: m.memberId, label: `${data.kind} member ${m.name}` })),
    );
    return { activationCodes: Object.fromEntries(members.map((m, i) => [m.login, codes[i]])), members, position: String(position) };
  }
}
