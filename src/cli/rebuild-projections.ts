import { NestFactory } from '@nestjs/core';
import cliProgress from 'cli-progress';
import { AppModule } from '../app.module.js';
import type { EventStore } from '../../libs/event-store/event-store.js';
import type { AppConfig } from '../platform/config/app-config.js';
import { EVENT_STORE } from '../platform/event-sourcing/event-sourcing.service.js';
import { JsonLogger } from '../platform/logging/json-logger.js';
import { BatchApplier, StaleReaderError } from '../platform/projections/batch-applier.js';

const BATCH = 1000;

/**
 * `gongzhi projections rebuild`: empties every read model and replays all events from zero, with a
 * progress bar. Safe beside a running server: batches are applied only where the checkpoint stands,
 * so whichever process applies a batch first wins and nothing is applied twice.
 */
export async function rebuildProjections(config: AppConfig): Promise<{ events: number; seconds: number }> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config: { ...config, runProjections: false } }), {
    logger: new JsonLogger('warn'),
    abortOnError: false,
  });
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const applier = app.get(BatchApplier);
    const head = await store.headPosition();
    await applier.reset();
    const bar = new cliProgress.SingleBar(
      { format: 'rebuilding read models |{bar}| {percentage}% | {events} events | {rate} events/s', hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Number(head), 0, { events: 0, rate: 0 });
    const started = Date.now();
    let from = 0n;
    let applied = 0;
    // The bar redraws on a timer: stop it on every way out, or a failed rebuild keeps the process alive.
    try {
      for (;;) {
        const events = await store.readAll({ fromPosition: from, maxCount: BATCH });
        if (events.length === 0) break;
        try {
          from = await applier.apply(from, events);
          applied += events.length;
        } catch (error) {
          if (!(error instanceof StaleReaderError)) throw error;
          from = error.actual; // a running server's runner applied this stretch already
        }
        const seconds = (Date.now() - started) / 1000;
        bar.update(Number(from > head ? head : from), { events: applied, rate: seconds > 0 ? Math.round(applied / seconds) : 0 });
      }
      bar.update(Number(head));
    } finally {
      bar.stop();
    }
    return { events: applied, seconds: (Date.now() - started) / 1000 };
  } finally {
    await app.close();
  }
}
