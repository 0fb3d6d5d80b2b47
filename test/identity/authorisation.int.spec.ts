import { ADMIN, type ApiAnswer, communityWithCommittee, TestServer } from '../support/test-server.js';

/**
 * What a caller may do (API.md tables, DESIGN.md "Security": checked per community and per role;
 * a regulator reads, never writes), and the conventions every answer keeps (API.md "Conventions").
 */

/** Positions are transaction ids × 2²⁰ and xids are shared by every database of the test server: pick one no run reaches. */
const FAR_FUTURE_POSITION = '9000000000000000000';

const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

function expectErrorShape(answer: ApiAnswer, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/application\/json/);
  expect(answer.body).toEqual(
    expect.objectContaining({
      statusCode: status,
      code: expect.stringMatching(UPPER_SNAKE),
      message: expect.any(String),
    }),
  );
  expect(answer.body.message.trim().length).toBeGreaterThan(0);
}

function expectRefusal(answer: ApiAnswer, status: number, code: string): void {
  expect({ status: answer.status, code: answer.body?.code }).toEqual({ status, code });
  expectErrorShape(answer, status);
}

const owners = (...ids: string[]) => ids.map((ownerId) => ({ ownerId, name: `业主${ownerId}`, kind: 'PERSON' }));
const unit = (unitId: string, ownerId: string) => [
  { unitId, building: '1', areaM2: '88.00', ownerIds: [ownerId], representativeId: ownerId },
];
const newCommunity = (name: string) => ({ name, district: '海淀区', rulebook: 'CN-CIVIL-CODE-2021' });

