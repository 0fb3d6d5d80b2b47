import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { invalid } from '@gongzhi/domain/shared/domain-error.js';
import { parsePositiveYuan } from '@gongzhi/domain/shared/quantities.js';
import { Public } from '../platform/auth/public.decorator.js';
import { Ctx, RequestContext } from '../platform/auth/request-context.js';
import { csvDownload } from '../platform/http/csv.js';
import { PayExpense } from './commands/pay-expense.js';
import { RecordIncome } from './commands/record-income.js';
import { SetCovenantDelegation } from './commands/set-covenant-delegation.js';
import { REVERSAL_REFUSALS, ReverseEntry } from './commands/reverse-entry.js';
import { LEDGER_CSV_FIELDS, ledgerCsvRow, ledgerFilter } from './ledger-view.js';
import { CovenantDelegationDto, ExpenseDto, IncomeDto, LedgerQueryDto, ReversalDto } from './finance.dto.js';
import { FinanceQueries } from './queries/finance.queries.js';
import { Refusals } from '../platform/http/refusals.js';

const BASE = 'communities/:cid/public-revenue';

@ApiTags('money')
@Controller()
export class PublicRevenueController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: FinanceQueries,
  ) {}

  @Post(`${BASE}/income`)
  @ApiBearerAuth()
  @Refusals(
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'ENTRY_EXISTS',
    'FORBIDDEN',
    'INVALID_AMOUNT',
    'INVALID_SHA256',
    'INVALID_SOURCE',
    'INVALID_TIME',
    'OUTSIDE_JURISDICTION',
    'TEXT_REQUIRED',
    'TEXT_TOO_LONG',
    'TIME_IN_FUTURE',
    'UNBALANCED_ENTRY',
    'UNKNOWN_ACCOUNT_CLASS',
  )
  @ApiOperation({ summary: 'Book public revenue received (committee)' })
  income(@Param('cid') cid: string, @Body() body: IncomeDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(
      new RecordIncome(
        cid,
        { ...body, amount: parsePositiveYuan(body.amount), receivedAt: new Date(body.receivedAt) },
        ctx,
      ),
    );
  }

  @Post(`${BASE}/expenses`)
  @ApiBearerAuth()
  @Refusals(
    'AUTHORITY_AMBIGUOUS',
    'AUTHORITY_REQUIRED',
    'BUDGET_EXCEEDED',
    'CONCURRENCY_CONFLICT',
    'ENTRY_EXISTS',
    'FORBIDDEN',
    'INSUFFICIENT_FUNDS',
    'INVALID_AMOUNT',
    'INVALID_SHA256',
    'INVALID_TIME',
    'NO_COVENANT_DELEGATION',
    'OUTSIDE_JURISDICTION',
    'PAID_BEFORE_AUTHORISED',
    'PER_ITEM_CAP_EXCEEDED',
    'RESOLUTION_NOT_FOR_THIS_FUND',
    'RESOLUTION_NOT_FOUND',
    'RESOLUTION_NOT_PASSED',
    'TEXT_REQUIRED',
    'TEXT_TOO_LONG',
    'TIME_IN_FUTURE',
    'UNBALANCED_ENTRY',
    'UNKNOWN_ACCOUNT_CLASS',
    'YEARLY_CAP_EXCEEDED',
  )
  @ApiOperation({ summary: "Pay from public revenue under a PASSED resolution's budget (committee)" })
  expense(@Param('cid') cid: string, @Body() body: ExpenseDto, @Ctx() ctx: RequestContext) {
    const { underCovenant, resolutionId, ...rest } = body;
    if (resolutionId && underCovenant)
      throw invalid('AUTHORITY_AMBIGUOUS', 'give either resolutionId or underCovenant, not both');
    if (!resolutionId && !underCovenant) {
      throw invalid(
        'AUTHORITY_REQUIRED',
        'an expense names the PASSED resolution whose budget covers it, or says underCovenant: true (rule 19)',
      );
    }
    return this.commands.execute(
      new PayExpense(
        cid,
        {
          ...rest,
          resolutionId: resolutionId ?? null,
          amount: parsePositiveYuan(body.amount),
          paidAt: new Date(body.paidAt),
        },
        ctx,
      ),
    );
  }

  @Post(`${BASE}/covenant-delegation`)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Put in force the per-item and yearly caps a PASSED management covenant vote adopted (committee); caps in the body are refused (rule 27)',
  })
  @Refusals(
    'CAPS_ADOPTED_BY_OWNERS',
    'CONCURRENCY_CONFLICT',
    'COVENANT_HAS_NO_CAPS',
    'COVENANT_SUPERSEDED',
    'FORBIDDEN',
    'INVALID_AMOUNT',
    'NOT_A_COVENANT',
    'OUTSIDE_JURISDICTION',
    'RESOLUTION_NOT_FOUND',
    'RESOLUTION_NOT_PASSED',
  )
  delegation(@Param('cid') cid: string, @Body() body: CovenantDelegationDto, @Ctx() ctx: RequestContext) {
    if (body.perItemCap !== undefined || body.yearlyCap !== undefined) {
      throw invalid(
        'CAPS_ADOPTED_BY_OWNERS',
        "the covenant's caps are the ones its vote adopted (covenant.perItemCap and covenant.yearlyCap in the draft); send only resolutionId (DOMAIN.md rule 27)",
        { rule: 27 },
      );
    }
    return this.commands.execute(new SetCovenantDelegation(cid, body.resolutionId, ctx));
  }

  @Post(`${BASE}/entries/:eid/reversal`)
  @ApiBearerAuth()
  @Refusals(...REVERSAL_REFUSALS)
  @ApiOperation({ summary: 'Correct an entry by a reversing entry that points at it (committee)' })
  reverse(@Param('cid') cid: string, @Param('eid') eid: string, @Body() body: ReversalDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(
      new ReverseEntry(
        cid,
        'PUBLIC_REVENUE',
        eid,
        body.reason,
        body.reversedAt ? new Date(body.reversedAt) : undefined,
        ctx,
      ),
    );
  }

  @Public()
  @Get(BASE)
  @ApiOperation({
    summary: 'Balance and entries, paged, by date and source; each expense names its resolution and outcome',
  })
  @Refusals()
  ledger(@Param('cid') cid: string, @Query() query: LedgerQueryDto) {
    return this.queries.publicRevenue(cid, ledgerFilter(query));
  }

  @Public()
  @Get('communities/:cid/public-revenue.csv')
  @Refusals()
  @ApiOperation({ summary: 'The whole ledger (filtered as asked) as CSV, UTF-8 with BOM' })
  async ledgerCsv(
    @Param('cid') cid: string,
    @Query() query: LedgerQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { entries } = await this.queries.publicRevenue(cid, ledgerFilter(query, true));
    return csvDownload(res, `public-revenue-${cid}.csv`, entries.map(ledgerCsvRow), LEDGER_CSV_FIELDS);
  }
}
