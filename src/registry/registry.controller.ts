import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { invalid } from '@gongzhi/domain/shared/domain-error.js';
import { parseArea } from '@gongzhi/domain/shared/quantities.js';
import { Public } from '../platform/auth/public.decorator.js';
import { Ctx, RequestContext } from '../platform/auth/request-context.js';
import { ReadQueryDto } from '../platform/http/read-after.js';
import { arrayOf } from '../platform/http/validation.js';
import { AppointManagingBody } from './commands/appoint-managing-body.js';
import { RegisterCommunity } from './commands/register-community.js';
import { IssueOwnerLetter } from './commands/issue-owner-letter.js';
import { RegisterOwners } from './commands/register-owners.js';
import { RegisterUnits } from './commands/register-units.js';
import { TransferUnit } from './commands/transfer-unit.js';
import { RegistryQueries } from './queries/registry.queries.js';
import { authorizeRegistry } from './registry.access.js';
import { AppointManagingBodyDto, OwnerDto, RegisterCommunityDto, TransferUnitDto, UnitDto } from './registry.dto.js';
import { parseRosterRecords, readRosterRecords, ROSTER_FILE } from './roster-csv.js';
import { csvRecords, type ImportFile, importRecords } from '../platform/http/csv.js';
import { OWNERS_FILE, parseOwnerRecords, readOwnerRecords } from './owners-file.js';
import { PreviewOwners, PreviewUnits } from './commands/preview-roster.js';
import { XLSX_TYPE, xlsxRows } from '../platform/http/xlsx.js';
import { DryRunQueryDto } from '../platform/http/validation.js';
import type { Response } from 'express';
import { Refusals } from '../platform/http/refusals.js';

const MAX_ITEMS = 20000;

