import { LONG_TOKENS } from '../elections/support.js';
import { smallCommunity } from '../support/small-community.js';
import { ADMIN, TestServer } from '../support/test-server.js';
import { logKeyFingerprint, runVerify, signedExport } from '../transparency/log-helpers.js';

const PHOTO = 'c'.repeat(64);
const contract = (contractId: string, companyId: string, startsAt: string, endsAt: string) => ({
  contractId,
  companyId,
  startsAt,
  endsAt,
  periodFee: '20000.00',
  periods: [{ periodId: 'P', startsAt, endsAt }],
  items: [{ itemId: 'repairs', name: '维修', standard: '24小时内上门' }],
  formula: { weights: { survey: 50, onTime: 25, satisfaction: 25 }, bands: [{ below: 80, withholdPercent: 20 }] },
});

/**
 * Rule 34's handler with its own accounts: the committee names the property company's staff, each
 * activates a code, and accepts and resolves what was dispatched to the company, not anything else;
 * removed staff, and staff of a company replaced or whose contract has ended, are refused.
 */
describe("the property company's desk through HTTP (rule 34)", () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  let owners: Record<string, string>;
  const staffBase = () => `/api/v1/communities/${cid}/property-company/staff`;
  const requests = () => `/api/v1/communities/${cid}/requests`;

  beforeAll(async () => {
    server = await TestServer.start('services-company-desk', LONG_TOKENS);
    server.clock.set('2026-03-02T09:00:00+08:00');
    ({ communityId: cid, committee, ownerTokens: owners } = await smallCommunity(server));
  });
  afterAll(() => server.stop());

  const file = async (text: string) => {
    const filed = await server.post(
      requests(),
      { category: 'REPAIR', urgency: 'ORDINARY', place: { kind: 'COMMON_AREA', ref: '北门' }, text },
      { token: owners.O1 },
    );
    expect(filed.status).toBe(201);
    return `${requests()}/${filed.body.id}`;
  };
  const staffMember = async (name: string, login: string) => {
    const added = await server.post(staffBase(), { name, login }, { token: committee });
    expect(added.status).toBe(201);
    return { ...added.body, token: await server.activateAndSignIn(added.body.activationCode, login) };
  };

  it('names no staff before a company serves, nor for anyone but the committee, nor from bad input, writing nothing', async () => {
    const before = await server.storedEventCount();
    const answers = await Promise.all([
      server.post(staffBase(), { name: '王师傅', login: 'wang.wuye' }, { token: committee }),
      server.post(staffBase(), { name: '王师傅', login: 'wang.wuye' }, { token: owners.O1 }),
      server.post(staffBase(), { name: '王师傅', login: 'wang.wuye' }),
      server.post(staffBase(), { name: '', login: 'wang.wuye' }, { token: committee }),
      server.post(staffBase(), { name: '   ', login: 'wang.wuye' }, { token: committee }),
      server.post(staffBase(), { name: '王师傅', login: 'a b' }, { token: committee }),
      server.post(staffBase(), { name: '王师傅' }, { token: committee }),
      server.post(
        `/api/v1/communities/no-such/property-company/staff`,
        { name: '王', login: 'wang' },
        { token: committee },
      ),
    ]);
    expect(answers.map((a) => [a.status, a.body.code])).toEqual([
      [409, 'NO_COMPANY_SERVING'],
      [403, 'FORBIDDEN'],
      [401, 'UNAUTHENTICATED'],
      [400, 'VALIDATION_FAILED'],
      [400, 'INVALID_NAME'],
      [400, 'VALIDATION_FAILED'],
      [400, 'VALIDATION_FAILED'],
      [403, 'FORBIDDEN'],
    ]);
    expect((await server.get(staffBase(), { token: committee })).body).toEqual([]);
    expect(await server.storedEventCount()).toBe(before);
  });

  it("lets the company's staff accept and resolve what was dispatched to the company, and nothing else; the log names their role and verify agrees", async () => {
    const company = await server.post(
      `/api/v1/communities/${cid}/property-companies`,
      { companyId: 'wuye', name: '龙泽物业', creditCode: '91110114MA01ABCD2X' },
      { token: committee },
    );
    expect(company.status).toBe(201);
    const signed = await server.post(
      `/api/v1/communities/${cid}/service-contracts`,
      contract('k1', 'wuye', '2026-03-01T00:00:00+08:00', '2026-04-01T00:00:00+08:00'),
      { token: committee },
    );
    expect(signed.status).toBe(201);
    const wang = await staffMember('王师傅', 'wang.wuye');
    expect(wang).toMatchObject({ companyId: 'wuye', name: '王师傅', login: 'wang.wuye' });
    const me = await server.get('/api/v1/auth/me', { token: wang.token });
    expect(me.body.grants).toEqual([{ role: 'property_company', communityId: cid, subjectId: wang.staffId }]);

    const ours = await file('北门门禁坏了');
    const flat = await server.post(
      requests(),
      { category: 'REPAIR', urgency: 'UTILITY', place: { kind: 'UNIT', ref: '1-101' }, text: '卫生间漏水' },
      { token: owners.O1 },
    );
    await server.post(`${requests()}/${flat.body.id}/dispatch`, { handler: 'PROPERTY_COMPANY' }, { token: committee });
    const theirs = await file('楼道灯不亮');
    const undispatched = await file('绿地有积水');
    await server.post(`${ours}/dispatch`, { handler: 'PROPERTY_COMPANY' }, { token: committee });
    const dispatched = await server.post(`${theirs}/dispatch`, { handler: 'COMMITTEE' }, { token: committee });

    // The company's queue: what was dispatched to it, the flat in full (the public sees only "a unit"), never who filed.
    const queue = await server.get(
      `/api/v1/communities/${cid}/property-company/queue?after=${dispatched.body.position}`,
      { token: wang.token },
    );
    // Filed within one moment of the test clock: their order is the request ids', so compare by text.
    const queued = (queue.body as { text: string; place: unknown }[])
      .map((r) => [r.text, r.place])
      .sort(([a], [b]) => String(a).localeCompare(String(b)));
    expect(queued).toEqual(
      [
        ['北门门禁坏了', { kind: 'COMMON_AREA', ref: '北门' }],
        ['卫生间漏水', { kind: 'UNIT', ref: '1-101' }],
      ].sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
    expect(queue.text).not.toMatch(/requester|accountId|acc-/);
    const ownerQueue = await server.get(`/api/v1/communities/${cid}/property-company/queue`, { token: owners.O1 });
    expect([ownerQueue.status, ownerQueue.body.code]).toEqual([403, 'FORBIDDEN']);

    const before = await server.storedEventCount();
    const refused = await Promise.all([
      server.post(`${undispatched}/dispatch`, { handler: 'PROPERTY_COMPANY' }, { token: wang.token }),
      server.post(`${theirs}/accept`, undefined, { token: wang.token }),
      server.post(`${undispatched}/accept`, undefined, { token: wang.token }),
      server.post(`${ours}/rate`, { rating: 'SATISFIED' }, { token: wang.token }),
      server.post(`${ours}/reopen`, { reason: '没修好' }, { token: wang.token }),
      server.post(
        `${requests()}`,
        { category: 'REPAIR', urgency: 'ORDINARY', place: { kind: 'COMMON_AREA', ref: '北门' }, text: '自己报的' },
        { token: wang.token },
      ),
      server.post(staffBase(), { name: '李师傅', login: 'li.wuye' }, { token: wang.token }),
      server.get(staffBase(), { token: wang.token }),
    ]);
    expect(refused.map((a) => [a.status, a.body.code])).toEqual([
      [403, 'FORBIDDEN'],
      [403, 'NOT_THE_HANDLER'],
      [403, 'NOT_THE_HANDLER'],
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
    ]);
    expect(await server.storedEventCount()).toBe(before);

    expect((await server.post(`${ours}/accept`, undefined, { token: wang.token })).body).toMatchObject({
      status: 'IN_HAND',
      lateSteps: 0,
    });
    const badResolve = await Promise.all([
      server.post(`${ours}/resolve`, { whatWasDone: '', photoSha256s: [] }, { token: wang.token }),
      server.post(`${ours}/resolve`, { whatWasDone: '   ' }, { token: wang.token }),
      server.post(`${ours}/resolve`, { whatWasDone: '换了', photoSha256s: ['IMG_1.jpg'] }, { token: wang.token }),
      server.post(`${theirs}/resolve`, { whatWasDone: '换了灯' }, { token: wang.token }),
    ]);
    expect(badResolve.map((a) => [a.status, a.body.code])).toEqual([
      [400, 'VALIDATION_FAILED'],
      [400, 'INVALID_TEXT'],
      [400, 'VALIDATION_FAILED'],
      [403, 'NOT_THE_HANDLER'],
    ]);
    expect(await server.storedEventCount()).toBe(before + 1);
    const resolved = await server.post(
      `${ours}/resolve`,
      { whatWasDone: '更换门禁读卡器', photoSha256s: [PHOTO] },
      { token: wang.token },
    );
    expect(resolved.body).toMatchObject({ status: 'RESOLVED', lateSteps: 0 });
    // The committee keeps what it had: it still takes any handler's steps.
    expect((await server.post(`${theirs}/accept`, undefined, { token: committee })).status).toBe(200);
    const rated = await server.post(`${ours}/rate`, { rating: 'SATISFIED' }, { token: owners.O1 });
    expect(rated.status).toBe(200);

    const view = await server.get(`${ours}?after=${rated.body.position}`);
    expect(view.body).toMatchObject({ handler: 'PROPERTY_COMPANY', status: 'RESOLVED', whatWasDone: '更换门禁读卡器' });

    // The public log records who took each step: the company's staff by their role, the committee by its.
    const admin = await server.signIn(ADMIN.login, ADMIN.secret);
    const bundle = await signedExport(server, cid, admin, rated.body.position, 60_000);
    const events = bundle
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((line) => line.record === 'event');
    const roles = (type: string) =>
      events.filter((e) => e.type === type).map((e) => (e.metadata as { actor: { role: string } }).actor.role);
    expect(roles('RequestAccepted')).toEqual(['property_company', 'committee']);
    expect(roles('RequestResolved')).toEqual(['property_company']);
    expect(roles('RequestDispatched')).toEqual(['committee', 'committee', 'committee']);
    const verified = await runVerify(bundle, { key: await logKeyFingerprint(server) });
    expect(verified.out).toMatch(/^services\s+[1-9]\d*\s+OK$/m);
    expect(verified.code).toBe(0);
  });

  it('refuses a removed staff member, and voids the code of one who never activated it', async () => {
    const li = await staffMember('李师傅', 'li.wuye');
    const unused = await server.post(staffBase(), { name: '赵师傅', login: 'zhao.wuye' }, { token: committee });
    expect(unused.status).toBe(201);
    const rq = await file('电梯异响');
    await server.post(`${rq}/dispatch`, { handler: 'PROPERTY_COMPANY' }, { token: committee });

    const badRemovals = await Promise.all([
      server.post(`${staffBase()}/00000000-0000-4000-8000-000000000000/removal`, undefined, { token: committee }),
      server.post(`${staffBase()}/not-a-uuid/removal`, undefined, { token: committee }),
      server.post(`${staffBase()}/${li.staffId}/removal`, undefined, { token: owners.O1 }),
      server.post(`${staffBase()}/${li.staffId}/removal`, undefined, { token: li.token }),
    ]);
    expect(badRemovals.map((a) => [a.status, a.body.code])).toEqual([
      [404, 'STAFF_NOT_FOUND'],
      [404, 'STAFF_NOT_FOUND'],
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
    ]);
    const removed = await server.post(`${staffBase()}/${li.staffId}/removal`, undefined, { token: committee });
    expect(removed.body).toEqual({ staffId: li.staffId, grantsEnded: 1, codesVoided: 0 });
    const again = await server.post(`${staffBase()}/${li.staffId}/removal`, undefined, { token: committee });
    expect([again.status, again.body.code]).toEqual([409, 'STAFF_ALREADY_REMOVED']);
    expect(
      (await server.post(`${staffBase()}/${unused.body.staffId}/removal`, undefined, { token: committee })).body,
    ).toEqual({ staffId: unused.body.staffId, grantsEnded: 0, codesVoided: 1 });

    const before = await server.storedEventCount();
    const refused = await server.post(`${rq}/accept`, undefined, { token: li.token });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    const late = await server.post('/api/v1/auth/activate', {
      activationCode: unused.body.activationCode,
      login: 'zhao.wuye',
      secret: 'secret-of-zhao.wuye',
    });
    expect([late.status, late.body.code]).toEqual([400, 'ACTIVATION_FAILED']);
    expect(await server.storedEventCount()).toBe(before);

    const list = (await server.get(staffBase(), { token: committee })).body;
    expect(
      list.map((s: { name: string; removedBecause: string | null; activatedAt: string | null }) => [
        s.name,
        s.removedBecause,
        s.activatedAt !== null,
      ]),
    ).toEqual([
      ['王师傅', null, true],
      ['李师傅', 'REMOVED', true],
      ['赵师傅', 'REMOVED', false],
    ]);
  });

  it("ends a company's desk when another company is registered, and the new company's when its last contract ends", async () => {
    const rq = await file('单元门闭门器坏了');
    await server.post(`${rq}/dispatch`, { handler: 'PROPERTY_COMPANY' }, { token: committee });
    const wang = (await server.get(staffBase(), { token: committee })).body[0];
    const wangToken = await server.signIn('wang.wuye', 'secret-of-wang.wuye');

    const next = await server.post(
      `/api/v1/communities/${cid}/property-companies`,
      { companyId: 'xinwuye', name: '新物业', creditCode: '91110114MA01ABCD3X' },
      { token: committee },
    );
    expect(next.status).toBe(201);
    const replaced = await server.post(`${rq}/accept`, undefined, { token: wangToken });
    expect([replaced.status, replaced.body.code]).toEqual([403, 'FORBIDDEN']);
    const list = (await server.get(staffBase(), { token: committee })).body;
    expect(list.find((s: { staffId: string }) => s.staffId === wang.staffId)).toMatchObject({
      removedBecause: 'COMPANY_REPLACED',
    });

    expect(
      (
        await server.post(
          `/api/v1/communities/${cid}/service-contracts`,
          contract('k2', 'xinwuye', '2026-04-01T00:00:00+08:00', '2026-05-01T00:00:00+08:00'),
          { token: committee },
        )
      ).status,
    ).toBe(201);
    const sun = await staffMember('孙师傅', 'sun.xinwuye');
    expect(sun.companyId).toBe('xinwuye');
    server.clock.set('2026-05-01T00:00:00+08:00');
    const before = await server.storedEventCount();
    const ended = await server.post(`${rq}/accept`, undefined, { token: sun.token });
    expect([ended.status, ended.body.code]).toEqual([403, 'COMPANY_NOT_SERVING']);
    const endedQueue = await server.get(`/api/v1/communities/${cid}/property-company/queue`, { token: sun.token });
    expect([endedQueue.status, endedQueue.body.code]).toEqual([403, 'COMPANY_NOT_SERVING']);
    const noneServes = await server.post(staffBase(), { name: '周师傅', login: 'zhou.xinwuye' }, { token: committee });
    expect([noneServes.status, noneServes.body.code]).toEqual([409, 'NO_COMPANY_SERVING']);
    expect(await server.storedEventCount()).toBe(before);
  });
});
