import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { invalid } from '@gongzhi/domain/shared/domain-error.js';
import { parsePositiveYuan } from '@gongzhi/domain/shared/quantities.js';
import { Public } from '../platform/auth/public.decorator.js';
import { Ctx, RequestContext } from '../platform/auth/request-context.js';
import { csvDownload } from '../platform/http/csv.js';
import { ReadQueryDto } from '../platform/http/read-after.js';
import { arrayOf, DryRunQueryDto } from '../platform/http/validation.js';
import { DepositToFund } from './commands/deposit-to-fund.js';
import { DEPOSITS_FILE, parseDepositRecords, parseDepositsCsv } from './deposits-csv.js';
import { importRecords } from '../platform/http/csv.js';
import { XLSX_TYPE, xlsxRows } from '../platform/http/xlsx.js';
import { REVERSAL_REFUSALS, ReverseEntry } from './commands/reverse-entry.js';
import { TopUpFund } from './commands/top-up-fund.js';
import { WithdrawFromFund } from './commands/withdraw-from-fund.js';
import { authorizeUnitView, mayFinance } from './finance.access.js';
import { LEDGER_CSV_FIELDS, ledgerCsvRow, ledgerFilter } from './ledger-view.js';
import { FinanceLookups } from './finance-lookups.js';
import { DepositDto, LedgerQueryDto, ReversalDto, TopUpDto, WithdrawalDto } from './finance.dto.js';
import { FinanceQueries } from './queries/finance.queries.js';
import { Refusals } from '../platform/http/refusals.js';

const BASE = 'communities/:cid/maintenance-fund';
/** One batch is one event: a whole community's yearly deposits fit. */
const MAX_DEPOSITS = 20000;

