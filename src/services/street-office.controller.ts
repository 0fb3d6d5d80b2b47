import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { scopedQuery } from '../elections/committee.controller.js';
import { Ctx, RequestContext } from '../platform/auth/request-context.js';
import { csvDownload } from '../platform/http/csv.js';
import { newWorkbook } from '../platform/http/xlsx.js';
import { monthOf } from '@gongzhi/domain/services/month.js';
import { ServicesQueries } from './queries/services.queries.js';
import { authorizeServices } from './services.access.js';
import { StreetOfficeQueryDto } from './services.dto.js';
import { Refusals } from '../platform/http/refusals.js';

/** One row per community: its rank, load, on-time rate and satisfaction, and what it counts for in the 三率. */
const FIELDS = [
  'rank',
  'communityId',
  'name',
  'street',
  'households',
  'requests',
  'perHundredHouseholds',
  'onTime',
  'onTimePercent',
  'satisfaction',
  'satisfactionPercent',
];

/** Rule 38: the street office's 三率 and the month's ranking, on top of the district view (rule 31's scope). */
@ApiTags('services')
@Controller()
export class StreetOfficeController {
  constructor(private readonly queries: ServicesQueries) {}

  private async rows(query: StreetOfficeQueryDto, ctx: RequestContext) {
    // scopedQuery asks the elections module's district view too; the 三率 answer to this module's table first.
    authorizeServices(ctx, 'readStreetOffice', null);
    const view = await this.queries.streetOffice(scopedQuery(query, ctx), query.month ?? monthOf(ctx.now), ctx.now);
    return {
      view,
      rows: view.ranking.map((r) => ({
        ...r,
        perHundredHouseholds: r.perHundredHouseholds.value,
        onTime: r.onTime.fraction,
        onTimePercent: r.onTime.percent ?? '',
        satisfaction: r.satisfaction.fraction,
        satisfactionPercent: r.satisfaction.percent ?? '',
      })),
    };
  }

  @Get('regulator/services')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      '三率 per street and district as exact fractions, and the month’s ranking of communities (regulator, admin)',
  })
  @Refusals('COMMITTEE_TERM_EXPIRED', 'FORBIDDEN', 'NOBODY_ELECTED', 'OUTSIDE_JURISDICTION')
  async view(@Query() query: StreetOfficeQueryDto, @Ctx() ctx: RequestContext) {
    return (await this.rows(query, ctx)).view;
  }

  @Get('regulator/services.csv')
  @ApiBearerAuth()
  @Refusals('COMMITTEE_TERM_EXPIRED', 'FORBIDDEN', 'NOBODY_ELECTED', 'OUTSIDE_JURISDICTION')
  @ApiOperation({ summary: 'The month’s ranking as CSV, UTF-8 with BOM (regulator, admin)' })
  async csv(
    @Query() query: StreetOfficeQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { view, rows } = await this.rows(query, ctx);
    return csvDownload(res, `services-ranking-${view.month}.csv`, rows, FIELDS);
  }

  @Get('regulator/services.xlsx')
  @ApiBearerAuth()
  @Refusals('COMMITTEE_TERM_EXPIRED', 'FORBIDDEN', 'NOBODY_ELECTED', 'OUTSIDE_JURISDICTION')
  @ApiOperation({ summary: 'The ranking and the 三率 as an Excel workbook (regulator, admin)' })
  async xlsx(@Query() query: StreetOfficeQueryDto, @Ctx() ctx: RequestContext, @Res() res: Response) {
    const { view, rows } = await this.rows(query, ctx);
    const book = await newWorkbook();
    const ranking = book.addWorksheet('ranking');
    ranking.columns = FIELDS.map((key) => ({ header: key, key }));
    ranking.addRows(rows);
    const rates = book.addWorksheet('三率');
    rates.columns = ['street', 'communities', 'formation', 'propertyService', 'partyOrganisation'].map((key) => ({
      header: key,
      key,
    }));
    const line = (street: string, r: typeof view.threeRates) => ({
      street,
      communities: r.communities,
      formation: r.formation.fraction,
      propertyService: r.propertyService.fraction,
      partyOrganisation: r.partyOrganisation.fraction,
    });
    rates.addRow(line(view.street ?? view.district ?? '(all)', view.threeRates));
    for (const s of view.byStreet) rates.addRow(line(s.street ?? '', s.threeRates));
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="services-${view.month}.xlsx"`);
    res.end(Buffer.from(await book.xlsx.writeBuffer()));
  }
}
