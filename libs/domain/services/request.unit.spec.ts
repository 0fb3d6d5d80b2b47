import { deciderSpec } from '../../../test/support/decider-spec.js';
import { requestDecider, type RequestCommand } from './request.js';
import { overdueSteps, periodRequests, requestFigures } from './request-figures.js';
import type { RequestEvent, RequestFiledData } from './request.events.js';
import { SERVICE_RULEBOOKS } from './time-limits.js';

const given = deciderSpec(requestDecider);
const PHOTO = 'a'.repeat(64);
const FILED_AT = '2026-11-02T01:00:00.000Z';
const at = (iso: string) => new Date(iso);

const file = (over: Partial<Extract<RequestCommand, { type: 'FileRequest' }>['data']> = {}): RequestCommand => ({
  type: 'FileRequest',
  data: {
    requestId: 'rq1',
    communityId: 'c1',
    rulebook: 'CN-BEIJING-2020',
    requester: { kind: 'OWNER', accountId: 'acc-o1' },
    category: 'REPAIR',
    urgency: 'UTILITY',
    place: { kind: 'UNIT', ref: '1-101' },
    text: '厨房水管漏水',
    photoSha256s: [PHOTO],
    roster: { units: new Set(['1-101']), buildings: new Set(['1']) },
    now: at(FILED_AT),
    ...over,
  },
});

const filedData: RequestFiledData = {
  requestId: 'rq1',
  communityId: 'c1',
  requester: { kind: 'OWNER', accountId: 'acc-o1' },
  category: 'REPAIR',
  urgency: 'UTILITY',
  place: { kind: 'UNIT', ref: '1-101' },
  text: '厨房水管漏水',
  photoSha256s: [PHOTO],
  rulebook: 'CN-BEIJING-2020',
  rulebookVersion: 'services-1',
  acknowledgeBy: '2026-11-02T03:00:00.000Z',
  resolveBy: '2026-11-03T01:00:00.000Z',
  filedAt: FILED_AT,
};
const filed: RequestEvent = { type: 'RequestFiled', data: filedData };
const dispatched: RequestEvent = {
  type: 'RequestDispatched',
  data: { handler: 'PROPERTY_COMPANY', dispatchedAt: '2026-11-02T01:10:00.000Z' },
};
const accepted: RequestEvent = {
  type: 'RequestAccepted',
  data: { acceptedAt: '2026-11-02T02:00:00.000Z', late: false },
};
const resolved: RequestEvent = {
  type: 'RequestResolved',
  data: { whatWasDone: '更换阀门', photoSha256s: [], resolvedAt: '2026-11-02T08:00:00.000Z', late: false },
};

