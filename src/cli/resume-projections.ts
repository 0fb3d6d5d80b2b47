import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import type { EventStore } from '../../libs/event-store/event-store.js';
import type { AppConfig } from '../platform/config/app-config.js';
import { EVENT_STORE } from '../platform/event-sourcing/event-sourcing.service.js';
import { createLogger } from '../platform/logging/logger.js';
import { BatchApplier, ProjectionError } from '../platform/projections/batch-applier.js';

/**
 * `gongzhi projections resume <community>`: after a fix is deployed, applies a stalled community's
 * events again from the one that failed, so its read models catch up and the runner carries on with it.
 */
export async function resumeProjections(config: AppConfig, communityId: string): Promise<string> {
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ config: { ...config, runProjections: false } }),
    {
      logger: createLogger('warn'),
      abortOnError: false,
    },
  );
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const outcome = await app
      .get(BatchApplier)
      .resume(communityId, (from) => store.readAll({ fromPosition: from, maxCount: 1000 }));
    if (!outcome) return `community ${communityId} is not stalled; nothing to resume`;
    if (outcome.failure)
      throw new Error(`community ${communityId} is still stalled: ${new ProjectionError(outcome.failure).message}`);
    return `community ${communityId} resumed: ${outcome.applied} events applied`;
  } finally {
    await app.close();
  }
}
