import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RecordedEvent } from '@gongzhi/event-store/event-store.js';
import { isConnectionFailure } from '@gongzhi/event-store/postgres/errors.js';
import type { Replay } from './projection.js';
import { ProjectionRegistry } from './projection-registry.js';
import { readCheckpoint, writeCheckpoint, CHECKPOINT_TABLE } from './projection-checkpoint.js';
import { communityOf, type ProjectionFailure, ProjectionFailures } from './projection-failures.js';

/** The checkpoint moved under a reader: another runner (or a rebuild) got there first. */
export class StaleReaderError extends Error {
  constructor(
    readonly expected: bigint,
    readonly actual: bigint,
  ) {
    super(`projection checkpoint is at ${actual}, this reader expected ${expected}`);
  }
}

/** A rebuild (or a resume) holds the checkpoint: the runner waits instead of queueing behind it. */
export class CheckpointBusyError extends Error {
  constructor() {
    super('a rebuild of the read models holds the projection checkpoint');
  }
}

/** A projection could not apply an event: a bad event, a projection's bug, or a log that diverged. */
export class ProjectionError extends Error {
  /** The projection's own code (a DomainError's, e.g. LOG_DIVERGED), so callers can tell failures apart. */
  readonly code?: string;

  constructor(readonly failure: ProjectionFailure) {
    super(
      `projection ${failure.projection} cannot apply event ${failure.eventType} at position ${failure.position}` +
        `${failure.communityId ? ` of community ${failure.communityId}` : ''}: ${failure.error}`,
    );
    this.code = failure.code;
  }
}

/** Reads the events after a position, a batch at a time (an empty batch: the end). */
export type ReadAfter = (position: bigint) => Promise<RecordedEvent[]>;

/**
 * Applies one batch and moves the checkpoint in the same transaction. The batch must start where the
 * checkpoint stands (`from`): so two runners, a crash mid-batch or a rebuild under a live server can
 * never apply an event twice or out of order — the loser of a race gets StaleReaderError and re-reads.
 *
 * An event a projection cannot apply stops only its community: the runner records it in
 * projection_failures and passes over that community's later events, while every other community's
 * go on. A failure of the database itself fails the whole batch, which is retried.
 */
