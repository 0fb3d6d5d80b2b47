import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { notFound } from '../../libs/domain/shared/domain-error.js';
import { grantsFor } from '../platform/auth/principal.js';
import { Public } from '../platform/auth/public.decorator.js';
import { Ctx, RequestContext } from '../platform/auth/request-context.js';
import { csvDownload } from '../platform/http/csv.js';
import { ReadQueryDto } from '../platform/http/read-after.js';
import { DraftStatement } from './commands/draft-statement.js';
import { AuditStatement, PublishStatement } from './commands/statement-steps.js';
import { AuditDto, StatementDto } from './finance.dto.js';
import { FinanceQueries } from './queries/finance.queries.js';

const BASE = 'communities/:cid/statements';

/** A draft is the committee's working paper; the public sees what was published (and audited). */
const seesDrafts = (ctx: RequestContext, cid: string) => grantsFor(ctx.principal, ['committee', 'regulator', 'auditor'], cid).length > 0;

@ApiTags('money')
@Controller()
export class StatementsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: FinanceQueries,
  ) {}

  @Post(BASE)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Draft a statement computed from the fund\'s events (committee)' })
  draft(@Param('cid') cid: string, @Body() body: StatementDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new DraftStatement(cid, { fund: body.fund, periodStart: new Date(body.periodStart), periodEnd: new Date(body.periodEnd) }, ctx));
  }

  @Post(`${BASE}/:sid/publish`)
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Publish and seal a statement: its content hash goes into an event (committee)' })
  publish(@Param('cid') cid: string, @Param('sid') sid: string, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new PublishStatement(cid, sid, ctx));
  }

  @Post(`${BASE}/:sid/audit`)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Record the audit opinion and the report\'s hash (auditor)' })
  audit(@Param('cid') cid: string, @Param('sid') sid: string, @Body() body: AuditDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new AuditStatement(cid, sid, body, ctx));
  }

  @Public()
  @Get(BASE)
  @ApiOperation({ summary: 'Statements of the community' })
  async list(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Ctx() ctx: RequestContext) {
    const all = await this.queries.statements(cid);
    return seesDrafts(ctx, cid) ? all : all.filter((s: { status: string }) => s.status !== 'DRAFT');
  }

  @Public()
  @Get('communities/:cid/statements.csv')
  @ApiOperation({ summary: 'Statements as CSV' })
  async listCsv(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const all = (await this.list(cid, _query, ctx)) as Record<string, any>[];
    const rows = all.map((s) => ({
      ...s,
      openingBalance: s.content.openingBalance,
      corrections: s.content.corrections.total,
      income: s.content.income.total,
      expenses: s.content.expenses.total,
      closingBalance: s.content.closingBalance,
      opinion: s.audit?.opinion ?? '',
      reportSha256: s.audit?.reportSha256 ?? '',
    }));
    return csvDownload(res, `statements-${cid}.csv`, rows, [
      'id', 'fund', 'periodStart', 'periodEnd', 'status', 'openingBalance', 'corrections', 'income', 'expenses', 'closingBalance', 'contentSha256', 'publishedAt', 'opinion', 'reportSha256',
    ]);
  }

  // Registered before :sid, which would otherwise take "duties" as a statement id.
  @Public()
  @Get(`${BASE}/duties`)
  @ApiOperation({ summary: 'Which statement each fund owes under rule 23 (public revenue quarterly, the fund yearly), and whether it is overdue' })
  duties(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.statementDuties(cid, ctx.now);
  }

  @Public()
  @Get(`${BASE}/duties.csv`)
  @ApiOperation({ summary: 'The same as CSV' })
  async dutiesCsv(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const rows = (await this.queries.statementDuties(cid, ctx.now)).map((d) => ({ ...d, periodStart: d.period?.start ?? '', periodEnd: d.period?.end ?? '' }));
    return csvDownload(res, `statement-duties-${cid}.csv`, rows, ['fund', 'cadence', 'coveredUntil', 'periodStart', 'periodEnd', 'dueBy', 'overdue']);
  }

  @Public()
  @Get(`${BASE}/:sid`)
  @ApiOperation({ summary: 'One statement with its content, seal and audit' })
  async one(@Param('cid') cid: string, @Param('sid') sid: string, @Query() _query: ReadQueryDto, @Ctx() ctx: RequestContext) {
    const statement = await this.queries.statement(cid, sid);
    if (statement.status === 'DRAFT' && !seesDrafts(ctx, cid)) throw notFound('STATEMENT_NOT_FOUND', `community ${cid} has no published statement ${sid}`);
    return statement;
  }
}
