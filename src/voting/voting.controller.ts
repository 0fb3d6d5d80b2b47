import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { TallyJson } from '@gongzhi/domain/governance/quorum.js';
import { parsePositiveYuan } from '@gongzhi/domain/shared/quantities.js';
import { ownerIdsOf } from '../platform/auth/principal.js';
import { Public } from '../platform/auth/public.decorator.js';
import { Ctx, RequestContext } from '../platform/auth/request-context.js';
import { csvDownload } from '../platform/http/csv.js';
import { ReadQueryDto } from '../platform/http/read-after.js';
import { arrayOf } from '../platform/http/validation.js';
import { AuthoriseProxy } from './commands/authorise-proxy.js';
import { BALLOT_REFUSALS, CastBallot } from './commands/cast-ballot.js';
import { DraftResolution } from './commands/draft-resolution.js';
import { EnterPaperBallots } from './commands/enter-paper-ballots.js';
import { CloseResolution, OpenResolution, PostResolution, VOTE_STEP_REFUSALS } from './commands/resolution-steps.js';
import { VotingQueries } from './queries/voting.queries.js';
import { authorizeVoting } from './voting.access.js';
import { BallotDto, DraftResolutionDto, PaperBallotDto, ProxyDto } from './voting.dto.js';
import { Refusals } from '../platform/http/refusals.js';

const RESOLUTION = 'communities/:cid/resolutions';

