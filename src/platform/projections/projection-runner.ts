import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type pg from 'pg';
import type { EventStore, Subscription } from '@gongzhi/event-store/event-store.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { sessionOptions } from '../database/session-options.js';
import { databaseTarget } from '../database/writable-node.js';
import { EVENT_STORE } from '../event-sourcing/event-sourcing.service.js';
import { BatchApplier, CheckpointBusyError, StaleReaderError } from './batch-applier.js';

/** Any constant shared by every process of a deployment: the key of the runner's advisory lock. */
export const RUNNER_LOCK_KEY = 7_400_278;
const RETRY_MS = 1000;

/**
 * The one projection runner of a database: it subscribes to the global order from the checkpoint and
 * hands each batch to BatchApplier. Other processes wait on the advisory lock as hot standbys.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('Projections');
  private subscription: Subscription | null = null;
  /**
   * The session holding the advisory lock: the lock lasts exactly as long as it does. A connection of
   * its own, not one of the pool's: its error listener stays for good (a dead session may still report
   * an error after it was given up), and it is closed, never handed to another user.
   */
  private lock: pg.Client | null = null;
  private stopped = false;
  private loop: Promise<void> | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly applier: BatchApplier,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.runProjections) this.loop = this.run();
  }

  // Before shutdown, not on it: the runner must stop while the database connections are still open.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close().catch(() => {});
    await this.loop;
    await this.releaseLock();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!(await this.acquireLock())) {
          await sleep(RETRY_MS * 2);
          continue;
        }
        await this.follow();
      } catch (error) {
        if (this.stopped) break;
        // A rebuild holding the checkpoint is expected: wait for its commit without a warning a second.
        if (!(error instanceof StaleReaderError || error instanceof CheckpointBusyError))
          this.log.warn(`projection runner restarts: ${(error as Error).message}`);
        await this.releaseLock();
        await sleep(error instanceof StaleReaderError ? 0 : RETRY_MS);
      }
    }
  }

  /** Applies batches until the subscription ends, by close or by an error (which it rethrows). */
  private async follow(): Promise<void> {
    let from = await this.applier.checkpoint();
    this.subscription = this.store.subscribeAll({ fromPosition: from, batchSize: 500 }, async (events) => {
      from = await this.applier.apply(from, events);
    });
    // Stopped, or the lock lost, while it was starting: nobody else will close it.
    if (this.stopped || !this.lock) void this.subscription.close();
    try {
      await this.subscription.done;
    } finally {
      this.subscription = null;
    }
  }

  private async acquireLock(): Promise<boolean> {
    if (this.lock) return true;
    const { url, Client } = databaseTarget(this.config.databaseUrl!);
    const session = new Client({
      connectionString: url,
      ...sessionOptions(this.config.databaseTimeouts),
    });
    const lost = () => this.lockLost(session);
    session.on('error', lost).on('end', lost);
    try {
      await session.connect();
      const { rows } = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
        RUNNER_LOCK_KEY,
      ]);
      if (!rows[0].locked) {
        await session.end();
        return false;
      }
    } catch (error) {
      await session.end().catch(() => {});
      throw error;
    }
    this.lock = session;
    return true;
  }

  /**
   * The database ended the session holding the lock (a restart, a failover, an administrator), and the
   * lock with it: another process may hold it now. Stop following; run() takes the lock again before
   * applying anything more.
   */
  private lockLost(session: pg.Client): void {
    if (this.lock !== session || this.stopped) return;
    this.lock = null;
    this.log.warn('projection runner lost the database session holding its lock; taking the lock again');
    void this.subscription?.close();
  }

  /** Ending the session releases the advisory lock with it. */
  private async releaseLock(): Promise<void> {
    const session = this.lock;
    this.lock = null;
    await session?.end().catch(() => {});
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
