import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { requireSignedIn } from '../platform/auth/principal.js';
import { Public } from '../platform/auth/public.decorator.js';
import { Ctx, RequestContext } from '../platform/auth/request-context.js';
import { csvDownload } from '../platform/http/csv.js';
import { ReadQueryDto } from '../platform/http/read-after.js';
import { FileRequest, TakeRequestStep } from './commands/request-steps.js';
import { DispatchDto, FileRequestDto, RateDto, ReopenDto, RequestsQueryDto, ResolveDto } from './services.dto.js';
import { ServicesQueries } from './queries/services.queries.js';
import { Refusals } from '../platform/http/refusals.js';

const BASE = 'communities/:cid/requests';

/** Rules 34–35: residents' requests (诉求), from filing to rating; public views never say who filed. */
@ApiTags('services')
@Controller()
export class RequestsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: ServicesQueries,
  ) {}

  @Post(BASE)
  @ApiBearerAuth()
  @Refusals(
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'FORBIDDEN',
    'INVALID_SHA256',
    'OUTSIDE_JURISDICTION',
    'REQUEST_EXISTS',
    'TOO_MANY_PHOTOS',
    'UNKNOWN_PLACE',
    'UNKNOWN_RULEBOOK',
  )
  @ApiOperation({ summary: 'File a request (owner; committee for a resident at its desk; community office)' })
  file(@Param('cid') cid: string, @Body() body: FileRequestDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(
      new FileRequest(
        cid,
        {
          category: body.category,
          urgency: body.urgency,
          place: { kind: body.place.kind, ref: body.place.ref },
          text: body.text,
          photoSha256s: body.photoSha256s ?? [],
        },
        ctx,
      ),
    );
  }

  @Public()
  @Get(BASE)
  @Refusals('COMMUNITY_NOT_FOUND')
  @ApiOperation({ summary: 'The requests, newest last, without who filed them (public)' })
  list(@Param('cid') cid: string, @Query() query: RequestsQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.requests(cid, ctx.now, query.month);
  }

  @Public()
  @Get('communities/:cid/requests.csv')
  @Refusals('COMMUNITY_NOT_FOUND')
  @ApiOperation({ summary: 'The same as CSV, UTF-8 with BOM (public)' })
  async csv(
    @Param('cid') cid: string,
    @Query() query: RequestsQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const rows = (await this.queries.requests(cid, ctx.now, query.month)).map((r) => ({
      ...r,
      place: r.place.ref ? `${r.place.kind} ${r.place.ref}` : r.place.kind,
      photoSha256s: r.photoSha256s.join(';'),
      overdue: r.overdue.join(';'),
    }));
    return csvDownload(res, `requests-${cid}.csv`, rows, [
      'id',
      'category',
      'urgency',
      'place',
      'status',
      'handler',
      'filedAt',
      'acknowledgeBy',
      'resolveBy',
      'acceptedAt',
      'resolvedAt',
      'rating',
      'reopened',
      'lateSteps',
      'overdue',
      'onTime',
      'photoSha256s',
    ]);
  }

  @Get(`${BASE}/mine`)
  @ApiBearerAuth()
  @Refusals('COMMUNITY_NOT_FOUND')
  @ApiOperation({ summary: 'The requests the caller filed, to follow and rate them' })
  mine(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.mine(cid, requireSignedIn(ctx.principal).accountId, ctx.now);
  }

  @Public()
  @Get(`${BASE}/stats`)
  @ApiOperation({
    summary: 'Counts, on-time rate and satisfaction, by category and handler, as exact fractions (public)',
  })
  @Refusals('COMMUNITY_NOT_FOUND')
  stats(@Param('cid') cid: string, @Query() query: RequestsQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.stats(cid, ctx.now, query.month);
  }

  @Public()
  @Get(`${BASE}/overdue`)
  @Refusals('COMMUNITY_NOT_FOUND')
  @ApiOperation({ summary: 'Requests with a step past its time limit, the handlers’ queue of shame (public)' })
  overdue(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.overdue(cid, ctx.now);
  }

  @Public()
  @Get(`${BASE}/:rqid`)
  @Refusals('REQUEST_NOT_FOUND')
  @ApiOperation({ summary: 'One request and its steps (public; its requester sees it marked as theirs)' })
  one(
    @Param('cid') cid: string,
    @Param('rqid') rqid: string,
    @Query() _query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.queries.request(cid, rqid, ctx.principal?.accountId ?? null, ctx.now);
  }

  @Post(`${BASE}/:rqid/dispatch`)
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Hand the request to the property company, the committee or the community office (committee, regulator)',
  })
  @Refusals(
    'COMPANY_NOT_SERVING',
    'CONCURRENCY_CONFLICT',
    'FORBIDDEN',
    'OUTSIDE_JURISDICTION',
    'REQUEST_ALREADY_ACCEPTED',
    'REQUEST_NOT_FOUND',
  )
  dispatch(
    @Param('cid') cid: string,
    @Param('rqid') rqid: string,
    @Body() body: DispatchDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.commands.execute(
      new TakeRequestStep(cid, rqid, { type: 'DispatchRequest', data: { handler: body.handler } }, ctx),
    );
  }

  @Post(`${BASE}/:rqid/accept`)
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The handler accepts it; past the acknowledge limit it is recorded late (committee, regulator)',
  })
  @Refusals(
    'COMPANY_NOT_SERVING',
    'CONCURRENCY_CONFLICT',
    'FORBIDDEN',
    'NOT_THE_HANDLER',
    'OUTSIDE_JURISDICTION',
    'REQUEST_ALREADY_ACCEPTED',
    'REQUEST_NOT_DISPATCHED',
    'REQUEST_NOT_FOUND',
  )
  accept(@Param('cid') cid: string, @Param('rqid') rqid: string, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new TakeRequestStep(cid, rqid, { type: 'AcceptRequest', data: {} }, ctx));
  }

  @Post(`${BASE}/:rqid/resolve`)
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'What was done, with photo hashes; past the resolve limit it is recorded late (committee, regulator)',
  })
  @Refusals(
    'COMPANY_NOT_SERVING',
    'CONCURRENCY_CONFLICT',
    'FORBIDDEN',
    'INVALID_SHA256',
    'NOT_THE_HANDLER',
    'OUTSIDE_JURISDICTION',
    'REQUEST_NOT_FOUND',
    'REQUEST_NOT_IN_HAND',
    'TOO_MANY_PHOTOS',
  )
  resolve(
    @Param('cid') cid: string,
    @Param('rqid') rqid: string,
    @Body() body: ResolveDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.commands.execute(
      new TakeRequestStep(
        cid,
        rqid,
        { type: 'ResolveRequest', data: { whatWasDone: body.whatWasDone, photoSha256s: body.photoSha256s ?? [] } },
        ctx,
      ),
    );
  }

  @Post(`${BASE}/:rqid/rate`)
  @HttpCode(200)
  @ApiBearerAuth()
  @Refusals(
    'COMPANY_NOT_SERVING',
    'CONCURRENCY_CONFLICT',
    'FORBIDDEN',
    'NOT_THE_REQUESTER',
    'OUTSIDE_JURISDICTION',
    'REQUEST_ALREADY_RATED',
    'REQUEST_NOT_FOUND',
    'REQUEST_NOT_RESOLVED',
  )
  @ApiOperation({ summary: 'The requester rates the outcome: SATISFIED, BASICALLY_SATISFIED or DISSATISFIED' })
  rate(@Param('cid') cid: string, @Param('rqid') rqid: string, @Body() body: RateDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(
      new TakeRequestStep(cid, rqid, { type: 'RateRequest', data: { rating: body.rating } }, ctx),
    );
  }

  @Post(`${BASE}/:rqid/reopen`)
  @HttpCode(200)
  @ApiBearerAuth()
  @Refusals(
    'COMPANY_NOT_SERVING',
    'CONCURRENCY_CONFLICT',
    'FORBIDDEN',
    'NOT_THE_REQUESTER',
    'OUTSIDE_JURISDICTION',
    'REQUEST_ALREADY_REOPENED',
    'REQUEST_NOT_FOUND',
    'REQUEST_NOT_RESOLVED',
    'UNKNOWN_RULEBOOK',
  )
  @ApiOperation({ summary: 'The requester reopens a resolved request, once' })
  reopen(@Param('cid') cid: string, @Param('rqid') rqid: string, @Body() body: ReopenDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(
      new TakeRequestStep(cid, rqid, { type: 'ReopenRequest', data: { reason: body.reason } }, ctx),
    );
  }
}
