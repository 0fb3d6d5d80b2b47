import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { conflict, invalid, notFound } from '@gongzhi/domain/shared/domain-error.js';
import { servingCompany } from '@gongzhi/domain/services/property-service.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { IdentityService } from '../../identity/identity.service.js';
import { CompanyStaff } from '../company-staff.js';
import { ServicesLookups } from '../services-lookups.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { PROPERTY_SERVICE } from '../services-streams.js';
import { authorizeServices, COMPANY_STAFF } from '../services.access.js';

export interface StaffAdded {
  staffId: string;
  companyId: string;
  name: string;
  login: string;
  activationCode: string;
}

/** The committee names a staff member of the company serving the community; the answer is their activation code. */
export class AddCompanyStaff extends Command<StaffAdded> {
  constructor(
    readonly communityId: string,
    readonly staff: { name: string; login: string },
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

export class RemoveCompanyStaff extends Command<{ staffId: string; grantsEnded: number; codesVoided: number }> {
  constructor(
    readonly communityId: string,
    readonly staffId: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(AddCompanyStaff)
export class AddCompanyStaffHandler implements ICommandHandler<AddCompanyStaff> {
  constructor(
    private readonly lookups: ServicesLookups,
    private readonly es: EventSourcing,
    private readonly staff: CompanyStaff,
    private readonly identity: IdentityService,
  ) {}

  async execute({ communityId, staff, ctx }: AddCompanyStaff): Promise<StaffAdded> {
    const actor = authorizeServices(ctx, 'AddCompanyStaff', communityId);
    const community = await this.lookups.community(communityId);
    const name = staff.name.trim();
    if (name.length === 0) throw invalid('INVALID_NAME', "the staff member's name needs 1 to 100 characters");
    const context = ctx.commandContext(actor, communityId);
    const state = await this.es.state(PROPERTY_SERVICE.stream(communityId));
    const companyId = servingCompany(state, context.now);
    if (companyId === null)
      throw conflict(
        'NO_COMPANY_SERVING',
        'no property company serves the community now: register the company (or its new contract) first',
      );
    const staffId = nameBasedUuid('company-staff', context.commandId, staff.login);
    await this.staff.add(communityId, { staffId, companyId, name, login: staff.login }, actor.id, context.now);
    const [activationCode] = await this.identity.issueActivationCodes([
      {
        role: COMPANY_STAFF,
        communityId,
        subjectId: staffId,
        label: `${state.companies[companyId]?.name ?? companyId} staff ${name} of ${community.name}`,
      },
    ]);
    return { staffId, companyId, name, login: staff.login, activationCode };
  }
}

@CommandHandler(RemoveCompanyStaff)
export class RemoveCompanyStaffHandler implements ICommandHandler<RemoveCompanyStaff> {
  constructor(
    private readonly lookups: ServicesLookups,
    private readonly staff: CompanyStaff,
  ) {}

  async execute({ communityId, staffId, ctx }: RemoveCompanyStaff) {
    const actor = authorizeServices(ctx, 'RemoveCompanyStaff', communityId);
    await this.lookups.community(communityId);
    const member = await this.staff.one(communityId, staffId);
    if (!member) throw notFound('STAFF_NOT_FOUND', `community ${communityId} has no property-company staff ${staffId}`);
    if (member.removedAt)
      throw conflict('STAFF_ALREADY_REMOVED', `staff member ${staffId} was removed ${member.removedAt.toISOString()}`);
    const ended = await this.staff.remove(
      communityId,
      [staffId],
      'REMOVED',
      ctx.commandContext(actor, communityId).now,
    );
    return { staffId, ...ended };
  }
}
