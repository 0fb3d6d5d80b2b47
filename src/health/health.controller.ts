import { Controller, Get, Inject, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { EventStore } from '../../libs/event-store/event-store.js';
import { Public } from '../platform/auth/public.decorator.js';
import { EVENT_STORE } from '../platform/event-sourcing/event-sourcing.service.js';
import { ApiError } from '../platform/http/error-response.js';
import { BatchApplier } from '../platform/projections/batch-applier.js';

@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: BatchApplier,
  ) {}

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  live() {
    return { status: 'up' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'The database and the event store answer; how far the read models lag' })
  async ready() {
    try {
      await this.dataSource.query('SELECT 1');
      const [head, checkpoint] = await Promise.all([this.store.headPosition(), this.projections.checkpoint()]);
      return { status: 'ready', eventStore: { head: head.toString() }, projections: { checkpoint: checkpoint.toString(), caughtUp: checkpoint >= head } };
    } catch {
      throw new ApiError(503, 'NOT_READY', 'the database or the event store does not answer');
    }
  }
}
