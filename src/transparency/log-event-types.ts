import { COMMUNITY_EVENT_TYPES } from '../../libs/domain/registry/community.events.js';
import { RESOLUTION_EVENT_TYPES } from '../../libs/domain/voting/resolution.events.js';

/**
 * Every event type the log takes. The projection registry hands a projection only the types it names,
 * so a domain that adds event types must add its list here, or its events never reach the log:
 * log-event-types.unit.spec.ts fails until it does.
 */
export const LOG_EVENT_TYPES: readonly string[] = [...COMMUNITY_EVENT_TYPES, ...RESOLUTION_EVENT_TYPES];
