import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseYuan } from '@gongzhi/domain/shared/quantities.js';
import { timeOf } from '@gongzhi/domain/shared/time.js';
import { Public } from '../platform/auth/public.decorator.js';
import { Ctx, RequestContext } from '../platform/auth/request-context.js';
import { ReadQueryDto } from '../platform/http/read-after.js';
import { PropertyServiceStep } from './commands/property-service-steps.js';
import { ServicesQueries } from './queries/services.queries.js';
import { AssessmentDto, CompanyDto, ContractDto, FeeReleaseDto, PartyOrganisationDto } from './services.dto.js';
import { Refusals } from '../platform/http/refusals.js';

const date = (text: string, name: string) => new Date(timeOf(new Date(text), name));

/** Rules 36–37: the company, its contract (自主点单), each period's assessment, and the fee paid after it (先体验后付费). */
@ApiTags('services')
@Controller()
export class PropertyServiceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: ServicesQueries,
  ) {}

  @Post('communities/:cid/property-companies')
  @ApiBearerAuth()
  @Refusals(
    'COMMUNITY_NOT_FOUND',
    'COMPANY_EXISTS',
    'CONCURRENCY_CONFLICT',
    'FORBIDDEN',
    'INVALID_CREDIT_CODE',
    'INVALID_ID',
    'INVALID_NAME',
    'OUTSIDE_JURISDICTION',
  )
  @ApiOperation({ summary: 'Register the property service company (committee)' })
  company(@Param('cid') cid: string, @Body() body: CompanyDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new PropertyServiceStep(cid, { type: 'RegisterCompany', data: { ...body } }, ctx));
  }

  @Post('communities/:cid/service-contracts')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Record the contract: dates, periods, fee, items with standards, the formula; citing the menu vote (committee)',
  })
  @Refusals(
    'COMMUNITY_NOT_FOUND',
    'COMPANY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'CONTRACT_EXISTS',
    'CONTRACT_OVERLAPS',
    'FORBIDDEN',
    'INVALID_AMOUNT',
    'INVALID_FORMULA',
    'INVALID_ID',
    'INVALID_ITEMS',
    'INVALID_PERIOD',
    'INVALID_PERIODS',
    'INVALID_TIME',
    'MENU_VOTE_NOT_PASSED',
    'MENU_VOTE_REQUIRED',
    'NOT_A_MENU_VOTE',
    'OUTSIDE_JURISDICTION',
    'RESOLUTION_NOT_FOUND',
    'UNKNOWN_OPTION',
  )
  contract(@Param('cid') cid: string, @Body() body: ContractDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(
      new PropertyServiceStep(
        cid,
        {
          type: 'SignContract',
          data: {
            contractId: body.contractId,
            companyId: body.companyId,
            startsAt: date(body.startsAt, 'startsAt'),
            endsAt: date(body.endsAt, 'endsAt'),
            periodFeeFen: parseYuan(body.periodFee),
            periods: body.periods.map((p) => ({
              periodId: p.periodId,
              startsAt: date(p.startsAt, 'startsAt'),
              endsAt: date(p.endsAt, 'endsAt'),
            })),
            items: body.items.map((i) => ({ ...i, menuOptionId: i.menuOptionId ?? null })),
            menuResolutionId: body.menuResolutionId ?? null,
            formula: {
              weights: { ...body.formula.weights },
              bands: body.formula.bands.map((b) => ({ below: b.below, withholdPercent: b.withholdPercent })),
            },
          },
        },
        ctx,
      ),
    );
  }

  @Post('communities/:cid/service-contracts/:kid/assessments')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "Publish a period's assessment: the SURVEY votes per item and the period's requests through the formula (committee)",
  })
  @Refusals(
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'CONTRACT_NOT_FOUND',
    'FORBIDDEN',
    'NOT_A_SURVEY',
    'OUTSIDE_JURISDICTION',
    'PERIOD_ALREADY_ASSESSED',
    'PERIOD_NOT_FOUND',
    'PERIOD_NOT_OVER',
    'PROJECTIONS_BEHIND',
    'RESOLUTION_NOT_FOUND',
    'SURVEY_BEFORE_PERIOD',
    'SURVEY_MISSING',
    'SURVEY_NOT_CLOSED',
    'UNKNOWN_ITEM',
  )
  assess(
    @Param('cid') cid: string,
    @Param('kid') kid: string,
    @Body() body: AssessmentDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.commands.execute(
      new PropertyServiceStep(
        cid,
        {
          type: 'PublishAssessment',
          data: {
            contractId: kid,
            periodId: body.periodId,
            surveys: body.surveys.map((s) => ({ itemId: s.itemId, resolutionId: s.resolutionId })),
          },
        },
        ctx,
      ),
    );
  }

  @Post('communities/:cid/service-contracts/:kid/fee-releases')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Release a period's fee, only after its assessment, withholding what the score withholds (committee)",
  })
  @Refusals(
    'ASSESSMENT_NOT_PUBLISHED',
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'CONTRACT_NOT_FOUND',
    'FEE_ALREADY_RELEASED',
    'FORBIDDEN',
    'OUTSIDE_JURISDICTION',
    'PERIOD_NOT_FOUND',
  )
  release(
    @Param('cid') cid: string,
    @Param('kid') kid: string,
    @Body() body: FeeReleaseDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.commands.execute(
      new PropertyServiceStep(cid, { type: 'ReleaseFee', data: { contractId: kid, periodId: body.periodId } }, ctx),
    );
  }

  @Post('communities/:cid/party-organisation')
  @HttpCode(200)
  @ApiBearerAuth()
  @Refusals('COMMUNITY_NOT_FOUND', 'CONCURRENCY_CONFLICT', 'FORBIDDEN', 'OUTSIDE_JURISDICTION')
  @ApiOperation({ summary: 'Record whether the community has a party organisation, for the 三率 (regulator)' })
  party(@Param('cid') cid: string, @Body() body: PartyOrganisationDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(
      new PropertyServiceStep(cid, { type: 'RecordPartyOrganisation', data: { present: body.present } }, ctx),
    );
  }

  @Public()
  @Get('communities/:cid/property-service')
  @Refusals('COMMUNITY_NOT_FOUND')
  @ApiOperation({ summary: 'The company, contracts, items, and each period’s assessment and fee release (public)' })
  view(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.propertyService(cid, ctx.now);
  }
}
