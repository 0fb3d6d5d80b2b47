import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { viewScope } from '../platform/auth/principal.js';
import { authorizeElections } from './elections.access.js';
import { forbidden } from '@gongzhi/domain/shared/domain-error.js';
import { Public } from '../platform/auth/public.decorator.js';
import { Ctx, RequestContext } from '../platform/auth/request-context.js';
import { csvDownload } from '../platform/http/csv.js';
import { ReadQueryDto } from '../platform/http/read-after.js';
import { DissolvePmc, RemoveCommitteeMember, ResignFromCommittee } from './commands/committee-changes.js';
import { FileCommittee } from './commands/file-committee.js';
import { DistrictQueryDto, FilingDto, RemovalRecordDto, ResignationDto } from './elections.dto.js';
import { CommitteeQueries } from './queries/committee.queries.js';
import { Refusals } from '../platform/http/refusals.js';

/** Every key the history's details use (libs/domain/elections/committee-view.ts), one column each. */
const HISTORY_FIELDS = [
  'at',
  'type',
  'kind',
  'members',
  'electionId',
  'outcome',
  'elected',
  'unfilledSeats',
  'supersedes',
  'late',
  'reason',
  'ownerId',
  'steppedUp',
  'resolutionId',
];

@ApiTags('committee')
@Controller()
export class CommitteeController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: CommitteeQueries,
  ) {}

  @Public()
  @Get('communities/:cid/committee')
  @ApiOperation({
    summary:
      'The body in office (COMMITTEE, PMC, PREPARATORY_GROUP or NONE), its members, term, filing, overdue duties and history',
  })
  @Refusals('COMMITTEE_TERM_EXPIRED', 'COMMUNITY_NOT_FOUND', 'NOBODY_ELECTED')
  committee(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.committee(cid, ctx.now);
  }

  @Public()
  @Get('communities/:cid/committee.csv')
  @Refusals('COMMITTEE_TERM_EXPIRED', 'COMMUNITY_NOT_FOUND', 'NOBODY_ELECTED')
  @ApiOperation({ summary: 'The members of the body in office as CSV (UTF-8 with BOM)' })
  async committeeCsv(
    @Param('cid') cid: string,
    @Query() _query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const c = await this.queries.committee(cid, ctx.now);
    const rows = [
      // A committee's members have an owner id, a PMC's or a preparatory group's a role.
      ...c.members.map((m: { name: string; ownerId?: string; role?: string | null }) => ({
        kind: c.kind,
        seat: m.role ?? 'MEMBER',
        name: m.name,
        ownerId: m.ownerId ?? '',
        termFrom: c.term?.from ?? '',
        termUntil: c.term?.until ?? '',
      })),
      ...c.alternates.map((m) => ({
        kind: c.kind,
        seat: 'ALTERNATE',
        name: m.name,
        ownerId: m.ownerId,
        termFrom: c.term?.from ?? '',
        termUntil: c.term?.until ?? '',
      })),
    ];
    return csvDownload(res, `committee-${cid}.csv`, rows, ['kind', 'seat', 'name', 'ownerId', 'termFrom', 'termUntil']);
  }

  @Public()
  @Get('communities/:cid/committee/history.csv')
  @ApiOperation({
    summary:
      "The governing body's history as CSV: appointments, elections held, filings and refusals, resignations, dissolution",
  })
  @Refusals('COMMITTEE_TERM_EXPIRED', 'COMMUNITY_NOT_FOUND', 'NOBODY_ELECTED')
  async historyCsv(
    @Param('cid') cid: string,
    @Query() _query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { history } = await this.queries.committee(cid, ctx.now);
    const rows = history.map(({ type, at, detail }) => ({ at, type, ...detail }));
    return csvDownload(res, `committee-history-${cid}.csv`, rows, HISTORY_FIELDS);
  }

  @Post('communities/:cid/committee/filing')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: "File the elected committee, or refuse with a reason, on the election's quorum record (regulator)",
  })
  @Refusals(
    'BY_ELECTION_OF_ANOTHER_COMMITTEE',
    'BY_ELECTION_OVERFILLS',
    'COMMITTEE_INCOMPLETE',
    'COMMITTEE_SIZE_EVEN',
    'COMMITTEE_TERM_EXPIRED',
    'COMMITTEE_TOO_SMALL',
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'ELECTION_NOT_FOUND',
    'ELECTION_NOT_HELD',
    'FILING_ALREADY_DECIDED',
    'FORBIDDEN',
    'NOBODY_ELECTED',
    'NO_COMMITTEE',
    'OUTSIDE_JURISDICTION',
    'QUORUM_RECORD_MISMATCH',
    'REASON_REQUIRED',
    'TOO_MANY_ALTERNATES',
    'UNKNOWN_RULEBOOK',
  )
  file(@Param('cid') cid: string, @Body() body: FilingDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new FileCommittee(cid, body, ctx));
  }

  @Post('communities/:cid/committee/resignations')
  @HttpCode(200)
  @ApiBearerAuth()
  @Refusals(
    'COMMITTEE_TERM_EXPIRED',
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'FORBIDDEN',
    'NOT_A_MEMBER',
    'NO_COMMITTEE',
    'OUTSIDE_JURISDICTION',
    'RESIGNATION_OF_ANOTHER',
    'UNKNOWN_RULEBOOK',
  )
  @ApiOperation({ summary: 'A member resigns, only themself (rule 29); the first alternate steps up (committee)' })
  resign(@Param('cid') cid: string, @Body() body: ResignationDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new ResignFromCommittee(cid, body.ownerId, ctx));
  }

  @Post('communities/:cid/committee/removals')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Record the removal (罢免) of a member the owners passed by an ELECT_COMMITTEE vote with `removal`; the first alternate steps up (committee, regulator)',
  })
  @Refusals(
    'COMMITTEE_TERM_EXPIRED',
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'FORBIDDEN',
    'NOT_A_MEMBER',
    'NOT_A_REMOVAL_VOTE',
    'NO_COMMITTEE',
    'OUTSIDE_JURISDICTION',
    'REMOVAL_ALREADY_RECORDED',
    'REMOVAL_NOT_PASSED',
    'RESOLUTION_NOT_FOUND',
    'UNKNOWN_RULEBOOK',
  )
  remove(@Param('cid') cid: string, @Body() body: RemovalRecordDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new RemoveCommitteeMember(cid, body.resolutionId, ctx));
  }

  @Post('communities/:cid/pmc/dissolution')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Dissolve the property-management committee, due within 30 days of a committee’s filing (regulator)',
  })
  @Refusals('CONCURRENCY_CONFLICT', 'FORBIDDEN', 'NO_PMC', 'OUTSIDE_JURISDICTION', 'PMC_ALREADY_DISSOLVED')
  dissolve(@Param('cid') cid: string, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new DissolvePmc(cid, ctx));
  }

  @Get('regulator/communities')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "Each community's governing body, filing status and overdue duties, and the formation rate (regulator, admin)",
  })
  @Refusals('COMMITTEE_TERM_EXPIRED', 'FORBIDDEN', 'NOBODY_ELECTED', 'OUTSIDE_JURISDICTION')
  district(@Query() query: DistrictQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.district(scopedQuery(query, ctx), ctx.now);
  }

  @Get('regulator/communities.csv')
  @ApiBearerAuth()
  @Refusals('COMMITTEE_TERM_EXPIRED', 'FORBIDDEN', 'NOBODY_ELECTED', 'OUTSIDE_JURISDICTION')
  @ApiOperation({ summary: 'The same as CSV, one row per community (regulator, admin)' })
  async districtCsv(
    @Query() query: DistrictQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { communities } = await this.queries.district(scopedQuery(query, ctx), ctx.now);
    const rows = communities.map((c) => ({ ...c, overdue: c.overdue.join(';') }));
    return csvDownload(res, 'communities-governance.csv', rows, [
      'communityId',
      'name',
      'district',
      'street',
      'governingBody',
      'termEndsAt',
      'filingStatus',
      'filingDueBy',
      'overdue',
      'byElectionDue',
      'formed',
    ]);
  }
}

/** Rule 31: a scoped regulator sees its own district (and street) only; asking for another is refused. */
export function scopedQuery(query: DistrictQueryDto, ctx: RequestContext): { district?: string; street?: string } {
  authorizeElections(ctx, 'readDistrict', null);
  const scope = viewScope(ctx.principal);
  if (!scope) return { district: query.district, street: query.street };
  if (
    (query.district && query.district !== scope.district) ||
    (scope.street && query.street && query.street !== scope.street)
  ) {
    throw forbidden(
      'OUTSIDE_JURISDICTION',
      `your regulator account sees ${scope.district}${scope.street ? ` ${scope.street}` : ''} only`,
    );
  }
  return { district: scope.district, street: scope.street ?? query.street };
}