@ApiTags('registry')
@Controller('communities')
export class RegistryController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: RegistryQueries,
  ) {}

  @Post()
  @ApiBearerAuth()
  @Refusals('COMMUNITY_EXISTS', 'CONCURRENCY_CONFLICT', 'FORBIDDEN', 'OUTSIDE_JURISDICTION', 'UNKNOWN_RULEBOOK')
  @ApiOperation({ summary: 'Register a community (admin, regulator)' })
  register(@Body() body: RegisterCommunityDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new RegisterCommunity(body, ctx));
  }

  @Public()
  @Get()
  @Refusals()
  @ApiOperation({ summary: 'Communities: units, heads, total area, managing body' })
  list(@Query() _query: ReadQueryDto) {
    return this.queries.communities();
  }

  @Public()
  @Get(':cid')
  @Refusals('COMMUNITY_NOT_FOUND')
  @ApiOperation({ summary: 'One community: units, heads, total area, managing body' })
  get(@Param('cid') cid: string, @Query() _query: ReadQueryDto) {
    return this.queries.community(cid);
  }

  @Post(':cid/managing-body')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Appoint a preparatory group or property-management committee (admin, regulator); answers activation codes',
  })
  @Refusals(
    'COMMITTEE_IN_OFFICE',
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'DUPLICATE_MEMBER',
    'FORBIDDEN',
    'NO_MEMBERS',
    'OUTSIDE_JURISDICTION',
    'PMC_CHAIR_REQUIRED',
    'PMC_ROLE_REQUIRED',
    'PMC_SIZE_EVEN',
    'PMC_TOO_FEW_OWNER_REPRESENTATIVES',
    'PMC_TOO_SMALL',
    'ROLE_NOT_ALLOWED',
    'UNKNOWN_RULEBOOK',
  )
  appoint(@Param('cid') cid: string, @Body() body: AppointManagingBodyDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new AppointManagingBody(cid, body, ctx));
  }

  @Post(':cid/owners')
  @ApiBearerAuth()
  @ApiBody({ type: [OwnerDto] })
  @Refusals(
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'DUPLICATE_OWNER',
    'FORBIDDEN',
    'INVALID_OWNER_ID',
    'NO_OWNERS',
    'OUTSIDE_JURISDICTION',
    'OWNER_ALREADY_REGISTERED',
    'TOO_MANY_ITEMS',
  )
  @ApiOperation({ summary: 'Register owners (committee); answers an activation code per owner' })
  owners(@Param('cid') cid: string, @Body(arrayOf(OwnerDto, MAX_ITEMS)) body: OwnerDto[], @Ctx() ctx: RequestContext) {
    return this.commands.execute(new RegisterOwners(cid, body, ctx));
  }

  @Post(':cid/owners\\:import')
  @ApiBearerAuth()
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiBody({ schema: { type: 'string', example: 'ownerId,name,kind\nO00017,张伟,PERSON' } })
  @ApiOperation({
    summary:
      'Register owners from a CSV or .xlsx file (committee), all or none; answers an activation code per owner. ?dryRun=true writes nothing and answers the count by kind and every bad row',
  })
  @Refusals(
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'DUPLICATE_COLUMN',
    'DUPLICATE_OWNER',
    'EXPECTED_CSV',
    'EXPECTED_XLSX',
    'FORBIDDEN',
    'INVALID_OWNER_ID',
    'INVALID_OWNER_ROW',
    'MALFORMED_CSV',
    'MALFORMED_XLSX',
    'MISSING_COLUMN',
    'NO_OWNERS',
    'OUTSIDE_JURISDICTION',
    'OWNER_ALREADY_REGISTERED',
    'TOO_MANY_ITEMS',
    'XLSX_TOO_LARGE',
  )
  async importOwners(
    @Param('cid') cid: string,
    @Body() body: unknown,
    @Query() query: DryRunQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const records = await importFile(body, OWNERS_FILE, 'the owners');
    tooMany(records.length);
    if (query.dryRun !== 'true')
      return this.commands.execute(
        new RegisterOwners(
          cid,
          parseOwnerRecords(records).map(({ row: _row, ...owner }) => owner),
          ctx,
        ),
      );
    const { owners, problems } = readOwnerRecords(records);
    res.status(200); // nothing was created
    return this.commands.execute(new PreviewOwners(cid, owners, problems, ctx));
  }

  @Post(':cid/units')
  @ApiBearerAuth()
  @ApiBody({ type: [UnitDto] })
  @Refusals(
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'DUPLICATE_OWNER',
    'DUPLICATE_UNIT',
    'EMPTY_ROSTER',
    'FORBIDDEN',
    'INVALID_AREA',
    'OUTSIDE_JURISDICTION',
    'REPRESENTATIVE_NOT_AN_OWNER',
    'REPRESENTATIVE_REQUIRED',
    'TOO_MANY_ITEMS',
    'UNIT_ALREADY_REGISTERED',
    'UNIT_WITHOUT_OWNER',
    'UNKNOWN_OWNER',
  )
  @ApiOperation({ summary: 'Register units (committee): all of them or none' })
  units(@Param('cid') cid: string, @Body(arrayOf(UnitDto, MAX_ITEMS)) body: UnitDto[], @Ctx() ctx: RequestContext) {
    const units = body.map(({ areaM2, ...unit }) => ({ ...unit, area: parseArea(areaM2) }));
    return this.commands.execute(new RegisterUnits(cid, units, ctx));
  }

  @Post(':cid/units\\:import')
  @ApiBearerAuth()
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiBody({
    schema: {
      type: 'string',
      example: 'unitId,building,areaM2,ownerIds,representativeId\n1-1-101,1,132.72,O00017;O00018,O00017',
    },
  })
  @ApiOperation({
    summary:
      'Import the roster as CSV or .xlsx (committee); a bad row rejects the whole file, naming the row. ?dryRun=true writes nothing and answers the totals and every bad row',
  })
  @Refusals(
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'DUPLICATE_COLUMN',
    'DUPLICATE_OWNER',
    'DUPLICATE_UNIT',
    'EMPTY_ROSTER',
    'EXPECTED_CSV',
    'EXPECTED_XLSX',
    'FORBIDDEN',
    'INVALID_AREA',
    'INVALID_OWNER_ID',
    'INVALID_ROSTER_ROW',
    'MALFORMED_CSV',
    'MALFORMED_XLSX',
    'MISSING_COLUMN',
    'OUTSIDE_JURISDICTION',
    'REPRESENTATIVE_NOT_AN_OWNER',
    'REPRESENTATIVE_NOT_OWNER',
    'REPRESENTATIVE_REQUIRED',
    'TOO_MANY_ITEMS',
    'UNIT_ALREADY_REGISTERED',
    'UNIT_WITHOUT_OWNER',
    'UNKNOWN_OWNER',
    'XLSX_TOO_LARGE',
  )
  async import(
    @Param('cid') cid: string,
    @Body() body: unknown,
    @Query() query: DryRunQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const records = await importFile(body, ROSTER_FILE, 'the roster');
    tooMany(records.length);
    if (query.dryRun !== 'true') return this.commands.execute(new RegisterUnits(cid, parseRosterRecords(records), ctx));
    const { units, problems } = readRosterRecords(records);
    res.status(200); // nothing was created
    return this.commands.execute(new PreviewUnits(cid, units, problems, ctx));
  }

  @Post(':cid/units/:uid/transfer')
  @HttpCode(200)
  @ApiBearerAuth()
  @Refusals(
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'DUPLICATE_OWNER',
    'FORBIDDEN',
    'NOTHING_TO_TRANSFER',
    'OUTSIDE_JURISDICTION',
    'REPRESENTATIVE_NOT_AN_OWNER',
    'REPRESENTATIVE_REQUIRED',
    'UNIT_NOT_FOUND',
    'UNIT_WITHOUT_OWNER',
    'UNKNOWN_OWNER',
  )
  @ApiOperation({ summary: 'Transfer a unit to new owners (committee)' })
  transfer(
    @Param('cid') cid: string,
    @Param('uid') uid: string,
    @Body() body: TransferUnitDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.commands.execute(new TransferUnit(cid, uid, { ...body, effectiveAt: new Date(body.effectiveAt) }, ctx));
  }

  @Post(':cid/owners/:ownerId/letters')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "A new activation letter for an owner (re-key, rule 33): the old account loses the owner's access and the old code is void (the owner, committee, regulator)",
  })
  @Refusals('COMMUNITY_NOT_FOUND', 'FORBIDDEN', 'OUTSIDE_JURISDICTION', 'OWNER_NOT_FOUND')
  reissueLetter(@Param('cid') cid: string, @Param('ownerId') ownerId: string, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new IssueOwnerLetter(cid, ownerId, ctx));
  }

  @Get(':cid/roster')
  @ApiBearerAuth()
  @Refusals('COMMUNITY_NOT_FOUND', 'FORBIDDEN', 'OUTSIDE_JURISDICTION')
  @ApiOperation({ summary: 'The roster with totals by the counting rules (committee, regulator)' })
  roster(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Ctx() ctx: RequestContext) {
    authorizeRegistry(ctx, 'readRoster', cid);
    return this.queries.roster(cid);
  }
}

/** An import's rows from a CSV text or an .xlsx upload, read by the same header rules. */
async function importFile(body: unknown, file: ImportFile, what: string) {
  if (typeof body === 'string') return csvRecords(body, file);
  if (Buffer.isBuffer(body)) return importRecords(await xlsxRows(body), file);
  throw invalid('EXPECTED_CSV', `send ${what} as Content-Type: text/csv, or a spreadsheet as ${XLSX_TYPE}`);
}

function tooMany(count: number): void {
  if (count > MAX_ITEMS) throw invalid('TOO_MANY_ITEMS', `at most ${MAX_ITEMS} items per request; split the list`);
}
