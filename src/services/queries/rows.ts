import type { PropertyServiceState } from '@gongzhi/domain/services/property-service.js';
import type { RequestStatus, FiledRequest } from '@gongzhi/domain/services/request.js';
import type { Handler } from '@gongzhi/domain/services/request.events.js';

// The services read model's rows as pg answers them: positions (bigint) as strings, timestamptz as Date,
// jsonb parsed.

/** services_requests: a request's folded state, with the columns its lists filter and sort on. */
export interface RequestRow {
  request_id: string;
  community_id: string;
  filed_at: Date;
  category: string;
  handler: Handler | null;
  status: RequestStatus;
  requester_account: string;
  state: FiledRequest;
  position: string;
}

/** services_property: a community's property service (companies, contracts, assessments) as folded. */
export interface PropertyServiceRow {
  community_id: string;
  state: PropertyServiceState;
  position: string;
}
