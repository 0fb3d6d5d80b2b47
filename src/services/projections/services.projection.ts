import { Injectable } from '@nestjs/common';
import { propertyServiceDecider, type PropertyServiceState } from '@gongzhi/domain/services/property-service.js';
import {
  PROPERTY_SERVICE_EVENT_TYPES,
  type PropertyServiceEvent,
} from '@gongzhi/domain/services/property-service.events.js';
import { requestDecider, type RequestState } from '@gongzhi/domain/services/request.js';
import { REQUEST_EVENT_TYPES, type RequestEvent } from '@gongzhi/domain/services/request.events.js';
import { fold, RowsProjection, storedRows, table, upsert } from '../../platform/projections/row-writes.js';
import type { PropertyServiceRow, RequestRow } from '../queries/rows.js';

const REQUESTS = table<RequestRow>('services_requests');
const PROPERTY = table<PropertyServiceRow>('services_property');
const REQUEST_TYPES = new Set<string>(REQUEST_EVENT_TYPES);

/** A request's state, folded with the decider's own evolve; a request not filed yet has no row. */
export const requests = fold<RequestState>({
  keyOf: (event) =>
    REQUEST_TYPES.has(event.type) && event.metadata.communityId ? event.streamId.slice('request-'.length) : undefined,
  load: storedRows(REQUESTS, 'request_id', (row) => ({ state: row.state, position: BigInt(row.position) })),
  initial: () => requestDecider.initialState(),
  evolve: (state, event) => requestDecider.evolve(state, event as unknown as RequestEvent),
  rowsOf: (requestId, state, last) =>
    state.status === 'none'
      ? []
      : [
          upsert(
            REQUESTS,
            {
              request_id: requestId,
              community_id: last.metadata.communityId!,
              filed_at: state.filed.filedAt,
              category: state.filed.category,
              handler: state.handler,
              status: state.status,
              requester_account: state.filed.requester.accountId,
              state,
              position: last.position.toString(),
            },
            ['request_id'],
          ),
        ],
});

/** A community's property service, folded with the decider's own evolve. */
export const propertyServices = fold<PropertyServiceState>({
  keyOf: (event) => (!REQUEST_TYPES.has(event.type) && event.metadata.communityId) || undefined,
  load: storedRows(PROPERTY, 'community_id', (row) => ({ state: row.state, position: BigInt(row.position) })),
  initial: () => propertyServiceDecider.initialState(),
  evolve: (state, event) => propertyServiceDecider.evolve(state, event as unknown as PropertyServiceEvent),
  rowsOf: (communityId, state, last) => [
    upsert(PROPERTY, { community_id: communityId, state, position: last.position.toString() }, ['community_id']),
  ],
});

/**
 * Each request's state and each community's property service, folded with the domain's own evolve, so
 * the read side computes its rates from exactly what the deciders decide on. A row remembers the
 * position it reached: an event at or before it was applied already.
 */
@Injectable()
export class ServicesProjection extends RowsProjection {
  readonly name = 'services';
  readonly tables = ['services_requests', 'services_property'];
  readonly eventTypes = [...REQUEST_EVENT_TYPES, ...PROPERTY_SERVICE_EVENT_TYPES];
  protected override readonly folds = [requests, propertyServices];
}
