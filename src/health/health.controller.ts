import { Controller, Get, Inject, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { EventStore } from '../../libs/event-store/event-store.js';
import { Public } from '../platform/auth/public.decorator.js';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config.js';
import { EVENT_STORE } from '../platform/event-sourcing/event-sourcing.service.js';
import { ApiError } from '../platform/http/error-response.js';
import { BatchApplier } from '../platform/projections/batch-applier.js';
import { Refusals } from '../platform/http/refusals.js';

@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projections: BatchApplier,
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
   */
  @Public()
  @Get('ready')
  @ApiOperation({
    summary:
      'The database and the event store answer and the read models are within the lag bound; stalled communities listed',
  })
  @Refusals('NOT_READY')
  async ready() {
    let readiness;
    try {
      await this.dataSource.query('SELECT 1');
      const [head, checkpoint] = await Promise.all([this.store.headPosition(), this.projections.checkpoint()]);
      const [waiting, degraded] = await Promise.all([
        // No more than one past the bound is read: what the answer needs, whatever the lag.
        this.store.readAll({ fromPosition: checkpoint, maxCount: this.config.readyMaxLagEvents + 1 }),
        this.projections.failures.list(),
      ]);
      const oldestWaitingSeconds = waiting.length
        ? Math.max(0, Math.floor((Date.now() - waiting[0].recordedAt.getTime()) / 1000))
        : 0;
      readiness = {
        eventStore: { head: head.toString() },
        projections: {
          checkpoint: checkpoint.toString(),
          caughtUp: waiting.length === 0,
          // Capped at one more than the bound: "more than the bound" is all readiness needs to know.
          eventsWaiting: waiting.length,
          oldestWaitingSeconds,
          degraded: degraded.map((f) => ({
            communityId: f.communityId || null,
            position: f.position.toString(),
            eventType: f.eventType,
            projection: f.projection,
            error: f.error,
            since: f.failedAt,
          })),
        },
      };
    } catch {
      throw new ApiError(503, 'NOT_READY', 'the database or the event store does not answer');
    }
    const { eventsWaiting, oldestWaitingSeconds } = readiness.projections;
    if (eventsWaiting > this.config.readyMaxLagEvents || oldestWaitingSeconds > this.config.readyMaxLagSeconds) {
      throw new ApiError(
        503,
        'PROJECTIONS_BEHIND',
        `the read models are behind the event store by ${eventsWaiting > this.config.readyMaxLagEvents ? `more than ${this.config.readyMaxLagEvents} events` : `${oldestWaitingSeconds} s`} ` +
          `(bounds: ${this.config.readyMaxLagEvents} events, ${this.config.readyMaxLagSeconds} s)`,
        readiness,
      );
    }
    return { status: 'ready', ...readiness };
  }
}
