import type { Decider } from '../shared/decider.js';
import { conflict, forbidden, invalid, notFound } from '../shared/domain-error.js';
import { SHA256 } from '../shared/evidence.js';
import { at, iso } from '../shared/time.js';
import {
  HANDLERS,
  PLACE_KINDS,
  RATINGS,
  type Handler,
  type Rating,
  type RequestEvent,
  type RequestFiledData,
  type RequesterKind,
} from './request.events.js';
import { CATEGORIES, URGENCIES, timeLimitFor, type Category, type Urgency } from './time-limits.js';

const MINUTE = 60_000;
const MAX_TEXT = 2000;
const MAX_PHOTOS = 9;

export type RequestCommand =
  | {
      type: 'FileRequest';
      data: {
        requestId: string;
        communityId: string;
        rulebook: string;
        requester: { kind: RequesterKind; accountId: string };
        category: string;
        urgency: string;
        place: { kind: string; ref: string };
        text: string;
        photoSha256s: string[];
        /** The community's roster, where a UNIT or BUILDING place must be found. */
        roster: { units: ReadonlySet<string>; buildings: ReadonlySet<string> };
        now: Date;
      };
    }
  | { type: 'DispatchRequest'; data: { handler: string; now: Date } }
  | { type: 'AcceptRequest'; data: { now: Date; actingFor?: Handler | null } }
  | {
      type: 'ResolveRequest';
      data: { whatWasDone: string; photoSha256s: string[]; now: Date; actingFor?: Handler | null };
    }
  | { type: 'RateRequest'; data: { rating: string; accountId: string; now: Date } }
  | { type: 'ReopenRequest'; data: { reason: string; accountId: string; now: Date } };

export type RequestStatus = 'FILED' | 'DISPATCHED' | 'IN_HAND' | 'RESOLVED';

export interface FiledRequest {
  status: RequestStatus;
  filed: RequestFiledData;
  handler: Handler | null;
  acceptedAt: string | null;
  resolvedAt: string | null;
  /** The resolve limit in force: the filing's, or the reopening's. */
  resolveBy: string;
  whatWasDone: string | null;
  /** The latest rating; a reopening clears it until the next resolution is rated. */
  rating: Rating | null;
  reopened: boolean;
  /** Steps recorded past their limit (rule 35). */
  lateSteps: number;
}

export type RequestState = { status: 'none' } | FiledRequest;

const oneOf = <T extends string>(values: readonly T[], value: string, code: string, name: string): T => {
  if (!(values as readonly string[]).includes(value))
    throw invalid(code, `${name} must be one of ${values.join(', ')}; "${value}" is not`);
  return value as T;
};

function photos(hashes: string[]): string[] {
  if (hashes.length > MAX_PHOTOS)
    throw invalid('TOO_MANY_PHOTOS', `at most ${MAX_PHOTOS} photos per step; this one has ${hashes.length}`);
  for (const h of hashes)
    if (!SHA256.test(h))
      throw invalid('INVALID_SHA256', `a photo is kept as its SHA-256, 64 lowercase hex digits; "${h}" is not one`);
  return [...hashes];
}

function words(value: string, code: string, name: string): string {
  const trimmed = value.trim();
  const length = [...trimmed].length;
  if (length < 1 || length > MAX_TEXT) throw invalid(code, `${name} needs 1 to ${MAX_TEXT} characters`);
  return trimmed;
}

function filed(state: RequestState): FiledRequest {
  if (state.status === 'none') throw notFound('REQUEST_NOT_FOUND', 'no request with this id');
  return state;
}

/**
 * A desk that stands for one handler (the property company's staff) takes the steps of the requests
 * dispatched to that handler only; the committee's and the community office's desks (actingFor absent
 * or null) take any handler's, as they did before the company had accounts.
 */
function theHandler(state: FiledRequest, actingFor: Handler | null | undefined, what: string): void {
  if (!actingFor || state.handler === actingFor) return;
  throw forbidden(
    'NOT_THE_HANDLER',
    state.handler
      ? `request ${state.filed.requestId} is dispatched to ${state.handler}; a ${actingFor} desk may not ${what} it`
      : `request ${state.filed.requestId} has no handler yet; a ${actingFor} desk may not ${what} it`,
  );
}

function theRequester(state: FiledRequest, accountId: string, what: string): void {
  if (state.filed.requester.accountId !== accountId)
    throw forbidden('NOT_THE_REQUESTER', `only whoever filed request ${state.filed.requestId} may ${what} it`);
}

