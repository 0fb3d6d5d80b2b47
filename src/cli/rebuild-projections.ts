import cliProgress from 'cli-progress';
import type { AppConfig } from '../platform/config/app-config.js';
import { withProjectionsApplier } from './projections-context.js';

/**
 * Events a rebuild reads at a time. Each batch costs every projection its round trips (a head lock per
 * community, a statement per run of ballots), so fewer batches are cheaper; but the first read is waited
 * for in full and the next is read while this one is written, so too few batches leave nothing to overlap
 * (5,000 made the wait for reads twice as long as 1,000 over 8,556 events; 2,000 is between).
 */
const BATCH = 2000;

/** Called around the replay, its sessions open and the application's start-up over (the bench's CPU meters). */
export interface RebuildMeters {
  started?: () => Promise<void>;
  finished?: () => Promise<void>;
}

/** The rebuild failed; the read models are the ones from before it, still serving. */
export class RebuildFailedError extends Error {
  /** The cause's code, when it has one (LOG_DIVERGED: the events no longer give a signed root). */
  readonly code?: string;

  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    const code = (options.cause as { code?: unknown })?.code;
    if (typeof code === 'string') this.code = code;
  }
}

/**
 * `gongzhi projections rebuild`: replays all events from zero into emptied read models, with a
 * progress bar, in one transaction: the new read models replace the old at its commit, and a failure
 * anywhere leaves the old ones serving. Safe beside a running server: its runner waits for the commit,
 * then goes on from the rebuilt checkpoint.
 */
export function rebuildProjections(
  config: AppConfig,
  meters: RebuildMeters = {},
): Promise<{ events: number; seconds: number }> {
  return withProjectionsApplier(config, async (store, applier) => {
    const head = await store.headPosition();
    await meters.started?.(); // before the bar, whose timer only the finally below stops
    const bar = new cliProgress.SingleBar(
      {
        format: 'rebuilding read models |{bar}| {percentage}% | {events} events | {rate} events/s',
        hideCursor: true,
        noTTYOutput: true,
        notTTYSchedule: 2000,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Number(head), 0, { events: 0, rate: 0 });
    const started = Date.now();
    let events: number;
    // The bar redraws on a timer: stop it on every way out, or a failed rebuild keeps the process alive.
    try {
      ({ events } = await applier.rebuild(
        (from) => store.readAll({ fromPosition: from, maxCount: BATCH }),
        (applied, position) => {
          const seconds = (Date.now() - started) / 1000;
          bar.update(Number(position > head ? head : position), {
            events: applied,
            rate: seconds > 0 ? Math.round(applied / seconds) : 0,
          });
        },
      ));
      bar.update(Number(head));
    } catch (error) {
      throw new RebuildFailedError(
        `the rebuild failed and was undone; the read models are as they were before it and still serving. Cause: ${(error as Error)?.message ?? String(error)}`,
        { cause: error },
      );
    } finally {
      bar.stop();
    }
    const seconds = (Date.now() - started) / 1000;
    await meters.finished?.();
    return { events, seconds };
  });
}
