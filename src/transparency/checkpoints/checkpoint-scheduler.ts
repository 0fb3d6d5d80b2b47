import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config.js';
import { PeriodicTask } from '../../platform/periodic-task.js';
import { CommunityLogs } from '../community-logs.js';
import { LogRepository } from '../log.repository.js';
import { CheckpointLedger } from './checkpoint-ledger.js';

/**
 * The "or T seconds" half of the checkpoint rule: a quiet community's last leaves get signed once the
 * oldest of them has waited GONGZHI_CHECKPOINT_SECONDS. Runs in the process that runs projections
 * (the others would only race it for the same rows).
 */
@Injectable()
export class CheckpointScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('Checkpoints');
  private readonly task = new PeriodicTask(
    () => this.signDue(),
    (error) => this.log.error(`checkpoint signing failed: ${(error as Error).message}`),
  );

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: LogRepository,
    private readonly logs: CommunityLogs,
    private readonly ledger: CheckpointLedger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runProjections) return;
    this.task.start(Math.min(5000, Math.max(200, (this.config.checkpointSeconds * 1000) / 4)));
  }

  // Before shutdown, while the database is still open.
  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Signs every community that is due; answers how many checkpoints it made. */
  async signDue(): Promise<number> {
    let signed = 0;
    try {
      for (const communityId of await this.repository.dueForCheckpoint(this.config.checkpointSeconds)) {
        if (await this.signLatest(communityId)) signed++;
      }
    } catch (error) {
      if (this.task.started)
        this.log.warn(`checkpoint signing failed, retrying on the next tick: ${(error as Error).message}`);
    }
    return signed;
  }

  /** Signs the community's log at its current size, unless that is signed already. */
  signLatest(communityId: string): Promise<boolean> {
    return this.repository.transaction(async (db) => {
      const head = await this.repository.lockHead(db, communityId);
      if (!head || head.treeSize === 0) return false;
      const previous = await this.repository.latestCheckpoint(communityId, db);
      const previousSize = previous?.treeSize ?? 0;
      if (previousSize >= head.treeSize) {
        if (head.unsigned) await this.repository.markSigned(db, communityId);
        return false;
      }
      const candidate = await this.logs.forWriter(db, head, (log) =>
        this.ledger.candidate(communityId, log, previousSize, head.treeSize),
      );
      await this.ledger.append(db, candidate);
      await this.repository.markSigned(db, communityId);
      return true;
    });
  }
}
