import type { Category, Urgency } from './time-limits.js';

/** Who filed (rule 34): kept in the record for the requester's own view and the rating; no public view shows it. */
export const REQUESTER_KINDS = ['OWNER', 'RESIDENT', 'COMMUNITY_OFFICE'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];

export const HANDLERS = ['PROPERTY_COMPANY', 'COMMITTEE', 'COMMUNITY_OFFICE'] as const;
export type Handler = (typeof HANDLERS)[number];

export const PLACE_KINDS = ['UNIT', 'BUILDING', 'COMMON_AREA'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** 满意, 基本满意, 不满意 — as 12345's callbacks ask; the first two count as satisfied. */
export const RATINGS = ['SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'] as const;
export type Rating = (typeof RATINGS)[number];

export interface RequestFiledData {
  requestId: string;
  communityId: string;
  requester: { kind: RequesterKind; accountId: string };
  category: Category;
  urgency: Urgency;
  place: { kind: PlaceKind; ref: string };
  text: string;
  photoSha256s: string[];
  /** The rulebook's limits at filing (rule 35), so a later rulebook never moves this request's deadlines. */
  rulebook: string;
  rulebookVersion: string;
  acknowledgeBy: string;
  resolveBy: string;
  filedAt: string;
}

export type RequestEvent =
  | { type: 'RequestFiled'; data: RequestFiledData }
  | { type: 'RequestDispatched'; data: { handler: Handler; dispatchedAt: string } }
  | { type: 'RequestAccepted'; data: { acceptedAt: string; late: boolean } }
  | {
      type: 'RequestResolved';
      data: { whatWasDone: string; photoSha256s: string[]; resolvedAt: string; late: boolean };
    }
  | { type: 'RequestRated'; data: { rating: Rating; ratedAt: string } }
  /** Once (rule 34): back to the handler, with a fresh resolve limit from the reopening. */
  | { type: 'RequestReopened'; data: { reason: string; reopenedAt: string; resolveBy: string } };

export const REQUEST_EVENT_TYPES: readonly RequestEvent['type'][] = [
  'RequestFiled',
  'RequestDispatched',
  'RequestAccepted',
  'RequestResolved',
  'RequestRated',
  'RequestReopened',
];

export const requestStream = (requestId: string) => `request-${requestId}`;
