import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../../../libs/event-store/event-store.js';

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
  applyBatch?(events: readonly RecordedEvent[], manager: EntityManager): Promise<void>;
}
