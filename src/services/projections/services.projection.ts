import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { propertyServiceDecider, type PropertyServiceState } from '../../../libs/domain/services/property-service.js';
import {
  PROPERTY_SERVICE_EVENT_TYPES,
  type PropertyServiceEvent,
} from '../../../libs/domain/services/property-service.events.js';
import { requestDecider, type RequestState } from '../../../libs/domain/services/request.js';
import { REQUEST_EVENT_TYPES, type RequestEvent } from '../../../libs/domain/services/request.events.js';
import type { RecordedEvent } from '../../../libs/event-store/event-store.js';
import type { Projection } from '../../platform/projections/projection.js';
import { ProjectionRegistry } from '../../platform/projections/projection-registry.js';
import { firstRow } from '../../platform/database/rows.js';

const REQUEST_TYPES = new Set<string>(REQUEST_EVENT_TYPES);

/**
 * Each request's state and each community's property service, folded with the domain's own evolve, so
 * the read side computes its rates from exactly what the deciders decide on. A row remembers the
 * position it reached: an event at or before it was applied already.
 */
@Injectable()
export class ServicesProjection implements Projection, OnModuleInit {
  readonly name = 'services';
  readonly tables = ['services_requests', 'services_property'];
  readonly eventTypes = [...REQUEST_EVENT_TYPES, ...PROPERTY_SERVICE_EVENT_TYPES];

  constructor(private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async apply(recorded: RecordedEvent, db: EntityManager): Promise<void> {
    const communityId = recorded.metadata.communityId;
    if (!communityId) return;
    const position = recorded.position.toString();
    if (REQUEST_TYPES.has(recorded.type)) {
      const requestId = recorded.streamId.slice('request-'.length);
      const row = await firstRow<{ state: RequestState; position: string }>(
        db,
        'SELECT state, position FROM services_requests WHERE request_id = $1',
        [requestId],
      );
      if (row && BigInt(row.position) >= recorded.position) return;
      const state = requestDecider.evolve(
        row?.state ?? requestDecider.initialState(),
        recorded as unknown as RequestEvent,
      );
      if (state.status === 'none') return;
      await db.query(
        `INSERT INTO services_requests (request_id, community_id, filed_at, category, handler, status, requester_account, state, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (request_id) DO UPDATE SET handler = $5, status = $6, state = $8, position = $9`,
        [
          requestId,
          communityId,
          state.filed.filedAt,
          state.filed.category,
          state.handler,
          state.status,
          state.filed.requester.accountId,
          JSON.stringify(state),
          position,
        ],
      );
      return;
    }
    const row = await firstRow<{ state: PropertyServiceState; position: string }>(
      db,
      'SELECT state, position FROM services_property WHERE community_id = $1',
      [communityId],
    );
    if (row && BigInt(row.position) >= recorded.position) return;
    const state = propertyServiceDecider.evolve(
      row?.state ?? propertyServiceDecider.initialState(),
      recorded as unknown as PropertyServiceEvent,
    );
    await db.query(
      `INSERT INTO services_property (community_id, state, position) VALUES ($1, $2, $3)
       ON CONFLICT (community_id) DO UPDATE SET state = $2, position = $3`,
      [communityId, JSON.stringify(state), position],
    );
  }
}
