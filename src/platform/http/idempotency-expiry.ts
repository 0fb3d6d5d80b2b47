import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PeriodicTask } from '../periodic-task.js';

/** Whether a record is older than the window of `$n` seconds: it counts from its key's first use (before windows were recorded, from its start). */
export const EXPIRED = (seconds: string) =>
  `coalesce(first_used_at, started_at) < now() - make_interval(secs => ${seconds})`;

/**
 * Deletes Idempotency-Key records older than their window (GONGZHI_IDEMPOTENCY_TTL_HOURS, 24 by
 * default), a few times per window and at least hourly. They are bookkeeping of answers, not events:
 * the ledger keeps nothing of them.
 */
@Injectable()
export class IdempotencyRecordExpiry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('Idempotency');
  private readonly task = new PeriodicTask(
    () => this.sweep(),
    (error) =>
      this.log.warn(`expired Idempotency-Key records not deleted (tried again later): ${(error as Error).message}`),
  );

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(Math.min(Math.max(this.config.idempotencyTtlMs / 4, 1000), 3600 * 1000));
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  async sweep(): Promise<void> {
    await this.dataSource
      .query(`DELETE FROM idempotency_records WHERE ${EXPIRED('$1')}`, [this.config.idempotencyTtlMs / 1000])
      .catch((error: Error) =>
        this.log.warn(`expired Idempotency-Key records not deleted (tried again later): ${error.message}`),
      );
  }
}
