import { ELECTION_EVENT_TYPES } from '@gongzhi/domain/elections/election.events.js';
import { GOVERNANCE_EVENT_TYPES } from '@gongzhi/domain/elections/governance.events.js';
import { MAINTENANCE_FUND_EVENT_TYPES } from '@gongzhi/domain/finance/maintenance-fund.events.js';
import { PUBLIC_REVENUE_EVENT_TYPES } from '@gongzhi/domain/finance/public-revenue.events.js';
import { STATEMENT_REGISTER_EVENT_TYPES } from '@gongzhi/domain/finance/statement-register.js';
import { STATEMENT_EVENT_TYPES } from '@gongzhi/domain/finance/statement.events.js';
import { PROPERTY_SERVICE_EVENT_TYPES } from '@gongzhi/domain/services/property-service.events.js';
import { REQUEST_EVENT_TYPES } from '@gongzhi/domain/services/request.events.js';
import { COMMUNITY_EVENT_TYPES } from '@gongzhi/domain/registry/community.events.js';
import { RESOLUTION_EVENT_TYPES } from '@gongzhi/domain/voting/resolution.events.js';

/**
 * Every event type the log takes. The projection registry hands a projection only the types it names,
 * so a domain that adds event types must add its list here, or its events never reach the log (and a
 * receipt for them never gets an inclusion proof): test/transparency/log-event-types.unit.spec.ts
 * fails until it does.
 */
export const LOG_EVENT_TYPES: readonly string[] = [
  ...COMMUNITY_EVENT_TYPES,
  ...RESOLUTION_EVENT_TYPES,
  ...ELECTION_EVENT_TYPES,
  ...GOVERNANCE_EVENT_TYPES,
  ...PUBLIC_REVENUE_EVENT_TYPES,
  ...MAINTENANCE_FUND_EVENT_TYPES,
  ...STATEMENT_EVENT_TYPES,
  ...STATEMENT_REGISTER_EVENT_TYPES,
  ...REQUEST_EVENT_TYPES,
  ...PROPERTY_SERVICE_EVENT_TYPES,
];
