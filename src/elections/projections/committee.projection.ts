import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  emptyView,
  evolveView,
  type CommitteeView,
  type ViewEvent,
} from '../../../libs/domain/elections/committee-view.js';
import { GOVERNANCE_EVENT_TYPES } from '../../../libs/domain/elections/governance.events.js';
import type { RecordedEvent } from '../../../libs/event-store/event-store.js';
import type { Projection } from '../../platform/projections/projection.js';
import { ProjectionRegistry } from '../../platform/projections/projection-registry.js';
import { firstRow } from '../../platform/database/rows.js';

/**
 * A community's governing body and its history, one JSON view per community: the fold is
 * libs/domain's evolveView; this only reads and writes the row. The stored position makes a
 * replayed event a no-op, so applying the same event twice leaves the view unchanged.
 */
@Injectable()
export class CommitteeProjection implements Projection, OnModuleInit {
  readonly name = 'committee';
  readonly tables = ['elections_committee_views'];
  readonly eventTypes = ['CommunityRegistered', 'ManagingBodyAppointed', ...GOVERNANCE_EVENT_TYPES];

  constructor(private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async apply(recorded: RecordedEvent, db: EntityManager): Promise<void> {
    const communityId = recorded.metadata.communityId;
    if (!communityId) return;
    const row = await firstRow<{ view: CommitteeView; last_position: string }>(
      db,
      'SELECT view, last_position FROM elections_committee_views WHERE community_id = $1 FOR UPDATE',
      [communityId],
    );
    if (row && BigInt(row.last_position) >= recorded.position) return;
    const view = evolveView(
      row?.view ?? emptyView(communityId),
      recorded as unknown as ViewEvent,
      recorded.metadata.occurredAt,
    );
    await db.query(
      `INSERT INTO elections_committee_views (community_id, district, view, last_position) VALUES ($1, $2, $3, $4)
       ON CONFLICT (community_id) DO UPDATE SET district = EXCLUDED.district, view = EXCLUDED.view, last_position = EXCLUDED.last_position`,
      [communityId, view.district, JSON.stringify(view), recorded.position.toString()],
    );
  }
}
