import { Injectable } from '@nestjs/common';
import type { Sql } from '../database/sql.js';
import { BatchApplier } from './batch-applier.js';
import { readCheckpoint } from './projection-checkpoint.js';

/** Read-your-writes for CQRS (API.md `?after=`): wait until projections have applied a position. */
@Injectable()
export class ProjectionProgress {
  constructor(private readonly applier: BatchApplier) {}

  /** `on`: the read models of another copy of the database (a standby's, through the public-reads pool). */
  async waitFor(position: bigint, timeoutMs: number, on?: Sql): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      if ((on ? await readCheckpoint(on) : await this.applier.checkpoint()) >= position) return true;
      // Waits the whole time it was given (GONGZHI_AFTER_WAIT_MS), not up to one step less.
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(delay, remaining)));
    }
  }

  /** Where a community's read models stopped (projection_failures), or null when they did not. */
  async stalledAt(communityId: string): Promise<bigint | null> {
    const [failure] = await this.applier.failures.list([communityId]);
    return failure?.position ?? null;
  }
}
