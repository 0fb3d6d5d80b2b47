import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CandidateResult } from '@gongzhi/domain/elections/election-count.js';
import type { Candidate } from '@gongzhi/domain/elections/election.events.js';
import { ownerIdsOf } from '../platform/auth/principal.js';
import { authorizeElections } from './elections.access.js';
import { Public } from '../platform/auth/public.decorator.js';
import { Ctx, RequestContext } from '../platform/auth/request-context.js';
import { csvDownload } from '../platform/http/csv.js';
import { ReadQueryDto } from '../platform/http/read-after.js';
import { arrayOf } from '../platform/http/validation.js';
import { CastElectionBallot, ELECTION_BALLOT_REFUSALS } from './commands/cast-election-ballot.js';
import { DraftElection } from './commands/draft-election.js';
import { CloseElection, OpenElection, PostElection } from './commands/election-steps.js';
import { EnterPaperElectionBallots } from './commands/enter-paper-election-ballots.js';
import { DraftElectionDto, ElectionBallotDto, PaperElectionBallotDto } from './elections.dto.js';
import { ElectionsQueries } from './queries/elections.queries.js';
import { VOTE_STEP_REFUSALS } from '../voting/commands/resolution-steps.js';
import { Refusals } from '../platform/http/refusals.js';

const ELECTION = 'communities/:cid/elections';

