import type { DataSource, EntityManager } from 'typeorm';
import type { RecordedEvent } from '@gongzhi/event-store/event-store.js';
import { returning, rows } from '../database/rows.js';

/** Where a community's read models stopped: the event a projection could not apply, and why. */
export interface ProjectionFailure {
  /** '' for an event of no community. */
  communityId: string;
  position: bigint;
  eventType: string;
  projection: string;
  /** The error's stable code when it has one (LOG_DIVERGED), then its message. */
  error: string;
  /** Only while the failure is in hand, not stored: the code alone. */
  code?: string;
  failedAt?: string;
}

/** A community's events are projected in order, so a failure stops the community it belongs to. */
export const communityOf = (event: RecordedEvent): string => event.metadata?.communityId ?? '';

interface FailureRow {
  community_id: string;
  position: string;
  event_type: string;
  projection: string;
  error: string;
  failed_at: Date;
}

const toFailure = (row: FailureRow): ProjectionFailure => ({
  communityId: row.community_id,
  position: BigInt(row.position),
  eventType: row.event_type,
  projection: row.projection,
  error: row.error,
  failedAt: row.failed_at.toISOString(),
});

/** The projection_failures table: one row per stalled community. */
export class ProjectionFailures {
  constructor(private readonly dataSource: DataSource) {}

  async stalledCommunities(manager: EntityManager): Promise<Set<string>> {
    const stalled = await rows<{ community_id: string }>(manager, 'SELECT community_id FROM projection_failures');
    return new Set(stalled.map((row) => row.community_id));
  }

  async record(manager: EntityManager, failure: ProjectionFailure): Promise<void> {
    await manager.query(
      `INSERT INTO projection_failures (community_id, position, event_type, projection, error) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (community_id) DO NOTHING`,
      [
        failure.communityId,
        failure.position.toString(),
        failure.eventType,
        failure.projection,
        failure.error.slice(0, 2000),
      ],
    );
  }

  /** Removes one community's failure (returned), or every failure when no community is named. */
  async clear(manager: EntityManager, communityId?: string): Promise<ProjectionFailure | null> {
    if (communityId === undefined) {
      await manager.query('DELETE FROM projection_failures');
      return null;
    }
    const [cleared] = await returning<FailureRow>(
      manager,
      'DELETE FROM projection_failures WHERE community_id = $1 RETURNING *',
      [communityId],
    );
    return cleared ? toFailure(cleared) : null;
  }

  /** Every stalled community, or only those named. */
  async list(communityIds?: readonly string[]): Promise<ProjectionFailure[]> {
    const found = await rows<FailureRow>(
      this.dataSource,
      'SELECT * FROM projection_failures WHERE $1::text[] IS NULL OR community_id = ANY($1) ORDER BY position',
      [communityIds ?? null],
    );
    return found.map(toFailure);
  }
}
