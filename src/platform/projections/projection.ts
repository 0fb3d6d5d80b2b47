import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@gongzhi/event-store/event-store.js';

/**
 * A read model: a fold of events written through TypeORM. apply runs inside the batch's transaction,
 * together with the checkpoint, so an event is applied exactly once even across crashes.
 */
export interface Projection {
  readonly name: string;
  /** Tables this projection alone writes; a rebuild empties them before replaying every event. */
  readonly tables: readonly string[];
  /** Event types apply wants; the runner passes no others. */
  readonly eventTypes: readonly string[];
  apply(event: RecordedEvent, manager: EntityManager): Promise<void>;
  /**
   * Optional: the batch's events of `eventTypes`, in order, at once — for a projection whose cost is
   * round trips per event (the transparency log takes a community's head lock once per batch).
   */
  applyBatch?(events: readonly RecordedEvent[], manager: EntityManager, replay?: Replay): Promise<void>;
  /**
   * Optional: work on events of `eventTypes` that needs no database (hashes), done as soon as a rebuild
   * has read them, while the batch before is still being written. It must not change what apply writes
   * (apply of an event not prepared writes the same), and must not throw: an event it cannot work on is
   * left to apply, whose failure names the event.
   */
  prepare?(events: readonly RecordedEvent[]): void;
}

/**
 * How a batch is applied. `fresh`: a rebuild, which emptied the projection's tables in this transaction
 * and applies each event once, so an insert cannot meet a row of its own event (no ON CONFLICT needed,
 * whose check costs a third of an insert into a table just emptied). Otherwise the live runner, which
 * may apply an event again after a crash: every write must be idempotent.
 */
export interface Replay {
  readonly fresh: boolean;
}