@ApiTags('money')
@Controller()
export class MaintenanceFundController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: FinanceQueries,
    private readonly lookups: FinanceLookups,
  ) {}

  @Post(`${BASE}/deposits`)
  @ApiBearerAuth()
  @ApiBody({ type: [DepositDto] })
  @Refusals(
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'DUPLICATE_UNIT',
    'ENTRY_EXISTS',
    'FORBIDDEN',
    'INVALID_AMOUNT',
    'INVALID_TIME',
    'NO_DEPOSITS',
    'OUTSIDE_JURISDICTION',
    'TIME_IN_FUTURE',
    'TOO_MANY_ITEMS',
    'TOP_UP_ALREADY_RECEIVED',
    'UNBALANCED_ENTRY',
    'UNKNOWN_ACCOUNT_CLASS',
    'UNKNOWN_UNIT',
  )
  @ApiOperation({ summary: "Record deposits into units' sub-accounts (committee); all or none" })
  deposit(
    @Param('cid') cid: string,
    @Body(arrayOf(DepositDto, MAX_DEPOSITS)) body: DepositDto[],
    @Ctx() ctx: RequestContext,
  ) {
    const deposits = body.map((d) => ({
      unitId: d.unitId,
      amount: parsePositiveYuan(d.amount),
      depositedAt: new Date(d.depositedAt),
    }));
    return this.commands.execute(new DepositToFund(cid, deposits, ctx));
  }

  @Post(`${BASE}/deposits\\:import`)
  @ApiBearerAuth()
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiBody({
    schema: { type: 'string', example: 'unitId,amount,depositedAt\n5-101,8937.00,2026-01-05T09:00:00+08:00' },
  })
  @ApiOperation({
    summary: 'Import deposits as CSV or .xlsx (committee); a bad row refuses the whole file, naming the row',
  })
  @Refusals(
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'DUPLICATE_COLUMN',
    'DUPLICATE_UNIT',
    'ENTRY_EXISTS',
    'EXPECTED_CSV',
    'EXPECTED_XLSX',
    'FORBIDDEN',
    'INVALID_AMOUNT',
    'INVALID_DEPOSIT_ROW',
    'INVALID_TIME',
    'MALFORMED_CSV',
    'MALFORMED_XLSX',
    'MISSING_COLUMN',
    'NO_DEPOSITS',
    'OUTSIDE_JURISDICTION',
    'TIME_IN_FUTURE',
    'TOO_MANY_ITEMS',
    'TOP_UP_ALREADY_RECEIVED',
    'UNBALANCED_ENTRY',
    'UNKNOWN_ACCOUNT_CLASS',
    'UNKNOWN_UNIT',
    'XLSX_TOO_LARGE',
  )
  async importDeposits(@Param('cid') cid: string, @Body() body: unknown, @Ctx() ctx: RequestContext) {
    const deposits =
      typeof body === 'string'
        ? parseDepositsCsv(body)
        : Buffer.isBuffer(body)
          ? parseDepositRecords(importRecords(await xlsxRows(body), DEPOSITS_FILE))
          : null;
    if (!deposits)
      throw invalid(
        'EXPECTED_CSV',
        `send the deposits as Content-Type: text/csv, header unitId,amount,depositedAt, or a spreadsheet as ${XLSX_TYPE}`,
      );
    if (deposits.length > MAX_DEPOSITS)
      throw invalid('TOO_MANY_ITEMS', `at most ${MAX_DEPOSITS} deposits per file; split the file`);
    return this.commands.execute(new DepositToFund(cid, deposits, ctx));
  }

  @Post(`${BASE}/withdrawals`)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Pay from the fund under a PASSED USE_MAINTENANCE_FUND resolution or an emergency, apportioned by area (committee); ?dryRun=true answers the apportionment and writes nothing',
  })
  @Refusals(
    'AUTHORITY_AMBIGUOUS',
    'AUTHORITY_REQUIRED',
    'BEARERS_REQUIRED',
    'BEARERS_SET_BY_VOTE',
    'BUDGET_EXCEEDED',
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'DUPLICATE_UNIT',
    'EMERGENCY_EVIDENCE_REQUIRED',
    'ENTRY_EXISTS',
    'FORBIDDEN',
    'INSUFFICIENT_FUNDS',
    'INSUFFICIENT_UNIT_BALANCE',
    'INVALID_AMOUNT',
    'INVALID_AREA',
    'INVALID_SHA256',
    'INVALID_TIME',
    'NO_UNITS_TO_APPORTION',
    'OUTSIDE_JURISDICTION',
    'PAID_BEFORE_AUTHORISED',
    'RESOLUTION_NOT_FOR_THIS_FUND',
    'RESOLUTION_NOT_FOUND',
    'RESOLUTION_NOT_PASSED',
    'TEXT_REQUIRED',
    'TEXT_TOO_LONG',
    'TIME_IN_FUTURE',
    'TOP_UP_ALREADY_RECEIVED',
    'UNBALANCED_ENTRY',
    'UNKNOWN_ACCOUNT_CLASS',
    'UNKNOWN_BUILDING',
    'UNKNOWN_UNIT',
  )
  withdraw(
    @Param('cid') cid: string,
    @Body() body: WithdrawalDto,
    @Query() query: DryRunQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (query.dryRun === 'true') res.status(200); // a preview creates nothing
    return this.commands.execute(
      new WithdrawFromFund(
        cid,
        {
          amount: parsePositiveYuan(body.amount),
          payee: body.payee,
          purpose: body.purpose,
          resolutionId: body.resolutionId ?? null,
          emergency: body.emergency
            ? { reason: body.emergency.reason, evidenceSha256: body.emergency.evidenceSha256 }
            : null,
          units: body.units ?? [],
          buildings: body.buildings ?? [],
          paidAt: new Date(body.paidAt),
        },
        ctx,
        query.dryRun === 'true',
      ),
    );
  }

  @Post(`${BASE}/top-ups`)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Move public revenue into the fund while it stands below 30% of its initial total, up to what is due (committee; rule 22)',
  })
  @Refusals(
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'DUPLICATE_UNIT',
    'ENTRY_EXISTS',
    'FORBIDDEN',
    'INSUFFICIENT_FUNDS',
    'INVALID_AMOUNT',
    'INVALID_AREA',
    'INVALID_TIME',
    'NO_UNITS_TO_APPORTION',
    'OUTSIDE_JURISDICTION',
    'TIME_IN_FUTURE',
    'TOP_UP_ALREADY_RECEIVED',
    'TOP_UP_EXCEEDS_DUE',
    'TOP_UP_NOT_DUE',
    'UNBALANCED_ENTRY',
    'UNKNOWN_ACCOUNT_CLASS',
  )
  topUp(@Param('cid') cid: string, @Body() body: TopUpDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new TopUpFund(cid, parsePositiveYuan(body.amount), new Date(body.transferredAt), ctx));
  }

  @Post(`${BASE}/entries/:eid/reversal`)
  @ApiBearerAuth()
  @Refusals(...REVERSAL_REFUSALS, 'TOP_UP_ALREADY_RECEIVED')
  @ApiOperation({ summary: 'Correct an entry by a reversing entry that points at it (committee)' })
  reverse(@Param('cid') cid: string, @Param('eid') eid: string, @Body() body: ReversalDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(
      new ReverseEntry(
        cid,
        'MAINTENANCE_FUND',
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
    summary: 'Totals, the 30% flag and entries (public); per-unit balances for the committee and the regulator',
  })
  @Refusals()
  fund(@Param('cid') cid: string, @Query() query: LedgerQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.maintenanceFund(cid, ledgerFilter(query), mayFinance(ctx.principal, 'readEveryUnit', cid));
  }

  @Public()
  @Get('communities/:cid/maintenance-fund.csv')
  @Refusals()
  @ApiOperation({ summary: "The fund's ledger as CSV, emergency use marked" })
  async fundCsv(@Param('cid') cid: string, @Query() query: LedgerQueryDto, @Res({ passthrough: true }) res: Response) {
    const { entries } = await this.queries.maintenanceFund(cid, ledgerFilter(query, true), false);
    return csvDownload(res, `maintenance-fund-${cid}.csv`, entries.map(ledgerCsvRow), LEDGER_CSV_FIELDS);
  }

  // Registered before units/:uid, which would otherwise take "5-101.csv" as the unit id.
  @Get(`${BASE}/units/:uid.csv`)
  @ApiBearerAuth()
  @Refusals('COMMUNITY_NOT_FOUND', 'FORBIDDEN', 'UNIT_NOT_FOUND')
  @ApiOperation({ summary: "One unit's history as CSV" })
  async unitCsv(
    @Param('cid') cid: string,
    @Param('uid') uid: string,
    @Query() _query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    await authorizeUnitView(ctx.principal, cid, uid, this.lookups);
    const { history } = await this.queries.unit(cid, uid);
    const rows = history.map((h) => ({
      ...h,
      resolutionId: h.resolution?.id ?? '',
      emergency: h.emergency ? 'EMERGENCY' : '',
      emergencyReason: h.emergency?.reason ?? '',
    }));
    return csvDownload(res, `maintenance-fund-${cid}-${uid}.csv`, rows, [
      'entryId',
      'occurredAt',
      'kind',
      'amount',
      'balanceAfter',
      'payee',
      'purpose',
      'resolutionId',
      'emergency',
      'emergencyReason',
      'reverses',
    ]);
  }

  @Get(`${BASE}/units/:uid`)
  @ApiBearerAuth()
  @Refusals('COMMUNITY_NOT_FOUND', 'FORBIDDEN', 'UNIT_NOT_FOUND')
  @ApiOperation({ summary: "One unit's balance and history (its owners, committee, regulator)" })
  async unit(
    @Param('cid') cid: string,
    @Param('uid') uid: string,
    @Query() _query: ReadQueryDto,
    @Ctx() ctx: RequestContext,
  ) {
    await authorizeUnitView(ctx.principal, cid, uid, this.lookups);
    return this.queries.unit(cid, uid);
  }
}
