import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext } from '../platform/auth/request-context.js';
import { DraftStatement } from './commands/draft-statement.js';
import { AuditStatement, PublishStatement } from './commands/statement-steps.js';
import { AuditDto, StatementDto } from './finance.dto.js';
import { Refusals } from '../platform/http/refusals.js';

const BASE = 'communities/:cid/statements';

@ApiTags('money')
@Controller()
export class StatementsController {
  constructor(private readonly commands: CommandBus) {}

  @Post(BASE)
  @ApiBearerAuth()
  @Refusals(
    'COMMUNITY_NOT_FOUND',
    'CONCURRENCY_CONFLICT',
    'ENTRY_EXISTS',
    'FORBIDDEN',
    'INVALID_PERIOD',
    'INVALID_TIME',
    'OUTSIDE_JURISDICTION',
    'PERIOD_ALREADY_PUBLISHED',
    'PERIOD_NOT_OVER',
    'PROJECTIONS_BEHIND',
    'STATEMENT_EXISTS',
    'TOP_UP_ALREADY_RECEIVED',
  )
  @ApiOperation({ summary: "Draft a statement computed from the fund's events (committee)" })
  draft(@Param('cid') cid: string, @Body() body: StatementDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(
      new DraftStatement(
        cid,
        { fund: body.fund, periodStart: new Date(body.periodStart), periodEnd: new Date(body.periodEnd) },
        ctx,
      ),
    );
  }

  @Post(`${BASE}/:sid/publish`)
  @HttpCode(200)
  @ApiBearerAuth()
  @Refusals(
    'CONCURRENCY_CONFLICT',
    'FORBIDDEN',
    'OUTSIDE_JURISDICTION',
    'PERIOD_ALREADY_PUBLISHED',
    'STATEMENT_ALREADY_PUBLISHED',
    'STATEMENT_NOT_FOUND',
  )
  @ApiOperation({ summary: 'Publish and seal a statement: its content hash goes into an event (committee)' })
  publish(@Param('cid') cid: string, @Param('sid') sid: string, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new PublishStatement(cid, sid, ctx));
  }

  @Post(`${BASE}/:sid/audit`)
  @ApiBearerAuth()
  @Refusals(
    'CONCURRENCY_CONFLICT',
    'FORBIDDEN',
    'INVALID_OPINION',
    'INVALID_SHA256',
    'NOT_INVITED_FOR_STATEMENT',
    'OUTSIDE_JURISDICTION',
    'STATEMENT_ALREADY_AUDITED',
    'STATEMENT_NOT_FOUND',
    'STATEMENT_NOT_PUBLISHED',
  )
  @ApiOperation({ summary: "Record the audit opinion and the report's hash (auditor)" })
  audit(@Param('cid') cid: string, @Param('sid') sid: string, @Body() body: AuditDto, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new AuditStatement(cid, sid, body, ctx));
  }
}
