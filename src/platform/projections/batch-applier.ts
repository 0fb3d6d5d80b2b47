import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RecordedEvent } from '../../../libs/event-store/event-store.js';
import { ProjectionRegistry } from './projection-registry.js';
import { readCheckpoint, writeCheckpoint, CHECKPOINT_TABLE } from './projection-checkpoint.js';

/** The checkpoint moved under a reader: another runner (or a rebuild) got there first. */
export class StaleReaderError extends Error {
  constructor(readonly expected: bigint, readonly actual: bigint) {
    super(`projection checkpoint is at ${actual}, this reader expected ${expected}`);
  }
}

/**
 * Applies one batch and moves the checkpoint in the same transaction. The batch must start where the
 * checkpoint stands (`from`): so two runners, a crash mid-batch or a rebuild under a live server can
 * never apply an event twice or out of order — the loser of a race gets StaleReaderError and re-reads.
 */
@Injectable()
export class BatchApplier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: ProjectionRegistry,
  ) {}

  async apply(from: bigint, events: readonly RecordedEvent[]): Promise<bigint> {
    if (events.length === 0) return from;
    const last = events[events.length - 1].position;
    await this.dataSource.transaction(async (manager) => {
      const checkpoint = await readCheckpoint(manager, true);
      if (checkpoint !== from) throw new StaleReaderError(from, checkpoint);
      // Projection by projection, each in event order: a projection writes only its own tables.
      for (const { projection, wants } of this.registry.byProjection()) {
        const mine = events.filter((event) => wants.has(event.type));
        if (mine.length === 0) continue;
        if (projection.applyBatch) await projection.applyBatch(mine, manager);
        else for (const event of mine) await projection.apply(event, manager);
      }
      await writeCheckpoint(manager, last);
    });
    return last;
  }

  /** Empties every projection table and sets the checkpoint to zero, in one transaction. */
  async reset(): Promise<void> {
    const tables = this.registry.tables();
    await this.dataSource.transaction(async (manager) => {
      await readCheckpoint(manager, true);
      if (tables.length) await manager.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')}`);
      await manager.query(`DELETE FROM ${CHECKPOINT_TABLE}`);
      await writeCheckpoint(manager, 0n);
    });
  }

  async checkpoint(): Promise<bigint> {
    return readCheckpoint(this.dataSource.manager);
  }
}
