import type { Voter } from '@gongzhi/domain/registry/counting.js';
import { propertyServiceDecider, type PropertyServiceCommand } from '@gongzhi/domain/services/property-service.js';
import { propertyServiceStream } from '@gongzhi/domain/services/property-service.events.js';
import { periodRequests, requestFigures } from '@gongzhi/domain/services/request-figures.js';
import { requestDecider, type FiledRequest } from '@gongzhi/domain/services/request.js';
import { requestStream } from '@gongzhi/domain/services/request.events.js';
import { voteFacts } from '@gongzhi/domain/services/vote-facts.js';
import { resolutionDecider } from '@gongzhi/domain/voting/resolution.js';
import { resolutionStream } from '@gongzhi/domain/voting/resolution.events.js';
import { countedForClose, RESOLUTION_VOTE } from '@gongzhi/receipts/counted-ballots.js';
import { verifyBundle } from '../../src/cli/verify/verify-bundle.js';
import type { BundleEvent } from '../../src/transparency/export/bundle-format.js';
import { BundleBuilder } from './bundle-builder.js';

const at = (iso: string) => new Date(iso);
const OWNERS = ['O1', 'O2', 'O3', 'O4'];
const VOTERS: Voter[] = OWNERS.map((ownerId, i) => ({
  voterId: ownerId,
  representativeId: ownerId,
  ownerIds: [ownerId],
  unitIds: [`1-10${i + 1}`],
  area: 9000n,
}));
const RATINGS = ['SATISFIED', 'DISSATISFIED', 'BASICALLY_SATISFIED'];
type Alter = (data: any) => void;

/**
 * A month of one community's property service, decided by the real deciders as the handlers decide
 * it: a SURVEY on cleaning (2 of 3 satisfied), three requests rated, the contract, the assessment and
 * the fee. `alter` changes what a step recorded before the log hashed it.
 */