@Injectable()
export class BatchApplier {
  private readonly log = new Logger('Projections');
  readonly failures: ProjectionFailures;

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: ProjectionRegistry,
  ) {
    this.failures = new ProjectionFailures(dataSource);
  }

  async apply(from: bigint, events: readonly RecordedEvent[]): Promise<bigint> {
    if (events.length === 0) return from;
    const last = events[events.length - 1].position;
    await this.dataSource.transaction(async (manager) => {
      const checkpoint = await lockCheckpoint(manager, 'nowait');
      if (checkpoint !== from) throw new StaleReaderError(from, checkpoint);
      const stalled = await this.failures.stalledCommunities(manager);
      const live = events.filter((event) => !stalled.has(communityOf(event)));
      await this.applyIsolated(live, manager, stalled, async (failure) => {
        this.log.error(
          `${new ProjectionError(failure).message}; community ${failure.communityId || '(none)'} stopped, the others go on`,
        );
        await this.failures.record(manager, failure);
      });
      await writeCheckpoint(manager, last);
    });
    return last;
  }

  /**
   * Replays every event into emptied read models in one transaction, committed only when all applied:
   * whatever fails (a bad event, a diverged log, the database) leaves the read models as they were,
   * serving. DELETE, not TRUNCATE: readers go on reading the old rows until the commit swaps the new in.
   */
  async rebuild(
    readAfter: ReadAfter,
    progress: (applied: number, position: bigint) => void = () => {},
  ): Promise<{ events: number; position: bigint }> {
    const tables = this.registry.tables();
    return this.dataSource.transaction(async (manager) => {
      await lockCheckpoint(manager);
      for (const table of tables) await manager.query(`DELETE FROM "${table}"`);
      await this.failures.clear(manager);
      let position = 0n;
      let applied = 0;
      // The next batch is read (on the store's own connection) and prepared while this one is written.
      let next = this.readPrepared(readAfter, position);
      for (let events = await next; events.length > 0; events = await next) {
        position = events[events.length - 1].position;
        next = this.readPrepared(readAfter, position);
        // Awaited next time round; if applying fails first, its failure is the one that counts.
        next.catch(() => {});
        await this.applyIsolated(
          events,
          manager,
          new Set(),
          async (failure) => {
            throw new ProjectionError(failure);
          },
          REBUILD,
        );
        applied += events.length;
        progress(applied, position);
      }
      await manager.query(`DELETE FROM ${CHECKPOINT_TABLE}`);
      await writeCheckpoint(manager, position);
      return { events: applied, position };
    });
  }

  private async readPrepared(readAfter: ReadAfter, position: bigint): Promise<RecordedEvent[]> {
    const events = await readAfter(position);
    for (const { projection, wants } of this.registry.byProjection())
      if (projection.prepare) projection.prepare(events.filter((event) => wants.has(event.type)));
    return events;
  }

  /**
   * After a fix (a corrected projection deployed), a stalled community's events from the one that
   * failed up to the checkpoint are applied again, and the community goes on with the rest. If an
   * event still fails the community stays stalled there; the answer says where.
   */
  async resume(
    communityId: string,
    readAfter: ReadAfter,
  ): Promise<{ applied: number; failure: ProjectionFailure | null } | null> {
    return this.dataSource.transaction(async (manager) => {
      const checkpoint = await lockCheckpoint(manager);
      const failure = await this.failures.clear(manager, communityId);
      if (!failure) return null;
      let applied = 0;
      let failedAgain: ProjectionFailure | null = null;
      const stalled = new Set<string>();
      for (let position = failure.position - 1n; position < checkpoint;) {
        const events = await readAfter(position);
        if (events.length === 0) break;
        position = events[events.length - 1].position;
        const mine = events.filter(
          (event) => event.position <= checkpoint && communityOf(event) === failure.communityId,
        );
        await this.applyIsolated(mine, manager, stalled, async (again) => {
          failedAgain = again;
          await this.failures.record(manager, again);
        });
        if (failedAgain) break;
        applied += mine.length;
      }
      return { applied, failure: failedAgain };
    });
  }

  async checkpoint(): Promise<bigint> {
    return readCheckpoint(this.dataSource.manager);
  }

  /**
   * The batch at once, projection by projection (each writes only its own tables) — the fast way. If
   * a projection throws, the batch is undone and applied again one event at a time, each under a
   * savepoint, so that the event at fault is found and only its community stops (`failed`).
   */
  private async applyIsolated(
    events: readonly RecordedEvent[],
    manager: EntityManager,
    stalled: Set<string>,
    failed: (failure: ProjectionFailure) => Promise<void>,
    replay: Replay = LIVE,
  ): Promise<void> {
    if (events.length === 0) return;
    await manager.query('SAVEPOINT projection_batch');
    try {
      for (const { projection, wants } of this.registry.byProjection()) {
        const mine = events.filter((event) => wants.has(event.type));
        if (mine.length === 0) continue;
        if (projection.applyBatch) await projection.applyBatch(mine, manager, replay);
        else for (const event of mine) await projection.apply(event, manager);
      }
      await manager.query('RELEASE SAVEPOINT projection_batch');
      return;
    } catch (error) {
      if (isDatabaseFailure(error)) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT projection_batch');
    }
    for (const event of events) {
      const communityId = communityOf(event);
      if (stalled.has(communityId)) continue;
      await manager.query('SAVEPOINT projection_event');
      const failure = await this.applyOne(event, manager, replay);
      if (!failure) {
        await manager.query('RELEASE SAVEPOINT projection_event');
        continue;
      }
      await manager.query('ROLLBACK TO SAVEPOINT projection_event');
      stalled.add(communityId);
      await failed(failure);
    }
  }

  private async applyOne(
    event: RecordedEvent,
    manager: EntityManager,
    replay: Replay,
  ): Promise<ProjectionFailure | null> {
    for (const { projection, wants } of this.registry.byProjection()) {
      if (!wants.has(event.type)) continue;
      try {
        if (projection.applyBatch) await projection.applyBatch([event], manager, replay);
        else await projection.apply(event, manager);
      } catch (error) {
        if (isDatabaseFailure(error)) throw error;
        const code =
          typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
        const message = (error as Error)?.message ?? String(error);
        return {
          communityId: communityOf(event),
          position: event.position,
          eventType: event.type,
          projection: projection.name,
          error: code ? `${code}: ${message}` : message,
          code,
        };
      }
    }
    return null;
  }
}

/**
 * The checkpoint's row, locked for this transaction. The runner does not wait for it (`nowait`): a
 * rebuild holds it for as long as the replay takes, longer than any statement may wait.
 */
async function lockCheckpoint(manager: EntityManager, wait: 'wait' | 'nowait' = 'wait'): Promise<bigint> {
  try {
    return await readCheckpoint(manager, wait === 'wait' ? 'FOR UPDATE' : 'FOR UPDATE NOWAIT');
  } catch (error) {
    if ((error as { code?: string })?.code === LOCK_NOT_AVAILABLE) throw new CheckpointBusyError();
    throw error;
  }
}

const LOCK_NOT_AVAILABLE = '55P03';
const LIVE: Replay = { fresh: false };
const REBUILD: Replay = { fresh: true };

/**
 * Not the event's fault: the database went away, timed out, or a transaction lost a race. Such an
 * error fails the whole batch (to be retried), never stops a community.
 */
function isDatabaseFailure(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && (code.startsWith('40') || code === LOCK_NOT_AVAILABLE)) return true;
  return isConnectionFailure(error) || (error as Error)?.name === 'QueryRunnerAlreadyReleasedError';
}
