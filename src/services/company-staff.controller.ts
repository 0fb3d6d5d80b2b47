import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext } from '../platform/auth/request-context.js';
import { ReadQueryDto } from '../platform/http/read-after.js';
import { AddCompanyStaff, RemoveCompanyStaff } from './commands/company-staff-steps.js';
import { CompanyStaff } from './company-staff.js';
import { ServicesQueries } from './queries/services.queries.js';
import { ServicesLookups } from './services-lookups.js';
import { actsForCompany, authorizeServices } from './services.access.js';
import { CompanyStaffDto } from './services.dto.js';
import { Refusals } from '../platform/http/refusals.js';

const BASE = 'communities/:cid/property-company/staff';

/**
 * Rule 34's handler with an account of its own: the committee names the serving property company's
 * staff, each of whom activates a code like the managing body's members, and then accepts and resolves
 * the requests dispatched to the company. Removing one ends their grant and any unused code.
 */
@ApiTags('services')
@Controller()
export class CompanyStaffController {
  constructor(
    private readonly commands: CommandBus,
    private readonly staff: CompanyStaff,
    private readonly lookups: ServicesLookups,
    private readonly queries: ServicesQueries,
  ) {}

  @Post(BASE)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Name a staff member of the serving property company: an activation code for their own account (committee)',
  })
  @Refusals('COMMUNITY_NOT_FOUND', 'FORBIDDEN', 'INVALID_NAME', 'NO_COMPANY_SERVING', 'OUTSIDE_JURISDICTION')
  add(@Param('cid') cid: string, @Body() body: CompanyStaffDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new AddCompanyStaff(cid, { name: body.name, login: body.login }, ctx));
  }

  @Get(BASE)
  @ApiBearerAuth()
  @ApiOperation({ summary: "The property company's staff: named, activated, removed (committee, regulator)" })
  @Refusals('COMMUNITY_NOT_FOUND', 'FORBIDDEN', 'OUTSIDE_JURISDICTION')
  async list(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Ctx() ctx: RequestContext) {
    authorizeServices(ctx, 'readCompanyStaff', cid);
    await this.lookups.community(cid);
    return (await this.staff.list(cid)).map((s) => ({
      staffId: s.staffId,
      companyId: s.companyId,
      name: s.name,
      login: s.login,
      createdAt: s.createdAt.toISOString(),
      activatedAt: s.activatedAt?.toISOString() ?? null,
      removedAt: s.removedAt?.toISOString() ?? null,
      removedBecause: s.removedBecause,
    }));
  }

  @Get('communities/:cid/property-company/queue')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "The requests dispatched to the property company and not yet resolved, with the place in full, never who filed (the company's staff, committee, regulator)",
  })
  @Refusals('COMMUNITY_NOT_FOUND', 'COMPANY_NOT_SERVING', 'FORBIDDEN', 'OUTSIDE_JURISDICTION')
  async queue(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Ctx() ctx: RequestContext) {
    const actor = authorizeServices(ctx, 'readCompanyQueue', cid);
    if (actsForCompany(actor)) await this.staff.assertServing(cid, actor, ctx.now);
    return this.queries.queue(cid, 'PROPERTY_COMPANY', ctx.now);
  }

  @Post(`${BASE}/:staffId/removal`)
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Remove a staff member: their account loses the company's desk, an unused code is void (committee)",
  })
  @Refusals('COMMUNITY_NOT_FOUND', 'FORBIDDEN', 'OUTSIDE_JURISDICTION', 'STAFF_ALREADY_REMOVED', 'STAFF_NOT_FOUND')
  remove(@Param('cid') cid: string, @Param('staffId') staffId: string, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new RemoveCompanyStaff(cid, staffId, ctx));
  }
}