@ApiTags('elections')
@Controller()
export class ElectionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: ElectionsQueries,
  ) {}

  @Post(ELECTION)
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Draft an election of the owners' committee (committee): seats, alternates, candidates who are owners",
  })
  @Refusals(
    'BY_ELECTION_NOT_DUE',
    'BY_ELECTION_SEATS',
    'CANDIDATE_ALREADY_A_MEMBER',
    'CANDIDATE_NOT_AN_OWNER',
    'COMMITTEE_SIZE_EVEN',
    'COMMITTEE_TOO_SMALL',
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'DUPLICATE_CANDIDATE',
    'ELECTION_EXISTS',
    'FORBIDDEN',
    'INVALID_CANDIDATES',
    'INVALID_CANDIDATE_ID',
    'INVALID_PERIOD',
    'INVALID_TIME',
    'INVALID_TITLE',
    'NO_COMMITTEE',
    'OUTSIDE_JURISDICTION',
    'TERM_TOO_LONG',
    'TOO_MANY_ALTERNATES',
    'UNKNOWN_RULEBOOK',
  )
  draft(@Param('cid') cid: string, @Body() body: DraftElectionDto, @Ctx() ctx: RequestContext) {
    const data = {
      ...body,
      alternates: body.alternates ?? 0,
      opensAt: new Date(body.opensAt),
      closesAt: new Date(body.closesAt),
    };
    return this.commands.execute(new DraftElection(cid, data, ctx));
  }

  @Post(`${ELECTION}/:eid/post`)
  @HttpCode(200)
  @ApiBearerAuth()
  @Refusals(...VOTE_STEP_REFUSALS.post, 'ELECTION_ALREADY_POSTED', 'ELECTION_NOT_FOUND')
  @ApiOperation({ summary: 'Post (announce) the election (committee)' })
  post(@Param('cid') cid: string, @Param('eid') eid: string, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new PostElection(cid, eid, ctx));
  }

  @Post(`${ELECTION}/:eid/open`)
  @HttpCode(200)
  @ApiBearerAuth()
  @Refusals(...VOTE_STEP_REFUSALS.open, 'ELECTION_ALREADY_OPEN', 'ELECTION_CLOSED', 'ELECTION_NOT_FOUND')
  @ApiOperation({ summary: 'Open the election: freezes the roster (committee)' })
  open(@Param('cid') cid: string, @Param('eid') eid: string, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new OpenElection(cid, eid, ctx));
  }

  @Post(`${ELECTION}/:eid/close`)
  @HttpCode(200)
  @ApiBearerAuth()
  @Refusals(
    ...VOTE_STEP_REFUSALS.close,
    'ELECTION_CLOSED',
    'ELECTION_NOT_CLOSED',
    'ELECTION_NOT_FOUND',
    'ELECTION_NOT_OPEN',
  )
  @ApiOperation({ summary: 'Close at or after closesAt: answers the result, per candidate (committee)' })
  close(@Param('cid') cid: string, @Param('eid') eid: string, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new CloseElection(cid, eid, ctx));
  }

  @Post(`${ELECTION}/:eid/ballots`)
  @ApiBearerAuth()
  @Refusals(...ELECTION_BALLOT_REFUSALS, 'NOT_YOUR_OWNER_ID', 'OWNER_ID_REQUIRED')
  @ApiOperation({ summary: 'Cast or replace your ballot: up to `seats` candidates (owner); answers a receipt' })
  cast(
    @Param('cid') cid: string,
    @Param('eid') eid: string,
    @Body() body: ElectionBallotDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.commands.execute(new CastElectionBallot(cid, eid, body, ctx));
  }

  @Post(`${ELECTION}/:eid/paper-ballots`)
  @ApiBearerAuth()
  @ApiBody({ type: [PaperElectionBallotDto] })
  @Refusals(...ELECTION_BALLOT_REFUSALS, 'TOO_MANY_ITEMS')
  @ApiOperation({ summary: "Enter paper ballots with the scans' SHA-256 (committee); all or none" })
  paper(
    @Param('cid') cid: string,
    @Param('eid') eid: string,
    @Body(arrayOf(PaperElectionBallotDto, 20000)) body: PaperElectionBallotDto[],
    @Ctx() ctx: RequestContext,
  ) {
    return this.commands.execute(new EnterPaperElectionBallots(cid, eid, body, ctx));
  }

  @Public()
  @Get(ELECTION)
  @Refusals()
  @ApiOperation({ summary: 'Elections of a community: status, outcome, elected members' })
  list(@Param('cid') cid: string, @Query() _query: ReadQueryDto) {
    return this.queries.list(cid);
  }

  @Public()
  @Get(`communities/:cid/elections.csv`)
  @Refusals()
  @ApiOperation({ summary: 'The same as CSV (UTF-8 with BOM)' })
  async listCsv(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Res({ passthrough: true }) res: Response) {
    const rows = (await this.queries.list(cid)).map((e) => ({
      ...e,
      elected: e.elected?.map((m) => m.name).join(';') ?? '',
    }));
    return csvDownload(res, `elections-${cid}.csv`, rows, [
      'id',
      'title',
      'seats',
      'alternates',
      'status',
      'opensAt',
      'closesAt',
      'closedAt',
      'outcome',
      'elected',
    ]);
  }

  // Before `:eid`, so that "x.csv" is not read as an election id.
  @Public()
  @Get(`${ELECTION}/:eid.csv`)
  @Refusals('ELECTION_NOT_FOUND')
  @ApiOperation({ summary: 'One election as CSV: a row per candidate with approving heads and area' })
  async detailCsv(
    @Param('cid') cid: string,
    @Param('eid') eid: string,
    @Query() _query: ReadQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const detail = await this.queries.detail(cid, eid);
    // Before the close the candidates as drafted; after it, each with its count.
    const rows = detail.candidates.map((c: Candidate & Partial<CandidateResult>) => ({
      candidateId: c.candidateId,
      name: c.name,
      ownerId: c.ownerId,
      approvingHeads: c.approving?.heads ?? '',
      approvingAreaM2: c.approving?.areaM2 ?? '',
      passed: c.passed ?? '',
      rank: c.rank ?? '',
      seat: c.seat ?? '',
    }));
    return csvDownload(res, `election-${eid}.csv`, rows, [
      'candidateId',
      'name',
      'ownerId',
      'approvingHeads',
      'approvingAreaM2',
      'passed',
      'rank',
      'seat',
    ]);
  }

  @Public()
  @Get(`${ELECTION}/:eid`)
  @ApiOperation({
    summary: 'One election: per-candidate approving area and heads, participation, elected members and alternates',
  })
  @Refusals('ELECTION_NOT_FOUND')
  detail(@Param('cid') cid: string, @Param('eid') eid: string, @Query() _query: ReadQueryDto) {
    return this.queries.detail(cid, eid);
  }

  @Get(`${ELECTION}/:eid/quorum-record`)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'The full quorum record of the election: every voter and the ballot that counts, every ballot, the close event (committee, regulator)',
  })
  @Refusals('ELECTION_NOT_FOUND', 'FORBIDDEN', 'OUTSIDE_JURISDICTION')
  quorumRecord(
    @Param('cid') cid: string,
    @Param('eid') eid: string,
    @Query() _query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
  ) {
    authorizeElections(ctx, 'readQuorumRecord', cid);
    return this.queries.quorumRecord(cid, eid);
  }

  @Get(`${ELECTION}/:eid/quorum-record.csv`)
  @ApiBearerAuth()
  @Refusals('ELECTION_NOT_FOUND', 'FORBIDDEN', 'OUTSIDE_JURISDICTION')
  @ApiOperation({ summary: 'The quorum record as CSV, one row per voter of the frozen roster (committee, regulator)' })
  async quorumRecordCsv(
    @Param('cid') cid: string,
    @Param('eid') eid: string,
    @Query() _query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    authorizeElections(ctx, 'readQuorumRecord', cid);
    const record = await this.queries.quorumRecord(cid, eid);
    const rows = record.voters.map((v: { ownerIds: string[]; unitIds: string[]; selections: string[] | null }) => ({
      ...v,
      ownerIds: v.ownerIds.join(';'),
      unitIds: v.unitIds.join(';'),
      selections: v.selections?.join(';') ?? '',
    }));
    return csvDownload(res, `election-quorum-record-${eid}.csv`, rows, [
      'voterId',
      'representativeId',
      'ownerIds',
      'unitIds',
      'areaM2',
      'participated',
      'selections',
      'channel',
      'castAt',
      'ballotEventId',
      'evidenceSha256',
    ]);
  }

  @Get(`${ELECTION}/:eid/participation`)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Which units took part and by which channel, not whom they chose (owners of the community, committee, regulator)',
  })
  @Refusals('ELECTION_NOT_FOUND', 'FORBIDDEN', 'OUTSIDE_JURISDICTION')
  participation(
    @Param('cid') cid: string,
    @Param('eid') eid: string,
    @Query() _query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
  ) {
    authorizeElections(ctx, 'readParticipation', cid);
    return this.queries.participation(cid, eid);
  }

  @Get(`${ELECTION}/:eid/participation.csv`)
  @ApiBearerAuth()
  @Refusals('ELECTION_NOT_FOUND', 'FORBIDDEN', 'OUTSIDE_JURISDICTION')
  @ApiOperation({ summary: 'Participation as CSV' })
  async participationCsv(
    @Param('cid') cid: string,
    @Param('eid') eid: string,
    @Query() _query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    authorizeElections(ctx, 'readParticipation', cid);
    const { units } = await this.queries.participation(cid, eid);
    return csvDownload(res, `election-participation-${eid}.csv`, units, ['unitId', 'channel']);
  }

  @Public()
  @Get(`${ELECTION}/:eid/counted/:leafHash`)
  @ApiOperation({
    summary:
      'After the close: was the ballot with this receipt leafHash COUNTED, SUPERSEDED (by which ballot), LATE or NOT_FOUND, with its inclusion proof in the counted root the close committed to',
  })
  @Refusals('ELECTION_NOT_CLOSED', 'ELECTION_NOT_FOUND', 'INVALID_LEAF_HASH')
  counted(
    @Param('cid') cid: string,
    @Param('eid') id: string,
    @Param('leafHash') leafHash: string,
    @Query() _query: ReadQueryDto,
  ) {
    return this.queries.counted(cid, id, leafHash);
  }

  @Get('communities/:cid/my-election-ballots')
  @ApiBearerAuth()
  @Refusals('FORBIDDEN', 'OUTSIDE_JURISDICTION')
  @ApiOperation({ summary: 'Every election ballot recorded in your name, online or on paper (owner)' })
  myBallots(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Ctx() ctx: RequestContext) {
    authorizeElections(ctx, 'readOwnBallots', cid);
    return this.queries.ballotsOf(cid, ownerIdsOf(ctx.principal, cid));
  }
}
