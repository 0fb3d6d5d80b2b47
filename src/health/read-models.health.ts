import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore } from '@gongzhi/event-store/event-store.js';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config.js';
import { EVENT_STORE } from '../platform/event-sourcing/event-sourcing.service.js';
import { BatchApplier } from '../platform/projections/batch-applier.js';

/** How far the read models are behind the event store, as /health/ready answers it. */
export interface ReadModelsLag {
  checkpoint: string;
  caughtUp: boolean;
  /** Capped at one more than GONGZHI_READY_MAX_LAG_EVENTS: "more than the bound" is all readiness needs. */
  eventsWaiting: number;
  oldestWaitingSeconds: number;
  /** Stalled communities: served no further, but they do not make the server unready. */
  degraded: {
    communityId: string | null;
    position: string;
    eventType: string;
    projection: string;
    error: string;
    since: string | undefined;
  }[];
}

/**
 * A terminus health indicator of the read models: `up` within the lag bounds, `degraded` (still ready) while a
 * community is stalled, `down` beyond GONGZHI_READY_MAX_LAG_EVENTS or _SECONDS with the lag and `behind` saying by
 * how much, `down` with `unanswered` when the database or the event store does not answer.
 */
@Injectable()
export class ReadModelsHealth {
  constructor(
    private readonly indicator: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projections: BatchApplier,
  ) {}

  async check(key: 'projections') {
    const session = this.indicator.check(key);
    let lag: ReadModelsLag;
    try {
      lag = await this.lag();
    } catch (error) {
      return session.down({ unanswered: true, message: (error as Error)?.message ?? String(error) });
    }
    const { readyMaxLagEvents: maxEvents, readyMaxLagSeconds: maxSeconds } = this.config;
    if (lag.eventsWaiting > maxEvents || lag.oldestWaitingSeconds > maxSeconds)
      return session.down({
        ...lag,
        behind: lag.eventsWaiting > maxEvents ? `more than ${maxEvents} events` : `${lag.oldestWaitingSeconds} s`,
      });
    return lag.degraded.length ? session.degraded({ ...lag }) : session.up({ ...lag });
  }

  private async lag(): Promise<ReadModelsLag> {
    const checkpoint = await this.projections.checkpoint();
    const [waiting, degraded] = await Promise.all([
      // No more than one past the bound is read: what the answer needs, whatever the lag.
      this.store.readAll({ fromPosition: checkpoint, maxCount: this.config.readyMaxLagEvents + 1 }),
      this.projections.failures.list(),
    ]);
    return {
      checkpoint: checkpoint.toString(),
      caughtUp: waiting.length === 0,
      eventsWaiting: waiting.length,
      oldestWaitingSeconds: waiting.length
        ? Math.max(0, Math.floor((Date.now() - waiting[0].recordedAt.getTime()) / 1000))
        : 0,
      degraded: degraded.map((f) => ({
        communityId: f.communityId || null,
        position: f.position.toString(),
        eventType: f.eventType,
        projection: f.projection,
        error: f.error,
        since: f.failedAt,
      })),
    };
  }
}
