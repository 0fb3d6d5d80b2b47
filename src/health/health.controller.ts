import { Controller, Get, Inject, ServiceUnavailableException, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import type { EventStore } from '@gongzhi/event-store/event-store.js';
import { Public } from '../platform/auth/public.decorator.js';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config.js';
import { EVENT_STORE } from '../platform/event-sourcing/event-sourcing.service.js';
import { ApiError } from '../platform/http/error-response.js';
import { Refusals } from '../platform/http/refusals.js';
import { type ReadModelsLag, ReadModelsHealth } from './read-models.health.js';

type Indicator = { status: string } & Record<string, unknown>;

@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly readModels: ReadModelsHealth,
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('live')
  @Refusals()
  @ApiOperation({ summary: 'The process is up' })
  live() {
    return { status: 'up' };
  }

  /**
   * 503 while the database or the event store does not answer, or while the read models are further
   * behind the event store than GONGZHI_READY_MAX_LAG_EVENTS / _SECONDS (a load balancer should not
   * send readers to stale data). A stalled community does not make the server unready: the others are
   * served; it is named in `projections.degraded`.
   *
   * Terminus runs the three indicators (database, event store, read models) at once; its answer is turned
   * into this API's (a 503 is an error body with a stable `code`, not terminus' `{status, info, error, details}`).
   */
  @Public()
  @Get('ready')
  @ApiOperation({
    summary:
      'The database and the event store answer and the read models are within the lag bound; stalled communities listed',
  })
  @Refusals('NOT_READY')
  async ready() {
    // The bound every database query already has: a database that does not answer is NOT_READY by then.
    const bound = this.config.databaseTimeouts.queryMs;
    const result = await this.health
      .check([
        this.database.pingCheck('database', { connection: this.dataSource }).withTimeout(bound),
        this.indicator
          .check('eventStore')
          .attempt(async () => ({ head: (await this.store.headPosition()).toString() }))
          .withTimeout(bound),
        () => this.readModels.check('projections'),
      ])
      .catch((error: unknown) => {
        // Terminus throws its result when an indicator is down (or the server is stopping).
        if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
        throw error;
      });
    const { database, eventStore, projections } = result.details as Record<string, Indicator | undefined>;
    if (result.status === 'shutting_down') throw new ApiError(503, 'NOT_READY', 'the server is stopping');
    if (database?.status !== 'up' || eventStore?.status !== 'up' || !projections || projections.unanswered)
      throw new ApiError(503, 'NOT_READY', 'the database or the event store does not answer');

    const { status, behind, ...lag } = projections;
    const readiness = { eventStore: { head: eventStore.head as string }, projections: lag as unknown as ReadModelsLag };
    if (status === 'down')
      throw new ApiError(
        503,
        'PROJECTIONS_BEHIND',
        `the read models are behind the event store by ${behind as string} ` +
          `(bounds: ${this.config.readyMaxLagEvents} events, ${this.config.readyMaxLagSeconds} s)`,
        readiness,
      );
    return { status: 'ready', ...readiness };
  }
}