describe('requests (rules 34–35)', () => {
  it('files a request with the deadlines its rulebook gives a utility failure: 2 hours to accept, 24 to resolve', () =>
    given([]).when(file()).then([filed]));

  it('labels every Beijing time limit a default, none as law, as rule 35 asks', () => {
    const limits = Object.values(SERVICE_RULEBOOKS['CN-BEIJING-2020'].limits).flatMap((u) => Object.values(u));
    expect(new Set(limits.map((l) => l.source))).toEqual(new Set(['DEFAULT']));
    expect(SERVICE_RULEBOOKS['CN-BEIJING-2020'].limits.REPAIR.EMERGENCY.resolveMinutes).toBe(120);
    expect(SERVICE_RULEBOOKS['CN-BEIJING-2020'].limits.OTHER.COMPLEX.resolveMinutes).toBe(15 * 24 * 60);
  });

  it('refuses an unknown category, urgency, place, a photo that is no SHA-256 and a rulebook with no limits', () => {
    given([])
      .when(file({ category: 'ROOF' }))
      .thenRefuses('INVALID_CATEGORY');
    given([])
      .when(file({ urgency: 'NOW' }))
      .thenRefuses('INVALID_URGENCY');
    given([])
      .when(file({ place: { kind: 'UNIT', ref: '9-909' } }))
      .thenRefuses('UNKNOWN_PLACE');
    given([])
      .when(file({ place: { kind: 'GARDEN', ref: 'x' } }))
      .thenRefuses('INVALID_PLACE');
    given([])
      .when(file({ photoSha256s: ['photo.jpg'] }))
      .thenRefuses('INVALID_SHA256');
    given([])
      .when(file({ text: '   ' }))
      .thenRefuses('INVALID_TEXT');
    given([])
      .when(file({ rulebook: 'XX' }))
      .thenRefuses('UNKNOWN_RULEBOOK');
  });

  it('is accepted only once dispatched, and an acceptance after the limit is recorded late', () => {
    given([filed])
      .when({ type: 'AcceptRequest', data: { now: at('2026-11-02T02:00:00Z') } })
      .thenRefuses('REQUEST_NOT_DISPATCHED');
    given([filed, dispatched])
      .when({ type: 'AcceptRequest', data: { now: at('2026-11-02T03:00:00.001Z') } })
      .then([{ type: 'RequestAccepted', data: { acceptedAt: '2026-11-02T03:00:00.001Z', late: true } }]);
    given([filed, dispatched])
      .when({ type: 'AcceptRequest', data: { now: at('2026-11-02T03:00:00Z') } })
      .then([{ type: 'RequestAccepted', data: { acceptedAt: '2026-11-02T03:00:00.000Z', late: false } }]);
  });

  it('cannot be passed to another handler once accepted', () =>
    given([filed, dispatched, accepted])
      .when({ type: 'DispatchRequest', data: { handler: 'COMMITTEE', now: at('2026-11-02T04:00:00Z') } })
      .thenRefuses('REQUEST_ALREADY_ACCEPTED'));

  it("lets the property company's desk accept and resolve only what was dispatched to the company", () => {
    const byCompany = { actingFor: 'PROPERTY_COMPANY' as const };
    given([filed, dispatched])
      .when({ type: 'AcceptRequest', data: { now: at('2026-11-02T02:00:00Z'), ...byCompany } })
      .then([{ type: 'RequestAccepted', data: { acceptedAt: '2026-11-02T02:00:00.000Z', late: false } }]);
    given([filed, dispatched, accepted])
      .when({
        type: 'ResolveRequest',
        data: { whatWasDone: '更换阀门', photoSha256s: [], now: at('2026-11-02T08:00:00Z'), ...byCompany },
      })
      .then([resolved]);
    const toCommittee: RequestEvent = {
      type: 'RequestDispatched',
      data: { handler: 'COMMITTEE', dispatchedAt: '2026-11-02T01:10:00.000Z' },
    };
    given([filed, toCommittee])
      .when({ type: 'AcceptRequest', data: { now: at('2026-11-02T02:00:00Z'), ...byCompany } })
      .thenRefuses('NOT_THE_HANDLER');
    given([filed, toCommittee, accepted])
      .when({
        type: 'ResolveRequest',
        data: { whatWasDone: '修好了', photoSha256s: [], now: at('2026-11-02T08:00:00Z'), ...byCompany },
      })
      .thenRefuses('NOT_THE_HANDLER');
    // Not yet dispatched: the company's desk is told it is not its request, not that it should dispatch it.
    given([filed])
      .when({ type: 'AcceptRequest', data: { now: at('2026-11-02T02:00:00Z'), ...byCompany } })
      .thenRefuses('NOT_THE_HANDLER');
    // The committee's desk still takes any handler's step.
    given([filed, toCommittee])
      .when({ type: 'AcceptRequest', data: { now: at('2026-11-02T02:00:00Z'), actingFor: null } })
      .then([{ type: 'RequestAccepted', data: { acceptedAt: '2026-11-02T02:00:00.000Z', late: false } }]);
  });

  it('records what was done, late when past the resolve limit', () =>
    given([filed, dispatched, accepted])
      .when({
        type: 'ResolveRequest',
        data: { whatWasDone: '更换阀门', photoSha256s: [PHOTO], now: at('2026-11-03T01:00:01Z') },
      })
      .then([
        {
          type: 'RequestResolved',
          data: { whatWasDone: '更换阀门', photoSha256s: [PHOTO], resolvedAt: '2026-11-03T01:00:01.000Z', late: true },
        },
      ]));

  it('is rated by whoever filed it, once per resolution, on the three-level scale', () => {
    const rate = (rating: string, accountId = 'acc-o1'): RequestCommand => ({
      type: 'RateRequest',
      data: { rating, accountId, now: at('2026-11-02T09:00:00Z') },
    });
    given([filed, dispatched, accepted]).when(rate('SATISFIED')).thenRefuses('REQUEST_NOT_RESOLVED');
    given([filed, dispatched, accepted, resolved]).when(rate('SATISFIED', 'acc-o2')).thenRefuses('NOT_THE_REQUESTER');
    given([filed, dispatched, accepted, resolved]).when(rate('5')).thenRefuses('INVALID_RATING');
    const rated: RequestEvent = {
      type: 'RequestRated',
      data: { rating: 'DISSATISFIED', ratedAt: '2026-11-02T09:00:00.000Z' },
    };
    given([filed, dispatched, accepted, resolved]).when(rate('DISSATISFIED')).then([rated]);
    given([filed, dispatched, accepted, resolved, rated]).when(rate('SATISFIED')).thenRefuses('REQUEST_ALREADY_RATED');
  });

  it('reopens once, with a fresh resolve limit, and a second reopening is refused', () => {
    const reopen: RequestCommand = {
      type: 'ReopenRequest',
      data: { reason: '仍然漏水', accountId: 'acc-o1', now: at('2026-11-02T10:00:00Z') },
    };
    const reopened: RequestEvent = {
      type: 'RequestReopened',
      data: { reason: '仍然漏水', reopenedAt: '2026-11-02T10:00:00.000Z', resolveBy: '2026-11-03T10:00:00.000Z' },
    };
    given([filed, dispatched, accepted, resolved]).when(reopen).then([reopened]);
    given([filed, dispatched, accepted, resolved, reopened, resolved])
      .when(reopen)
      .thenRefuses('REQUEST_ALREADY_REOPENED');
  });

  it('counts on time, satisfied and overdue as of a moment: a limit passed with the step undone is late', () => {
    const fold = (events: RequestEvent[]) => events.reduce(requestDecider.evolve, requestDecider.initialState());
    const open = fold([filed, dispatched]) as Exclude<ReturnType<typeof fold>, { status: 'none' }>;
    expect(overdueSteps(open, Date.parse('2026-11-02T02:59:00Z'))).toEqual([]);
    expect(overdueSteps(open, Date.parse('2026-11-03T02:00:00Z'))).toEqual(['ACKNOWLEDGE', 'RESOLVE']);
    const done = fold([
      filed,
      dispatched,
      accepted,
      resolved,
      { type: 'RequestRated', data: { rating: 'BASICALLY_SATISFIED', ratedAt: '2026-11-02T09:00:00.000Z' } },
    ]) as typeof open;
    const lateDone = fold([
      filed,
      dispatched,
      { ...accepted, data: { ...accepted.data, late: true } },
      resolved,
    ]) as typeof open;
    expect(requestFigures([open, done, lateDone], at('2026-11-10T00:00:00Z'))).toEqual({
      counted: 3,
      onTime: 1,
      rated: 1,
      satisfied: 1,
      reopened: 0,
    });
    expect(periodRequests([open, done], { startsAt: '2026-11-01T00:00:00Z', endsAt: '2026-11-02T01:00:00Z' })).toEqual(
      [],
    );
    expect(
      periodRequests([open, done], { startsAt: '2026-11-02T01:00:00Z', endsAt: '2026-12-01T00:00:00Z' }),
    ).toHaveLength(2);
  });
});