describe('authorisation over HTTP: roles per community (API.md tables)', () => {
  let server: TestServer;
  let admin: string;
  let communityA: string;
  let communityB: string;
  let committeeA: string;
  let committeeB: string;
  let ownerA: string;
  let regulator: string;
  let auditorA: string;

  const roster = (communityId: string, token?: string) =>
    server.get(`/api/v1/communities/${communityId}/roster`, { token });

  beforeAll(async () => {
    server = await TestServer.start('authorisation', { GONGZHI_AFTER_WAIT_MS: '300' });
    ({ admin, communityId: communityA, committee: committeeA } = await communityWithCommittee(server, '学院路小区'));
    ({ communityId: communityB, committee: committeeB } = await communityWithCommittee(server, '中关村小区'));

    const registered = await server.post(`/api/v1/communities/${communityA}/owners`, owners('O001', 'O002', 'O003'), {
      token: committeeA,
    });
    if (registered.status !== 201) throw new Error(registered.text);
    const units = await server.post(`/api/v1/communities/${communityA}/units`, unit('1-1-101', 'O001'), {
      token: committeeA,
    });
    if (units.status !== 201) throw new Error(units.text);
    const inB = await server.post(`/api/v1/communities/${communityB}/owners`, owners('O001', 'O002'), {
      token: committeeB,
    });
    const unitsB = await server.post(`/api/v1/communities/${communityB}/units`, unit('2-1-101', 'O001'), {
      token: committeeB,
    });
    if (inB.status !== 201 || unitsB.status !== 201) throw new Error(`${inB.text} ${unitsB.text}`);
    ownerA = await server.activateAndSignIn(registered.body.activationCodes.O001, 'owner-a-o001');

    const invitedRegulator = await server.post('/api/v1/accounts/invitations', { role: 'regulator' }, { token: admin });
    regulator = await server.activateAndSignIn(invitedRegulator.body.activationCode, 'regulator-haidian');
    const invitedAuditor = await server.post(
      '/api/v1/accounts/invitations',
      { role: 'auditor', communityId: communityA },
      { token: admin },
    );
    auditorA = await server.activateAndSignIn(invitedAuditor.body.activationCode, 'auditor-a');

    // Everything above is projected before the tests read the roster.
    const caughtUp = await server.get(`/api/v1/communities?after=${unitsB.body.position}`);
    if (caughtUp.status !== 200) await server.get(`/api/v1/communities?after=${unitsB.body.position}`);
  });
  afterAll(() => server.stop());

  describe('403 FORBIDDEN: a valid token with the wrong role or community', () => {
    it('refuses an owner registering owners (a committee route), and writes nothing', async () => {
      const before = (await roster(communityA, committeeA)).body.totals;
      expectRefusal(
        await server.post(`/api/v1/communities/${communityA}/owners`, owners('O900'), { token: ownerA }),
        403,
        'FORBIDDEN',
      );
      expect((await roster(communityA, committeeA)).body.totals).toEqual(before);
    });

    it('refuses an owner registering units or transferring one', async () => {
      expectRefusal(
        await server.post(`/api/v1/communities/${communityA}/units`, unit('1-1-102', 'O001'), { token: ownerA }),
        403,
        'FORBIDDEN',
      );
      expectRefusal(
        await server.post(
          `/api/v1/communities/${communityA}/units/1-1-101/transfer`,
          { ownerIds: ['O002'], effectiveAt: '2026-02-01T00:00:00+08:00' },
          { token: ownerA },
        ),
        403,
        'FORBIDDEN',
      );
    });

    it('refuses an owner reading the roster', async () => {
      expectRefusal(await roster(communityA, ownerA), 403, 'FORBIDDEN');
    });

    it('refuses an owner registering a community', async () => {
      expectRefusal(
        await server.post('/api/v1/communities', newCommunity('业主自建小区'), { token: ownerA }),
        403,
        'FORBIDDEN',
      );
    });

    it('lets a committee member act on its own community (A)', async () => {
      const answer = await server.post(`/api/v1/communities/${communityA}/owners`, owners('O004'), {
        token: committeeA,
      });
      expect(answer.status).toBe(201);
      expect((await roster(communityA, committeeA)).status).toBe(200);
    });

    it('refuses a committee member of community A acting on community B, and writes nothing in B', async () => {
      const before = (await roster(communityB, committeeB)).body;
      expectRefusal(
        await server.post(`/api/v1/communities/${communityB}/owners`, owners('O901'), { token: committeeA }),
        403,
        'FORBIDDEN',
      );
      expectRefusal(
        await server.post(`/api/v1/communities/${communityB}/units`, unit('2-1-102', 'O001'), { token: committeeA }),
        403,
        'FORBIDDEN',
      );
      expectRefusal(
        await server.post(
          `/api/v1/communities/${communityB}/units/2-1-101/transfer`,
          { ownerIds: ['O002'], effectiveAt: '2026-02-01T00:00:00+08:00' },
          { token: committeeA },
        ),
        403,
        'FORBIDDEN',
      );
      expectRefusal(
        await server.request('POST', `/api/v1/communities/${communityB}/units:import`, {
          token: committeeA,
          raw: {
            contentType: 'text/csv',
            text: 'unitId,building,areaM2,ownerIds,representativeId\r\n2-1-103,2,50.00,O001,O001\r\n',
          },
        }),
        403,
        'FORBIDDEN',
      );
      expect((await roster(communityB, committeeB)).body).toEqual(before);
    });

    it("refuses a committee member of community A reading community B's roster", async () => {
      expectRefusal(await roster(communityB, committeeA), 403, 'FORBIDDEN');
    });

    it('refuses a committee member registering a community (admin or regulator only)', async () => {
      expectRefusal(
        await server.post('/api/v1/communities', newCommunity('业委会自建小区'), { token: committeeA }),
        403,
        'FORBIDDEN',
      );
    });

    it('refuses a committee member appointing a managing body (admin or regulator only)', async () => {
      expectRefusal(
        await server.post(
          `/api/v1/communities/${communityA}/managing-body`,
          { kind: 'PMC', members: [{ name: '赵六', login: 'zhao-liu' }] },
          { token: committeeA },
        ),
        403,
        'FORBIDDEN',
      );
    });

    it('refuses an auditor reading the roster or registering owners', async () => {
      expectRefusal(await roster(communityA, auditorA), 403, 'FORBIDDEN');
      expectRefusal(
        await server.post(`/api/v1/communities/${communityA}/owners`, owners('O902'), { token: auditorA }),
        403,
        'FORBIDDEN',
      );
    });

    it('lets a regulator read the roster of every community (a global reader)', async () => {
      const a = await roster(communityA, regulator);
      const b = await roster(communityB, regulator);
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      expect(a.body.units.map((u: { unitId: string }) => u.unitId)).toContain('1-1-101');
      expect(b.body.units.map((u: { unitId: string }) => u.unitId)).toContain('2-1-101');
    });

    it("refuses a regulator doing a committee's work: a regulator reads, never writes", async () => {
      expectRefusal(
        await server.post(`/api/v1/communities/${communityA}/owners`, owners('O903'), { token: regulator }),
        403,
        'FORBIDDEN',
      );
      expectRefusal(
        await server.post(`/api/v1/communities/${communityA}/units`, unit('1-1-103', 'O001'), { token: regulator }),
        403,
        'FORBIDDEN',
      );
      expectRefusal(
        await server.post(
          `/api/v1/communities/${communityA}/units/1-1-101/transfer`,
          { ownerIds: ['O002'], effectiveAt: '2026-02-01T00:00:00+08:00' },
          { token: regulator },
        ),
        403,
        'FORBIDDEN',
      );
    });

    it('lets a regulator register a community and appoint its managing body, as API.md allows', async () => {
      const created = await server.post('/api/v1/communities', newCommunity('清河小区'), { token: regulator });
      expect(created.status).toBe(201);
      const appointed = await server.post(
        `/api/v1/communities/${created.body.id}/managing-body`,
        { kind: 'PREPARATORY_GROUP', members: [{ name: '钱七', login: 'qian-qi' }] },
        { token: regulator },
      );
      expect(appointed.status).toBe(201);
    });

    it('refuses anyone but an administrator issuing invitations', async () => {
      for (const token of [regulator, committeeA, ownerA, auditorA]) {
        expectRefusal(
          await server.post('/api/v1/accounts/invitations', { role: 'regulator' }, { token }),
          403,
          'FORBIDDEN',
        );
      }
    });

    it('answers 401, not 403, for the roster without a token', async () => {
      expectRefusal(await roster(communityA), 401, 'UNAUTHENTICATED');
    });

    it('shows the public the community summary without a token, and no owner names in it', async () => {
      const list = await server.get('/api/v1/communities');
      const one = await server.get(`/api/v1/communities/${communityA}`);
      expect(list.status).toBe(200);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: communityA, units: 1 });
      expect(one.text).not.toContain('业主O001');
      expect(list.text).not.toContain('业主O001');
    });
  });

  describe('the HTTP edge (API.md "Conventions")', () => {
    it('gives every 4xx body a statusCode, an UPPER_SNAKE code and a non-empty message', async () => {
      const answers: [number, ApiAnswer][] = [
        [
          400,
          await server.post(
            '/api/v1/communities',
            { name: '', district: '海淀区', rulebook: 'CN-BEIJING-2020' },
            { token: admin },
          ),
        ],
        [
          400,
          await server.request('POST', '/api/v1/communities', {
            token: admin,
            raw: { contentType: 'application/json', text: '{"name":' },
          }),
        ],
        [400, await server.get('/api/v1/communities?after=abc')],
        [401, await server.get('/api/v1/auth/me')],
        [401, await server.get('/api/v1/auth/me', { token: 'a.b.c' })],
        [401, await server.post('/api/v1/auth/token', { login: ADMIN.login, secret: 'wrong-secret-here' })],
        [403, await roster(communityA, ownerA)],
        [404, await server.get('/api/v1/no-such-route')],
        [404, await server.get('/api/v1/communities/no-such-community')],
        [409, await server.post(`/api/v1/communities/${communityA}/owners`, owners('O001'), { token: committeeA })],
      ];
      for (const [status, answer] of answers) expectErrorShape(answer, status);
    });

    it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
      const answer = await server.request('POST', '/api/v1/communities', {
        token: admin,
        raw: { contentType: 'application/json', text: '{"name": "未闭合", "district": ' },
      });
      expectRefusal(answer, 400, 'MALFORMED_JSON');
    });

    it('answers an unknown route with 404 in the error shape', async () => {
      expectErrorShape(await server.get('/api/v1/no-such-route'), 404);
      expectErrorShape(await server.post('/api/v1/no-such-route', {}, { token: admin }), 404);
    });

    it('answers a path outside /api/v1 that nothing serves with 404', async () => {
      // Outside the API the error shape is not promised: Nest leaves these to Express (an HTML page).
      expect((await server.get('/no-such-route-outside-the-api')).status).toBe(404);
    });

    it('answers a JSON body over the 5 MB limit with 413 PAYLOAD_TOO_LARGE', async () => {
      const answer = await server.post(
        '/api/v1/communities',
        { ...newCommunity('大'), street: 'x'.repeat(5 * 1024 * 1024 + 1024) },
        { token: admin },
      );
      expectRefusal(answer, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('refuses a JSON body that is not an object with 400, not a 500', async () => {
      for (const text of ['[]', '"a string"', 'null', '42']) {
        const answer = await server.request('POST', '/api/v1/communities', {
          token: admin,
          raw: { contentType: 'application/json', text },
        });
        expectErrorShape(answer, 400);
      }
    });

    it('refuses a body in another content type on a JSON route with a 4xx, not a 500', async () => {
      for (const [contentType, text] of [
        ['text/plain', '{"name":"纯文本","district":"海淀区","rulebook":"CN-BEIJING-2020"}'],
        ['application/xml', '<community/>'],
      ]) {
        const answer = await server.request('POST', '/api/v1/communities', {
          token: admin,
          raw: { contentType, text },
        });
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expectErrorShape(answer, answer.status);
      }
    });

    it('answers ?after= beyond anything written with 503 PROJECTIONS_BEHIND and Retry-After, after waiting GONGZHI_AFTER_WAIT_MS', async () => {
      const started = Date.now();
      const answer = await server.get(`/api/v1/communities?after=${FAR_FUTURE_POSITION}`);
      const waited = Date.now() - started;
      expectRefusal(answer, 503, 'PROJECTIONS_BEHIND');
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(waited).toBeGreaterThanOrEqual(250);
      expect(waited).toBeLessThan(3000);
      const rosterAnswer = await server.get(`/api/v1/communities/${communityA}/roster?after=${FAR_FUTURE_POSITION}`, {
        token: committeeA,
      });
      expectRefusal(rosterAnswer, 503, 'PROJECTIONS_BEHIND');
      expect(rosterAnswer.headers.get('retry-after')).not.toBeNull();
    });

    it.each(['abc', '-1', '1.5', ''])('refuses ?after=%s with 400', async (after) => {
      if (after === '') {
        // An empty value is no position either.
        expectErrorShape(await server.get('/api/v1/communities?after='), 400);
        return;
      }
      expectRefusal(await server.get(`/api/v1/communities?after=${after}`), 400, 'VALIDATION_FAILED');
    });

    it('answers ?after= at a position already written once projections reach it', async () => {
      const written = await server.post(`/api/v1/communities/${communityA}/owners`, owners('O005'), {
        token: committeeA,
      });
      expect(written.status).toBe(201);
      let answer = await server.get(`/api/v1/communities/${communityA}/roster?after=${written.body.position}`, {
        token: committeeA,
      });
      // The server waits only 300 ms in this suite; a missed notification costs one poll (500 ms).
      if (answer.status === 503)
        answer = await server.get(`/api/v1/communities/${communityA}/roster?after=${written.body.position}`, {
          token: committeeA,
        });
      expect(answer.status).toBe(200);
      expect(answer.body.owners.map((o: { ownerId: string }) => o.ownerId)).toContain('O005');
    });
  });

  describe('health and API documents', () => {
    it('GET /health/live answers 200', async () => {
      const answer = await server.get('/health/live');
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ status: 'up' });
    });

    it('GET /health/ready answers 200 with the event store head and the projections checkpoint', async () => {
      const answer = await server.get('/health/ready');
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        status: 'ready',
        eventStore: { head: expect.stringMatching(/^\d+$/) },
        projections: { checkpoint: expect.stringMatching(/^\d+$/), caughtUp: expect.any(Boolean) },
      });
      expect(BigInt(answer.body.eventStore.head)).toBeGreaterThan(0n);
    });

    it('GET /api/docs-json is an OpenAPI 3 document listing /api/v1/communities', async () => {
      const answer = await server.get('/api/docs-json');
      expect(answer.status).toBe(200);
      expect(answer.body.openapi).toMatch(/^3\./);
      expect(Object.keys(answer.body.paths)).toEqual(
        expect.arrayContaining(['/api/v1/communities', '/api/v1/auth/token', '/api/v1/communities/{cid}/roster']),
      );
      expect(answer.body.components.securitySchemes).toHaveProperty('bearer');
    });

    it('GET /api/docs serves HTML', async () => {
      const answer = await server.get('/api/docs');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/text\/html/);
      expect(answer.text).toMatch(/<html/i);
    });
  });
});
