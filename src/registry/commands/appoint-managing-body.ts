import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { committeeInOffice, governanceDecider } from '@gongzhi/domain/elections/governance.js';
import { governanceStream } from '@gongzhi/domain/elections/governance.events.js';
import type { ManagingBodyKind, PmcMemberRole } from '@gongzhi/domain/registry/community.events.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { IdentityService } from '../../identity/identity.service.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { COMMUNITY } from '../community-stream.js';
import { authorizeRegistry } from '../registry.access.js';

export class AppointManagingBody extends Command<{
  activationCodes: Record<string, string>;
  members: { memberId: string; name: string; login: string }[];
  position: string;
}> {
  constructor(
    readonly communityId: string,
    readonly data: { kind: ManagingBodyKind; members: { name: string; login: string; role?: PmcMemberRole }[] },
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** A street office (regulator) or an administrator appoints the body that holds the committee role; only a street office forms a PMC. */
@CommandHandler(AppointManagingBody)
export class AppointManagingBodyHandler implements ICommandHandler<AppointManagingBody> {
  constructor(
    private readonly es: EventSourcing,
    private readonly identity: IdentityService,
  ) {}

  async execute({ communityId, data, ctx }: AppointManagingBody) {
    // Rule 17: a property-management committee is the street office's act; a preparatory group may also be the administrator's.
    const actor = authorizeRegistry(ctx, data.kind === 'PMC' ? 'AppointPmc' : 'AppointManagingBody', null);
    const context = ctx.commandContext(actor, communityId);
    const members = data.members.map((m) => ({
      memberId: nameBasedUuid('member', context.commandId, m.login),
      name: m.name,
      login: m.login,
      role: m.role,
    }));
    // Rule 17 needs to know whether an elected committee is in office: the governance stream says.
    const governance = await this.es.load(governanceStream(communityId), governanceDecider);
    const { position, domainEvents } = await this.es.handle(
      COMMUNITY.stream(communityId),
      {
        type: 'AppointManagingBody',
        data: {
          kind: data.kind,
          members: members.map(({ memberId, name, role }) => (role ? { memberId, name, role } : { memberId, name })),
          now: context.now,
          committeeInOffice: committeeInOffice(governance.state, context.now),
        },
      },
      context,
    );
    // A PMC's term is fixed at its formation (rule 17): its members' role ends with it.
    const appointed = domainEvents.find((e) => e.type === 'ManagingBodyAppointed');
    const termEndsAt =
      appointed?.type === 'ManagingBodyAppointed' && appointed.data.termEndsAt
        ? new Date(appointed.data.termEndsAt)
        : undefined;
    await this.identity.endAppointedBody(communityId);
    const codes = await this.identity.issueActivationCodes(
      members.map((m) => ({
        role: 'committee',
        communityId,
        subjectId: m.memberId,
        label: `${data.kind} member ${m.name}`,
        expiresAt: termEndsAt,
      })),
    );
    return {
      activationCodes: Object.fromEntries(members.map((m, i) => [m.login, codes[i]])),
      members,
      position: String(position),
    };
  }
}
