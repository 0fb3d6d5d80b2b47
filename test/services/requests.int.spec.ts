import { smallCommunity } from '../support/small-community.js';
import { TestServer } from '../support/test-server.js';

const PHOTO = 'b'.repeat(64);

/** Rules 34–35 through HTTP: a request from filing to rating, its late steps, and what the public sees. */
describe('residents’ requests through HTTP (rules 34–35)', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  let owners: Record<string, string>;
  const base = () => `/api/v1/communities/${cid}/requests`;

  beforeAll(async () => {
    server = await TestServer.start('services-requests', { GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600) });
    ({ communityId: cid, committee, ownerTokens: owners } = await smallCommunity(server));
  });
  afterAll(() => server.stop());

  it('refuses a request with an unknown category or unit, or a photo that is not a hash, writing nothing', async () => {
    const before = await server.storedEventCount();
    const good = { category: 'REPAIR', urgency: 'UTILITY', place: { kind: 'UNIT', ref: '1-101' }, text: '水管漏水' };
    const answers = await Promise.all([
      server.post(base(), { ...good, category: 'ROOF' }, { token: owners.O1 }),
      server.post(base(), { ...good, place: { kind: 'UNIT', ref: '9-999' } }, { token: owners.O1 }),
      server.post(base(), { ...good, photoSha256s: ['IMG_0001.jpg'] }, { token: owners.O1 }),
      server.post(base(), good),
    ]);
    expect(answers.map((a) => [a.status, a.body.code])).toEqual([
      [400, 'VALIDATION_FAILED'],
      [400, 'UNKNOWN_PLACE'],
      [400, 'VALIDATION_FAILED'],
      [401, 'UNAUTHENTICATED'],
    ]);
    expect(await server.storedEventCount()).toBe(before);
  });

  it('follows a request from filing to rating; late steps are recorded; the public never sees who filed or which flat', async () => {
    server.clock.set('2026-03-02T09:00:00+08:00');
    const filed = await server.post(
      base(),
      {
        category: 'REPAIR',
        urgency: 'UTILITY',
        place: { kind: 'UNIT', ref: '1-101' },
        text: '厨房水管漏水',
        photoSha256s: [PHOTO],
      },
      { token: owners.O1 },
    );
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      acknowledgeBy: '2026-03-02T03:00:00.000Z',
      resolveBy: '2026-03-03T01:00:00.000Z',
    });
    const rq = `${base()}/${filed.body.id}`;

    const publicView = await server.get(`${rq}?after=${filed.body.position}`);
    expect(publicView.body).toMatchObject({ place: { kind: 'UNIT', ref: null }, status: 'FILED' });
    expect(publicView.text).not.toContain('1-101');
    expect(JSON.stringify(publicView.body)).not.toMatch(/requester|accountId/);
    const mine = await server.get(`${base()}/mine`, { token: owners.O1 });
    expect(mine.body).toEqual([
      expect.objectContaining({ id: filed.body.id, mine: true, place: { kind: 'UNIT', ref: '1-101' } }),
    ]);
    expect((await server.get(`${base()}/mine`, { token: owners.O2 })).body).toEqual([]);

    // An owner is no handler; the committee dispatches, and accepts after the two-hour limit.
    expect((await server.post(`${rq}/dispatch`, { handler: 'PROPERTY_COMPANY' }, { token: owners.O1 })).status).toBe(
      403,
    );
    expect((await server.post(`${rq}/dispatch`, { handler: 'PROPERTY_COMPANY' }, { token: committee })).status).toBe(
      200,
    );
    server.clock.set('2026-03-02T11:30:00+08:00');
    const overdue = await server.get(`${base()}/overdue`);
    expect(overdue.body.map((r: { id: string; overdue: string[] }) => [r.id, r.overdue])).toEqual([
      [filed.body.id, ['ACKNOWLEDGE']],
    ]);
    const accepted = await server.post(`${rq}/accept`, undefined, { token: committee });
    expect(accepted.body).toMatchObject({ status: 'IN_HAND', lateSteps: 1 });
    const resolved = await server.post(
      `${rq}/resolve`,
      { whatWasDone: '更换阀门', photoSha256s: [PHOTO] },
      { token: committee },
    );
    expect(resolved.body).toMatchObject({ status: 'RESOLVED', lateSteps: 1 });

    // Only whoever filed it rates and reopens it, and reopens it once.
    const stranger = await server.post(`${rq}/rate`, { rating: 'SATISFIED' }, { token: owners.O2 });
    expect([stranger.status, stranger.body.code]).toEqual([403, 'NOT_THE_REQUESTER']);
    expect((await server.post(`${rq}/rate`, { rating: 'DISSATISFIED' }, { token: owners.O1 })).status).toBe(200);
    expect((await server.post(`${rq}/reopen`, { reason: '仍然漏水' }, { token: owners.O1 })).status).toBe(200);
    await server.post(`${rq}/resolve`, { whatWasDone: '更换整段水管' }, { token: committee });
    const again = await server.post(`${rq}/reopen`, { reason: '还是漏' }, { token: owners.O1 });
    expect([again.status, again.body.code]).toEqual([409, 'REQUEST_ALREADY_REOPENED']);
    const rated = await server.post(`${rq}/rate`, { rating: 'BASICALLY_SATISFIED' }, { token: owners.O1 });
    expect(rated.status).toBe(200);

    const stats = await server.get(`${base()}/stats?month=2026-03&after=${rated.body.position}`);
    expect(stats.body).toMatchObject({
      requests: 1,
      reopened: 1,
      onTime: { count: 0, of: 1, fraction: '0/1' },
      satisfaction: { count: 1, of: 1, fraction: '1/1', percent: '100.00%' },
      byHandler: [{ handler: 'PROPERTY_COMPANY', requests: 1 }],
      byCategory: [{ category: 'REPAIR', requests: 1 }],
    });
    const csv = await server.get(`${base()}.csv`);
    expect(csv.text).toContain(filed.body.id);
    expect(csv.text).not.toContain('1-101');
  });

  it('releases no fee before its assessment, writing nothing (先体验后付费)', async () => {
    const company = await server.post(
      `/api/v1/communities/${cid}/property-companies`,
      { companyId: 'wuye', name: '龙泽物业', creditCode: '91110114MA01ABCD2X' },
      { token: committee },
    );
    expect(company.status).toBe(201);
    const contractBody = (contractId: string, companyId: string) => ({
      contractId,
      companyId,
      startsAt: '2026-03-01T00:00:00+08:00',
      endsAt: '2026-04-01T00:00:00+08:00',
      periodFee: '20000.00',
      periods: [{ periodId: '2026-03', startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-04-01T00:00:00+08:00' }],
      items: [{ itemId: 'repairs', name: '维修', standard: '24小时内上门' }],
      formula: { weights: { survey: 50, onTime: 25, satisfaction: 25 }, bands: [{ below: 80, withholdPercent: 20 }] },
    });
    const contract = await server.post(`/api/v1/communities/${cid}/service-contracts`, contractBody('k1', 'wuye'), {
      token: committee,
    });
    expect(contract.status).toBe(201);
    const before = await server.storedEventCount();
    const early = await server.post(
      `/api/v1/communities/${cid}/service-contracts/k1/fee-releases`,
      { periodId: '2026-03' },
      { token: committee },
    );
    expect([early.status, early.body.code]).toEqual([409, 'ASSESSMENT_NOT_PUBLISHED']);
    const notOver = await server.post(
      `/api/v1/communities/${cid}/service-contracts/k1/assessments`,
      { periodId: '2026-03', surveys: [] },
      { token: committee },
    );
    expect([notOver.status, notOver.body.code]).toEqual([409, 'PERIOD_NOT_OVER']);
    // A contract id or company id that names a member of every object is no contract nor company (found by fuzzing).
    const steps = {
      'fee-releases': { periodId: '2026-03' },
      assessments: { periodId: '2026-03', surveys: [{ itemId: 'repairs', resolutionId: 'survey-1' }] },
    };
    for (const [step, body] of Object.entries(steps)) {
      const inherited = await server.post(`/api/v1/communities/${cid}/service-contracts/__proto__/${step}`, body, {
        token: committee,
      });
      // Not found (the contract, or first the survey votes an assessment names): never a 500.
      expect(inherited.status).toBe(404);
      if (step === 'fee-releases') expect(inherited.body.code).toBe('CONTRACT_NOT_FOUND');
    }
    const { formula: _formula, ...withoutFormula } = contractBody('k2', 'wuye');
    const noFormula = await server.post(`/api/v1/communities/${cid}/service-contracts`, withoutFormula, {
      token: committee,
    });
    expect([noFormula.status, noFormula.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(noFormula.body.message).toContain('formula is required');
    const wrapped = contractBody('k4', 'wuye');
    const nested = await server.post(
      `/api/v1/communities/${cid}/service-contracts`,
      { ...wrapped, items: [wrapped.items] },
      { token: committee },
    );
    expect([nested.status, nested.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const noCompany = await server.post(
      `/api/v1/communities/${cid}/service-contracts`,
      contractBody('k3', '__proto__'),
      { token: committee },
    );
    expect([noCompany.status, noCompany.body.code]).toEqual([404, 'COMPANY_NOT_FOUND']);
    expect(await server.storedEventCount()).toBe(before);
    const view = await server.get(`/api/v1/communities/${cid}/property-service?after=${contract.body.position}`);
    expect(view.body).toMatchObject({
      contractInForce: 'k1',
      contracts: [{ contractId: 'k1', periodFee: '20000.00', periods: [{ periodId: '2026-03', assessment: null }] }],
    });
  });
});