/** Rules 34–35: a resident's request, from filing to rating, each step an event and each late step marked. */
export const requestDecider: Decider<RequestCommand, RequestEvent, RequestState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'FileRequest': {
        const d = command.data;
        if (state.status !== 'none') throw conflict('REQUEST_EXISTS', `request ${d.requestId} already exists`);
        const category: Category = oneOf(CATEGORIES, d.category, 'INVALID_CATEGORY', 'category');
        const urgency: Urgency = oneOf(URGENCIES, d.urgency, 'INVALID_URGENCY', 'urgency');
        const kind = oneOf(PLACE_KINDS, d.place.kind, 'INVALID_PLACE', 'place.kind');
        const ref = d.place.ref.trim();
        const known =
          kind === 'UNIT'
            ? d.roster.units.has(ref)
            : kind === 'BUILDING'
              ? d.roster.buildings.has(ref)
              : ref.length > 0;
        if (!known)
          throw invalid(
            'UNKNOWN_PLACE',
            kind === 'COMMON_AREA'
              ? 'name the common area (e.g. "north gate", "2号楼电梯")'
              : `the community has no ${kind.toLowerCase()} "${ref}"`,
          );
        const limit = timeLimitFor(d.rulebook, category, urgency);
        const now = d.now.getTime();
        return [
          {
            type: 'RequestFiled',
            data: {
              requestId: d.requestId,
              communityId: d.communityId,
              requester: d.requester,
              category,
              urgency,
              place: { kind, ref },
              text: words(d.text, 'INVALID_TEXT', 'the request'),
              photoSha256s: photos(d.photoSha256s),
              rulebook: d.rulebook,
              rulebookVersion: limit.rulebookVersion,
              acknowledgeBy: iso(now + limit.acknowledgeMinutes * MINUTE),
              resolveBy: iso(now + limit.resolveMinutes * MINUTE),
              filedAt: iso(now),
            },
          },
        ];
      }
      case 'DispatchRequest': {
        const s = filed(state);
        // Once accepted, the handler owns it: passing it on would reset nobody's clock and hide who was late.
        if (s.status !== 'FILED' && s.status !== 'DISPATCHED')
          throw conflict(
            'REQUEST_ALREADY_ACCEPTED',
            `request ${s.filed.requestId} is already accepted by ${s.handler}`,
          );
        const handler = oneOf(HANDLERS, command.data.handler, 'INVALID_HANDLER', 'handler');
        return [{ type: 'RequestDispatched', data: { handler, dispatchedAt: command.data.now.toISOString() } }];
      }
      case 'AcceptRequest': {
        const s = filed(state);
        theHandler(s, command.data.actingFor, 'accept');
        if (s.status === 'FILED')
          throw conflict(
            'REQUEST_NOT_DISPATCHED',
            `request ${s.filed.requestId} has no handler yet; dispatch it first`,
          );
        if (s.status !== 'DISPATCHED')
          throw conflict('REQUEST_ALREADY_ACCEPTED', `request ${s.filed.requestId} is already accepted`);
        const now = command.data.now.getTime();
        return [{ type: 'RequestAccepted', data: { acceptedAt: iso(now), late: now > at(s.filed.acknowledgeBy) } }];
      }
      case 'ResolveRequest': {
        const s = filed(state);
        theHandler(s, command.data.actingFor, 'resolve');
        if (s.status !== 'IN_HAND')
          throw conflict(
            'REQUEST_NOT_IN_HAND',
            s.status === 'RESOLVED'
              ? `request ${s.filed.requestId} is already resolved`
              : `request ${s.filed.requestId} must be accepted before it is resolved`,
          );
        const now = command.data.now.getTime();
        return [
          {
            type: 'RequestResolved',
            data: {
              whatWasDone: words(command.data.whatWasDone, 'INVALID_TEXT', 'what was done'),
              photoSha256s: photos(command.data.photoSha256s),
              resolvedAt: iso(now),
              late: now > at(s.resolveBy),
            },
          },
        ];
      }
      case 'RateRequest': {
        const s = filed(state);
        theRequester(s, command.data.accountId, 'rate');
        if (s.status !== 'RESOLVED')
          throw conflict('REQUEST_NOT_RESOLVED', `request ${s.filed.requestId} is not resolved yet; rate the outcome`);
        if (s.rating)
          throw conflict('REQUEST_ALREADY_RATED', `request ${s.filed.requestId} is already rated ${s.rating}`);
        const rating = oneOf(RATINGS, command.data.rating, 'INVALID_RATING', 'rating');
        return [{ type: 'RequestRated', data: { rating, ratedAt: command.data.now.toISOString() } }];
      }
      case 'ReopenRequest': {
        const s = filed(state);
        theRequester(s, command.data.accountId, 'reopen');
        if (s.status !== 'RESOLVED')
          throw conflict('REQUEST_NOT_RESOLVED', `request ${s.filed.requestId} is not resolved; nothing to reopen`);
        if (s.reopened)
          throw conflict('REQUEST_ALREADY_REOPENED', `request ${s.filed.requestId} was reopened once already`);
        const limit = timeLimitFor(s.filed.rulebook, s.filed.category, s.filed.urgency);
        const now = command.data.now.getTime();
        return [
          {
            type: 'RequestReopened',
            data: {
              reason: words(command.data.reason, 'INVALID_TEXT', 'the reason'),
              reopenedAt: iso(now),
              resolveBy: iso(now + limit.resolveMinutes * MINUTE),
            },
          },
        ];
      }
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },

  evolve(state, event) {
    if (event.type === 'RequestFiled')
      return {
        status: 'FILED',
        filed: event.data,
        handler: null,
        acceptedAt: null,
        resolvedAt: null,
        resolveBy: event.data.resolveBy,
        whatWasDone: null,
        rating: null,
        reopened: false,
        lateSteps: 0,
      };
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'RequestDispatched':
        return { ...state, status: 'DISPATCHED', handler: event.data.handler };
      case 'RequestAccepted':
        return {
          ...state,
          status: 'IN_HAND',
          acceptedAt: event.data.acceptedAt,
          lateSteps: state.lateSteps + (event.data.late ? 1 : 0),
        };
      case 'RequestResolved':
        return {
          ...state,
          status: 'RESOLVED',
          resolvedAt: event.data.resolvedAt,
          whatWasDone: event.data.whatWasDone,
          lateSteps: state.lateSteps + (event.data.late ? 1 : 0),
        };
      case 'RequestRated':
        return { ...state, rating: event.data.rating };
      case 'RequestReopened':
        return {
          ...state,
          status: 'IN_HAND',
          resolvedAt: null,
          rating: null,
          reopened: true,
          resolveBy: event.data.resolveBy,
        };
      default:
        return state;
    }
  },
};
