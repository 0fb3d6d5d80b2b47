import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import type { EventStore } from '@gongzhi/event-store/event-store.js';
import type { AppConfig } from '../platform/config/app-config.js';
import { EVENT_STORE } from '../platform/event-sourcing/event-sourcing.service.js';
import { createLogger } from '../platform/logging/logger.js';
import { BatchApplier } from '../platform/projections/batch-applier.js';

/**
 * Runs `work` on the event store and the projections' applier of an application that runs no projection
 * itself (the command is the one applying), and closes the application on every way out.
 */
export async function withProjectionsApplier<T>(
  config: AppConfig,
  work: (store: EventStore, applier: BatchApplier) => Promise<T>,
): Promise<T> {
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ config: { ...config, runProjections: false } }),
    {
      logger: createLogger('warn'),
      abortOnError: false,
    },
  );
  try {
    return await work(app.get<EventStore>(EVENT_STORE), app.get(BatchApplier));
  } finally {
    await app.close();
  }
}