@ApiTags('voting')
@Controller()
export class VotingController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: VotingQueries,
  ) {}

  @Post(RESOLUTION)
  @ApiBearerAuth()
  @Refusals(
    'BEARERS_REQUIRED',
    'BUDGET_FUND_MISMATCH',
    'BUDGET_NOT_ALLOWED',
    'BUDGET_REQUIRED',
    'CAPS_INCONSISTENT',
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'COVENANT_NOT_ALLOWED',
    'FORBIDDEN',
    'INVALID_AMOUNT',
    'INVALID_MATTER',
    'INVALID_OPTIONS',
    'INVALID_PERIOD',
    'INVALID_TIME',
    'INVALID_TITLE',
    'OPTIONS_NOT_ALLOWED',
    'OUTSIDE_JURISDICTION',
    'REMOVAL_MATTER',
    'RESOLUTION_EXISTS',
    'UNKNOWN_RULEBOOK',
  )
  @ApiOperation({ summary: 'Draft a resolution (committee)' })
  draft(@Param('cid') cid: string, @Body() body: DraftResolutionDto, @Ctx() ctx: RequestContext) {
    const budget = body.budget ? { ...body.budget, amount: parsePositiveYuan(body.budget.amount) } : null;
    const covenant = body.covenant
      ? {
          perItemCap: parsePositiveYuan(body.covenant.perItemCap),
          yearlyCap: parsePositiveYuan(body.covenant.yearlyCap),
        }
      : null;
    return this.commands.execute(
      new DraftResolution(
        cid,
        { ...body, opensAt: new Date(body.opensAt), closesAt: new Date(body.closesAt), budget, covenant },
        ctx,
      ),
    );
  }

  @Post(`${RESOLUTION}/:rid/post`)
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Post (announce) the resolution; the rulebook may require it days before opening (committee)',
  })
  @Refusals(...VOTE_STEP_REFUSALS.post, 'RESOLUTION_ALREADY_POSTED', 'RESOLUTION_NOT_FOUND')
  post(@Param('cid') cid: string, @Param('rid') rid: string, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new PostResolution(cid, rid, ctx));
  }

  @Post(`${RESOLUTION}/:rid/open`)
  @HttpCode(200)
  @ApiBearerAuth()
  @Refusals(
    ...VOTE_STEP_REFUSALS.open,
    'RESOLUTION_ALREADY_OPEN',
    'RESOLUTION_CLOSED',
    'RESOLUTION_NOT_FOUND',
    'ROSTER_UNITS_REQUIRED',
    'UNKNOWN_BUILDING',
    'UNKNOWN_UNIT',
  )
  @ApiOperation({ summary: 'Open the vote: freezes the roster (committee)' })
  open(@Param('cid') cid: string, @Param('rid') rid: string, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new OpenResolution(cid, rid, ctx));
  }

  @Post(`${RESOLUTION}/:rid/close`)
  @HttpCode(200)
  @ApiBearerAuth()
  @Refusals(
    ...VOTE_STEP_REFUSALS.close,
    'RESOLUTION_CLOSED',
    'RESOLUTION_NOT_CLOSED',
    'RESOLUTION_NOT_FOUND',
    'RESOLUTION_NOT_OPEN',
    'UNKNOWN_OPTION',
  )
  @ApiOperation({ summary: 'Close the vote at or after closesAt: answers the tally (committee)' })
  close(@Param('cid') cid: string, @Param('rid') rid: string, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new CloseResolution(cid, rid, ctx));
  }

  @Post(`${RESOLUTION}/:rid/ballots`)
  @ApiBearerAuth()
  @Refusals(...BALLOT_REFUSALS, 'NOT_YOUR_OWNER_ID', 'OWNER_ID_REQUIRED')
  @ApiOperation({ summary: 'Cast or change your ballot (owner); answers a receipt' })
  cast(@Param('cid') cid: string, @Param('rid') rid: string, @Body() body: BallotDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new CastBallot(cid, rid, body, ctx));
  }

  @Post(`${RESOLUTION}/:rid/paper-ballots`)
  @ApiBearerAuth()
  @ApiBody({ type: [PaperBallotDto] })
  @Refusals(...BALLOT_REFUSALS, 'TOO_MANY_ITEMS')
  @ApiOperation({ summary: "Enter paper ballots with the scans' SHA-256 (committee); all or none" })
  paper(
    @Param('cid') cid: string,
    @Param('rid') rid: string,
    @Body(arrayOf(PaperBallotDto, 20000)) body: PaperBallotDto[],
    @Ctx() ctx: RequestContext,
  ) {
    return this.commands.execute(new EnterPaperBallots(cid, rid, body, ctx));
  }

  @Post(`${RESOLUTION}/:rid/proxies`)
  @ApiBearerAuth()
  @Refusals(
    'CONCURRENCY_CONFLICT',
    'FORBIDDEN',
    'INVALID_SHA256',
    'INVALID_TIME',
    'NOT_A_VOTER',
    'NOT_POSTED',
    'NOT_YOUR_OWNER_ID',
    'OUTSIDE_JURISDICTION',
    'OWNER_ID_REQUIRED',
    'PROXY_EVIDENCE_REQUIRED',
    'PROXY_IS_OWNER',
    'PROXY_REQUIRED',
    'RESOLUTION_CLOSED',
    'RESOLUTION_NOT_FOUND',
  )
  @ApiOperation({ summary: "Name a proxy with the written authorisation's SHA-256 (owner)" })
  proxy(@Param('cid') cid: string, @Param('rid') rid: string, @Body() body: ProxyDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new AuthoriseProxy(cid, rid, body, ctx));
  }

  @Public()
  @Get(RESOLUTION)
  @Refusals()
  @ApiOperation({ summary: 'Resolutions of a community: status, outcome, aggregate tally' })
  list(@Param('cid') cid: string, @Query() _query: ReadQueryDto) {
    return this.queries.list(cid);
  }

  @Public()
  @Get(`communities/:cid/resolutions.csv`)
  @Refusals()
  @ApiOperation({ summary: 'The same as CSV (UTF-8 with BOM)' })
  async listCsv(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Res({ passthrough: true }) res: Response) {
    const rows = (await this.queries.list(cid)).map((r) => ({ ...r, tally: undefined, ...flatTally(r.tally) }));
    return csvDownload(res, `resolutions-${cid}.csv`, rows, [
      'id',
      'title',
      'matter',
      'status',
      'opensAt',
      'closesAt',
      'closedAt',
      'outcome',
      'eligibleHeads',
      'eligibleAreaM2',
      'participatedHeads',
      'participatedAreaM2',
      'forHeads',
      'forAreaM2',
      'againstHeads',
      'againstAreaM2',
      'abstainHeads',
      'abstainAreaM2',
    ]);
  }

  @Public()
  @Get(`${RESOLUTION}/:rid`)
  @Refusals('RESOLUTION_NOT_FOUND')
  @ApiOperation({ summary: 'One resolution: status, outcome, aggregate tally' })
  detail(@Param('cid') cid: string, @Param('rid') rid: string, @Query() _query: ReadQueryDto) {
    return this.queries.detail(cid, rid);
  }

  @Get(`${RESOLUTION}/:rid/quorum-record`)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The full quorum record: every voter, units, area, channel, time, event id (committee, regulator)',
  })
  @Refusals('FORBIDDEN', 'OUTSIDE_JURISDICTION', 'RESOLUTION_NOT_FOUND')
  quorumRecord(
    @Param('cid') cid: string,
    @Param('rid') rid: string,
    @Query() _query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
  ) {
    authorizeVoting(ctx, 'readQuorumRecord', cid);
    return this.queries.quorumRecord(cid, rid);
  }

  @Get(`${RESOLUTION}/:rid/quorum-record.csv`)
  @ApiBearerAuth()
  @Refusals('FORBIDDEN', 'OUTSIDE_JURISDICTION', 'RESOLUTION_NOT_FOUND')
  @ApiOperation({ summary: 'The quorum record as CSV, one row per voter (committee, regulator)' })
  async quorumRecordCsv(
    @Param('cid') cid: string,
    @Param('rid') rid: string,
    @Query() _query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    authorizeVoting(ctx, 'readQuorumRecord', cid);
    const record = await this.queries.quorumRecord(cid, rid);
    const rows = record.voters.map((v: { ownerIds: string[]; unitIds: string[]; ranking?: string[] }) => ({
      ...v,
      ownerIds: v.ownerIds.join(';'),
      unitIds: v.unitIds.join(';'),
      ranking: v.ranking?.join('>'),
    }));
    return csvDownload(res, `quorum-record-${rid}.csv`, rows, [
      'voterId',
      'representativeId',
      'ownerIds',
      'unitIds',
      'areaM2',
      'participated',
      'choice',
      ...(record.options ? ['ranking'] : []),
      'channel',
      'castAt',
      'ballotEventId',
      'proxyOwnerId',
      'evidenceSha256',
    ]);
  }

  @Get(`${RESOLUTION}/:rid/participation`)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Which units took part, not how they voted (owners of the community, committee, regulator)',
  })
  @Refusals('FORBIDDEN', 'OUTSIDE_JURISDICTION', 'RESOLUTION_NOT_FOUND')
  participation(
    @Param('cid') cid: string,
    @Param('rid') rid: string,
    @Query() _query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
  ) {
    authorizeVoting(ctx, 'readParticipation', cid);
    return this.queries.participation(cid, rid);
  }

  @Get(`${RESOLUTION}/:rid/participation.csv`)
  @ApiBearerAuth()
  @Refusals('FORBIDDEN', 'OUTSIDE_JURISDICTION', 'RESOLUTION_NOT_FOUND')
  @ApiOperation({ summary: 'Participation as CSV' })
  async participationCsv(
    @Param('cid') cid: string,
    @Param('rid') rid: string,
    @Query() _query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    authorizeVoting(ctx, 'readParticipation', cid);
    const { units } = await this.queries.participation(cid, rid);
    return csvDownload(res, `participation-${rid}.csv`, units, ['unitId', 'channel']);
  }

  @Public()
  @Get(`${RESOLUTION}/:rid/counted/:leafHash`)
  @ApiOperation({
    summary:
      'After the close: was the ballot with this receipt leafHash COUNTED, SUPERSEDED (by which ballot), LATE or NOT_FOUND, with its inclusion proof in the counted root the close committed to',
  })
  @Refusals('INVALID_LEAF_HASH', 'RESOLUTION_NOT_CLOSED', 'RESOLUTION_NOT_FOUND')
  counted(
    @Param('cid') cid: string,
    @Param('rid') id: string,
    @Param('leafHash') leafHash: string,
    @Query() _query: ReadQueryDto,
  ) {
    return this.queries.counted(cid, id, leafHash);
  }

  @Get('communities/:cid/my-ballots')
  @ApiBearerAuth()
  @Refusals('FORBIDDEN', 'OUTSIDE_JURISDICTION')
  @ApiOperation({ summary: 'Every ballot recorded in your name, online, on paper or by proxy (owner)' })
  myBallots(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Ctx() ctx: RequestContext) {
    authorizeVoting(ctx, 'readOwnBallots', cid);
    return this.queries.ballotsOf(cid, ownerIdsOf(ctx.principal, cid));
  }
}

function flatTally(tally: TallyJson | null) {
  if (!tally) return {};
  const pick = (name: 'eligible' | 'participated' | 'for' | 'against' | 'abstain') => ({
    [`${name}Heads`]: tally[name]?.heads,
    [`${name}AreaM2`]: tally[name]?.areaM2,
  });
  return { ...pick('eligible'), ...pick('participated'), ...pick('for'), ...pick('against'), ...pick('abstain') };
}