function serviceMonth(alter: { rating?: Alter; assessment?: Alter } = {}) {
  const b = new BundleBuilder();
  const cid = b.communityId;
  const survey = resolutionStream('survey');
  b.decide(resolutionDecider, survey, {
    type: 'DraftResolution',
    data: {
      resolutionId: 'survey',
      communityId: cid,
      title: '三月保洁满意吗',
      description: '赞成：满意',
      matter: 'SURVEY',
      budget: null,
      rulebook: 'CN-CIVIL-CODE-2021',
      opensAt: at('2026-03-25T00:00:00Z'),
      closesAt: at('2026-04-01T00:00:00Z'),
      now: at('2026-03-10T00:00:00Z'),
    },
  });
  b.decide(resolutionDecider, survey, { type: 'PostResolution', data: { now: at('2026-03-10T00:00:00Z') } });
  b.decide(resolutionDecider, survey, {
    type: 'OpenResolution',
    data: { voters: VOTERS, rosterHash: 'ab'.repeat(32), now: at('2026-03-25T00:00:00Z') },
  });
  for (const [ownerId, choice] of [
    ['O1', 'FOR'],
    ['O2', 'FOR'],
    ['O3', 'AGAINST'],
  ] as const)
    b.decide(resolutionDecider, survey, {
      type: 'CastBallot',
      data: { ownerId, choice, channel: 'ONLINE', castBy: ownerId, now: at('2026-03-26T00:00:00Z') },
    });
  b.decide(resolutionDecider, survey, {
    type: 'CloseResolution',
    data: { now: at('2026-04-01T00:00:00Z'), counted: countedForClose(RESOLUTION_VOTE, b.stream(survey)) },
  });

  const ratings: BundleEvent[] = [];
  for (const [i, rating] of RATINGS.entries()) {
    const stream = requestStream(`rq${i}`);
    b.decide(requestDecider, stream, {
      type: 'FileRequest',
      data: {
        requestId: `rq${i}`,
        communityId: cid,
        rulebook: 'CN-CIVIL-CODE-2021',
        requester: { kind: 'OWNER', accountId: `acc-${i}` },
        category: 'SANITATION',
        urgency: 'ORDINARY',
        place: { kind: 'COMMON_AREA', ref: '北门' },
        text: '垃圾未清运',
        photoSha256s: [],
        roster: { units: new Set<string>(), buildings: new Set<string>() },
        now: at(`2026-03-0${i + 2}T00:00:00Z`),
      },
    });
    b.decide(requestDecider, stream, {
      type: 'DispatchRequest',
      data: { handler: 'PROPERTY_COMPANY', now: at(`2026-03-0${i + 2}T01:00:00Z`) },
    });
    // The third is accepted two days late.
    b.decide(requestDecider, stream, {
      type: 'AcceptRequest',
      data: { now: at(`2026-03-0${i === 2 ? 7 : i + 2}T02:00:00Z`) },
    });
    b.decide(requestDecider, stream, {
      type: 'ResolveRequest',
      data: { whatWasDone: '已清运', photoSha256s: [], now: at('2026-03-08T00:00:00Z') },
    });
    ratings.push(
      ...b.decide(
        requestDecider,
        stream,
        { type: 'RateRequest', data: { rating, accountId: `acc-${i}`, now: at('2026-03-09T00:00:00Z') } },
        i === 1 ? alter.rating : undefined,
      ),
    );
  }

  const service = propertyServiceStream(cid);
  const decide = (command: PropertyServiceCommand, change?: Alter) =>
    b.decide(propertyServiceDecider, service, command, change);
  decide({
    type: 'RegisterCompany',
    data: { companyId: 'co', name: '天桥物业', creditCode: '91370105MA3C000001', now: at('2026-02-20T00:00:00Z') },
  });
  decide({
    type: 'SignContract',
    data: {
      contractId: 'k',
      companyId: 'co',
      startsAt: at('2026-03-01T00:00:00Z'),
      endsAt: at('2026-04-01T00:00:00Z'),
      periodFeeFen: 3_000_000n,
      periods: [{ periodId: 'p3', startsAt: at('2026-03-01T00:00:00Z'), endsAt: at('2026-04-01T00:00:00Z') }],
      items: [{ itemId: 'cleaning', name: '保洁', standard: '每日两次' }],
      menu: null,
      formula: { weights: { survey: 40, onTime: 30, satisfaction: 30 }, bands: [{ below: 90, withholdPercent: 10 }] },
      now: at('2026-02-25T00:00:00Z'),
    },
  });
  const requests = RATINGS.map((_, i) => b.state(requestDecider, requestStream(`rq${i}`)) as FiledRequest);
  const assessedAt = at('2026-04-02T00:00:00Z');
  const [assessment] = decide(
    {
      type: 'PublishAssessment',
      data: {
        assessmentId: 'a',
        contractId: 'k',
        periodId: 'p3',
        surveys: [{ itemId: 'cleaning', vote: voteFacts('survey', b.state(resolutionDecider, survey)) }],
        requests: requestFigures(
          periodRequests(requests, { startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-04-01T00:00:00Z' }),
          assessedAt,
        ),
        now: assessedAt,
      },
    },
    alter.assessment,
  );
  const [release] = decide({
    type: 'ReleaseFee',
    data: { releaseId: 'f', contractId: 'k', periodId: 'p3', now: at('2026-04-03T00:00:00Z') },
  });
  return { b, ratings, assessment, release };
}

const verify = (b: BundleBuilder) => verifyBundle(b.lines(), { pinnedKey: b.keyFingerprint });
const servicesFailures = (report: Awaited<ReturnType<typeof verify>>) =>
  report.failures.filter((f) => f.check === 'services');

describe('gongzhi verify re-derives requests, assessments and fee releases (rules 34–37)', () => {
  it('verifies a clean month: every request step decided again, the score and the fee recomputed', async () => {
    const { b, assessment, release } = serviceMonth();
    // 40 × 2/3 + 30 × 2/3 + 30 × 2/3 = 200/3 = 66.66…: under 90, 10 % of 30000.00 withheld.
    expect(assessment.data).toMatchObject({ score: '200/3', points: '66.66', withheldFen: '300000' });
    expect(release.data).toMatchObject({ releasedFen: '2700000', withheldFen: '300000', assessmentId: 'a' });
    const report = await verify(b);
    expect(report.failures).toEqual([]);
    expect(report.rows.find((r) => r.check === 'services')).toMatchObject({ failed: 0, checked: 19 });
    expect(report.figures).toContain(
      'services: 3 requests decided again, 1 assessments recomputed, 27000.00 yuan released and 3000.00 withheld',
    );
    expect(report.ok).toBe(true);
  });

  it('names a rating the domain does not allow, recorded as the server was given it', async () => {
    const { b, ratings } = serviceMonth({ rating: (d) => (d.rating = 'EXCELLENT') });
    const report = await verify(b);
    expect(servicesFailures(report)[0]).toMatchObject({
      event: { eventId: ratings[1].eventId },
      message: expect.stringMatching(/refuse this RequestRated: rating must be one of SATISFIED/),
    });
    expect(report.ok).toBe(false);
  });

  it('names a rating changed after the log took it, and the assessment whose satisfaction it no longer gives', async () => {
    const { b, ratings, assessment } = serviceMonth();
    b.tamper(ratings[1].eventId, (d) => (d.rating = 'SATISFIED'));
    const report = await verify(b);
    expect(report.failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: expect.objectContaining({ eventId: ratings[1].eventId }) }),
        expect.objectContaining({
          check: 'services',
          event: expect.objectContaining({ eventId: assessment.eventId }),
          message: expect.stringMatching(/requests\.satisfied: recorded 2, re-derived 3/),
        }),
      ]),
    );
    expect(report.ok).toBe(false);
  });

  it('names an assessment that withheld less than its score withholds', async () => {
    const { b, assessment } = serviceMonth({ assessment: (d) => ((d.withheldFen = '0'), (d.payableFen = '3000000')) });
    const failures = servicesFailures(await verify(b));
    expect(failures[0]).toMatchObject({
      event: { eventId: assessment.eventId },
      message: expect.stringMatching(/withheldFen: recorded "0", re-derived "300000"/),
    });
  });

  it('names a fee released before any assessment', async () => {
    const b = new BundleBuilder();
    const service = propertyServiceStream(b.communityId);
    const [forged] = b.record(service, [
      {
        type: 'ServiceFeeReleased',
        data: {
          releaseId: 'f',
          contractId: 'k',
          periodId: 'p3',
          assessmentId: 'none',
          feeFen: '100',
          releasedFen: '100',
          withheldFen: '0',
          releasedAt: '2026-04-03T00:00:00.000Z',
        },
      },
    ]);
    const failures = servicesFailures(await verify(b));
    expect(failures[0]).toMatchObject({
      event: { eventId: forged.eventId },
      message: expect.stringMatching(/refuse this ServiceFeeReleased: .*no service contract k/),
    });
  });

  it("decides the property company's steps as the server does: its staff accept and resolve only what was dispatched to the company", async () => {
    const b = new BundleBuilder();
    const file = (requestId: string, handler: 'PROPERTY_COMPANY' | 'COMMITTEE') => {
      const stream = requestStream(requestId);
      b.actor = { id: 'acc-committee', role: 'committee' };
      b.decide(requestDecider, stream, {
        type: 'FileRequest',
        data: {
          requestId,
          communityId: b.communityId,
          rulebook: 'CN-CIVIL-CODE-2021',
          requester: { kind: 'OWNER', accountId: 'acc-o1' },
          category: 'REPAIR',
          urgency: 'ORDINARY',
          place: { kind: 'COMMON_AREA', ref: '北门' },
          text: '门禁坏了',
          photoSha256s: [],
          roster: { units: new Set<string>(), buildings: new Set<string>() },
          now: at('2026-03-02T00:00:00Z'),
        },
      });
      b.decide(requestDecider, stream, { type: 'DispatchRequest', data: { handler, now: at('2026-03-02T01:00:00Z') } });
      return stream;
    };
    const ours = file('rq-company', 'PROPERTY_COMPANY');
    const theirs = file('rq-committee', 'COMMITTEE');
    b.actor = { id: 'acc-staff', role: 'property_company' };
    const byCompany = { actingFor: 'PROPERTY_COMPANY' as const };
    b.decide(requestDecider, ours, { type: 'AcceptRequest', data: { now: at('2026-03-02T02:00:00Z'), ...byCompany } });
    b.decide(requestDecider, ours, {
      type: 'ResolveRequest',
      data: { whatWasDone: '换了门禁', photoSha256s: [], now: at('2026-03-03T00:00:00Z'), ...byCompany },
    });
    expect((await verify(b)).failures).toEqual([]);

    // A server that let the company's staff accept the committee's request: the log names the step.
    const [forged] = b.decide(requestDecider, theirs, {
      type: 'AcceptRequest',
      data: { now: at('2026-03-02T02:00:00Z') },
    });
    const failures = servicesFailures(await verify(b));
    expect(failures).toEqual([
      expect.objectContaining({
        event: expect.objectContaining({ eventId: forged.eventId }),
        message: expect.stringMatching(
          /refuse this RequestAccepted: .*dispatched to COMMITTEE; a PROPERTY_COMPANY desk may not accept it/,
        ),
      }),
    ]);
  });
});
