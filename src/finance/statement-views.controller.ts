import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { StatementContent } from '@gongzhi/domain/finance/statement-content.js';
import { notFound } from '@gongzhi/domain/shared/domain-error.js';
import { Public } from '../platform/auth/public.decorator.js';
import { Ctx, RequestContext } from '../platform/auth/request-context.js';
import { csvDownload } from '../platform/http/csv.js';
import { ReadQueryDto } from '../platform/http/read-after.js';
import { mayFinance, visibleUnits, withVisibleUnits } from './finance.access.js';
import { FinanceLookups } from './finance-lookups.js';
import { FinanceQueries } from './queries/finance.queries.js';
import { Refusals } from '../platform/http/refusals.js';

const BASE = 'communities/:cid/statements';

/** A draft is the committee's working paper; the public sees what was published (and audited). */
const seesDrafts = (ctx: RequestContext, cid: string) => mayFinance(ctx.principal, 'readDraftStatements', cid);

const LINE_FIELDS = [
  'section',
  'entryId',
  'date',
  'source',
  'payee',
  'purpose',
  'resolutionId',
  'emergency',
  'reverses',
  'correctsStatementId',
  'unitId',
  'amount',
];

/** A statement as rows a spreadsheet adds up: opening, corrections, income by source, expenses, closing, unit balances. */
function statementLines(c: StatementContent) {
  const flags = (i: { emergency: boolean }) => ({ ...i, emergency: i.emergency ? 'EMERGENCY' : '' });
  return [
    { section: 'OPENING_BALANCE', amount: c.openingBalance },
    ...c.corrections.items.map((i) => ({ section: 'CORRECTION', ...flags(i) })),
    ...Object.entries(c.income.bySource).map(([source, amount]) => ({ section: 'INCOME', source, amount })),
    ...c.expenses.items.map((i) => ({ section: 'EXPENSE', ...flags(i) })),
    { section: 'CLOSING_BALANCE', amount: c.closingBalance },
    ...(c.unitBalances ?? []).map((u) => ({ section: 'UNIT_BALANCE', unitId: u.unitId, amount: u.balance })),
  ];
}

/** Statements as the public, the owners and the committee read them (rules 23, 24). */
@ApiTags('money')
@Controller()
export class StatementViewsController {
  constructor(
    private readonly queries: FinanceQueries,
    private readonly lookups: FinanceLookups,
  ) {}

  @Public()
  @Get(BASE)
  @ApiOperation({
    summary: 'Statements of the community; a fund statement lists only the unit balances the reader may see (rule 24)',
  })
  @Refusals('COMMUNITY_NOT_FOUND')
  async list(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Ctx() ctx: RequestContext) {
    const all = await this.queries.statements(cid);
    const shown = seesDrafts(ctx, cid) ? all : all.filter((s) => s.status !== 'DRAFT');
    return Promise.all(
      shown.map(async (s) => withVisibleUnits(s, await visibleUnits(ctx.principal, cid, this.lookups, s.id))),
    );
  }

  @Public()
  @Get('communities/:cid/statements.csv')
  @Refusals('COMMUNITY_NOT_FOUND')
  @ApiOperation({ summary: 'Statements as CSV' })
  async listCsv(
    @Param('cid') cid: string,
    @Query() query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const rows = (await this.list(cid, query, ctx)).map((s) => ({
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
      'id',
      'fund',
      'periodStart',
      'periodEnd',
      'status',
      'openingBalance',
      'corrections',
      'income',
      'expenses',
      'closingBalance',
      'contentSha256',
      'publishedAt',
      'opinion',
      'reportSha256',
    ]);
  }

  // Registered before :sid, which would otherwise take "duties" as a statement id.
  @Public()
  @Get(`${BASE}/duties`)
  @ApiOperation({
    summary:
      'Which statement each fund owes under rule 23 (public revenue quarterly, the fund yearly), and whether it is overdue',
  })
  @Refusals()
  duties(@Param('cid') cid: string, @Query() _query: ReadQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.statementDuties(cid, ctx.now);
  }

  @Public()
  @Get(`${BASE}/duties.csv`)
  @Refusals()
  @ApiOperation({ summary: 'The same as CSV' })
  async dutiesCsv(
    @Param('cid') cid: string,
    @Query() _query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const rows = (await this.queries.statementDuties(cid, ctx.now)).map((d) => ({
      ...d,
      periodStart: d.period?.start ?? '',
      periodEnd: d.period?.end ?? '',
    }));
    return csvDownload(res, `statement-duties-${cid}.csv`, rows, [
      'fund',
      'cadence',
      'coveredUntil',
      'periodStart',
      'periodEnd',
      'dueBy',
      'overdue',
    ]);
  }

  @Public()
  @Get(`${BASE}/:sid.csv`)
  @ApiOperation({
    summary:
      "One statement's lines as CSV: opening, corrections, income by source, expenses, closing, the unit balances the reader may see",
  })
  @Refusals('COMMUNITY_NOT_FOUND', 'STATEMENT_NOT_FOUND')
  async oneCsv(
    @Param('cid') cid: string,
    @Param('sid') sid: string,
    @Query() query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const statement = await this.one(cid, sid, query, ctx);
    return csvDownload(res, `statement-${sid}.csv`, statementLines(statement.content), LINE_FIELDS);
  }

  @Public()
  @Get(`${BASE}/:sid`)
  @ApiOperation({
    summary:
      'One statement with its content, seal and audit; a fund statement lists only the unit balances the reader may see (rule 24)',
  })
  @Refusals('COMMUNITY_NOT_FOUND', 'STATEMENT_NOT_FOUND')
  async one(
    @Param('cid') cid: string,
    @Param('sid') sid: string,
    @Query() _query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
  ) {
    const statement = await this.queries.statement(cid, sid);
    if (statement.status === 'DRAFT' && !seesDrafts(ctx, cid))
      throw notFound('STATEMENT_NOT_FOUND', `community ${cid} has no published statement ${sid}`);
    return withVisibleUnits(statement, await visibleUnits(ctx.principal, cid, this.lookups, sid));
  }
}
