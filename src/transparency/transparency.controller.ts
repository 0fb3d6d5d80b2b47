import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { once } from 'node:events';
import { authorize } from '../platform/auth/principal.js';
import { Public } from '../platform/auth/public.decorator.js';
import { Ctx, RequestContext } from '../platform/auth/request-context.js';
import { ReadQueryDto } from '../platform/http/read-after.js';
import { BundleExporter } from './export/bundle-exporter.js';
import { bundleLineText } from './export/bundle-format.js';
import { LogQueries } from './queries/log.queries.js';
import { ConsistencyQueryDto, InclusionQueryDto } from './transparency.dto.js';
import { Refusals } from '../platform/http/refusals.js';

const LOG = 'communities/:cid/log';

@ApiTags('transparency')
@Controller()
export class TransparencyController {
  constructor(
    private readonly queries: LogQueries,
    private readonly exporter: BundleExporter,
  ) {}

  @Public()
  @Get('log/public-key')
  @ApiOperation({
    summary: 'The Ed25519 key that signs checkpoints: SPKI PEM, its SHA-256 fingerprint and its C2SP vkey',
  })
  @Refusals()
  publicKey(@Query() _query: ReadQueryDto) {
    return this.queries.publicKey();
  }

  @Public()
  @Get(`${LOG}/checkpoint`)
  @ApiOperation({
    summary: "The latest signed checkpoint of the community's log, with its C2SP note and the witnesses' cosignatures",
  })
  @Refusals('CHECKPOINT_NOT_FOUND')
  checkpoint(@Param('cid') cid: string, @Query() _query: ReadQueryDto) {
    return this.queries.latestCheckpoint(cid);
  }

  @Public()
  @Get(`${LOG}/checkpoints`)
  @Refusals()
  @ApiOperation({ summary: 'Every signed checkpoint, smallest first, to check each against the next' })
  checkpoints(@Param('cid') cid: string, @Query() _query: ReadQueryDto) {
    return this.queries.checkpoints(cid);
  }

  @Public()
  @Get(`${LOG}/proofs/inclusion`)
  @ApiOperation({
    summary: "RFC 6962 audit path of an event (a ballot receipt's eventId) in a tree of treeSize leaves",
  })
  @Refusals('CHECKPOINT_NOT_FOUND', 'EVENT_NOT_IN_LOG', 'EVENT_NOT_IN_TREE', 'TREE_SIZE_OUT_OF_RANGE')
  inclusion(@Param('cid') cid: string, @Query() query: InclusionQueryDto) {
    return this.queries.inclusion(
      cid,
      query.eventId,
      query.treeSize === undefined ? undefined : Number(query.treeSize),
    );
  }

  @Public()
  @Get(`${LOG}/proofs/consistency`)
  @Refusals('CHECKPOINT_NOT_FOUND', 'TREE_SIZE_OUT_OF_RANGE')
  @ApiOperation({ summary: 'RFC 6962 consistency proof between two tree sizes: the log only grew' })
  consistency(@Param('cid') cid: string, @Query() query: ConsistencyQueryDto) {
    return this.queries.consistency(
      cid,
      Number(query.first),
      query.second === undefined ? undefined : Number(query.second),
    );
  }

  @Get('communities/:cid/export')
  @ApiBearerAuth()
  @Refusals(
    'CHECKPOINT_INCONSISTENT',
    'CHECKPOINT_NOT_DERIVED',
    'CHECKPOINT_NOT_NEWER',
    'FORBIDDEN',
    'LOG_DIVERGED',
    'OUTSIDE_JURISDICTION',
  )
  @ApiOperation({ summary: 'The export bundle (NDJSON) that `gongzhi verify` checks offline (regulator, admin)' })
  async export(
    @Param('cid') cid: string,
    @Query() _query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
    @Res() res: Response,
  ): Promise<void> {
    authorize(ctx.principal, ['regulator', 'admin'], cid);
    const lines = this.exporter.lines(cid, ctx.now)[Symbol.asyncIterator]();
    // The first line is read before any byte is sent, so a failure there is still an ordinary error answer.
    const first = await lines.next();
    res.status(200);
    res.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    // The id comes from the path: anything but plain ASCII would be an invalid (or injected) header.
    res.setHeader(
      'content-disposition',
      `attachment; filename="gongzhi-export-${cid.replace(/[^\w.-]/g, '_')}.ndjson"`,
    );
    try {
      for (let line = first; !line.done; line = await lines.next()) {
        if (res.destroyed) return;
        if (!res.write(`${bundleLineText(line.value)}\n`)) await once(res, 'drain');
      }
      res.end();
    } catch {
      // Too late for an error answer: cut the stream, so the missing end line tells the verifier.
      res.destroy();
    }
  }
}
