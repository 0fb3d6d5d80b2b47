import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { ADMIN, type ApiAnswer, communityWithCommittee, TestServer } from '../support/test-server.js';

/**
 * Who is calling (API.md "Identity", DESIGN.md "Security"): tokens, activation codes, sign-in and its
 * rate limit, the first administrator, and Idempotency-Key. The server's clock is a ManualClock that
 * some tests move forward, so every test signs in afresh rather than keeping a token across tests.
 */

const TOKEN_TTL_MS = 900 * 1000;

function expectRefusal(answer: ApiAnswer, status: number, code: string): void {
  expect({ status: answer.status, code: answer.body?.code }).toEqual({ status, code });
  expect(answer.body.statusCode).toBe(status);
  expect(typeof answer.body.message).toBe('string');
  expect(answer.body.message.length).toBeGreaterThan(0);
}

/** A code read back the way a person might type it off the letter. */
const sloppy = (code: string) => code.toLowerCase().replace(/-/g, '');

describe('authentication over HTTP (API.md "Identity", DESIGN.md "Security")', () => {
  let server: TestServer;
  let communityA: string;
  let communityB: string;
  let committeeA: { login: string; secret: string };
  /** Owner activation codes of community A (O001…O030) and B (O001…O005), none used yet. */
  let codesA: Record<string, string>;
  let codesB: Record<string, string>;

  const admin = () => server.signIn(ADMIN.login, ADMIN.secret);
  const me = (token: string) => server.get('/api/v1/auth/me', { token });
  const activate = (activationCode: string, login: string, secret: string) =>
    server.post('/api/v1/auth/activate', { activationCode, login, secret });
  const signInAnswer = (login: string, secret: string) => server.post('/api/v1/auth/token', { login, secret });

  async function registerOwners(token: string, communityId: string, count: number): Promise<Record<string, string>> {
    const owners = Array.from({ length: count }, (_, i) => ({
      ownerId: `O${String(i + 1).padStart(3, '0')}`,
      name: `业主${i + 1}`,
      kind: 'PERSON',
    }));
    const answer = await server.post(`/api/v1/communities/${communityId}/owners`, owners, { token });
    if (answer.status !== 201) throw new Error(`owners not registered: ${answer.text}`);
    return answer.body.activationCodes;
  }

  beforeAll(async () => {
    server = await TestServer.start('authentication');
    const a = await communityWithCommittee(server, '龙泽苑');
    const b = await communityWithCommittee(server, '天通苑');
    communityA = a.communityId;
    communityB = b.communityId;
    const chairA = `chair-${communityA.slice(0, 8)}`;
    committeeA = { login: chairA, secret: `secret-of-${chairA}` };
    codesA = await registerOwners(a.committee, communityA, 30);
    codesB = await registerOwners(b.committee, communityB, 5);
  });
  afterAll(() => server.stop());

  describe('tokens', () => {
    it('refuses a protected route without a token: 401 UNAUTHENTICATED', async () => {
      expectRefusal(await server.get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
      expectRefusal(
        await server.post('/api/v1/communities', { name: 'x', district: 'y', rulebook: 'CN-BEIJING-2020' }),
        401,
        'UNAUTHENTICATED',
      );
      expectRefusal(await server.get(`/api/v1/communities/${communityA}/roster`), 401, 'UNAUTHENTICATED');
    });

    it('answers a valid token with its account and grants (GET /auth/me)', async () => {
      const answer = await me(await admin());
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        login: ADMIN.login,
        grants: [{ role: 'admin', communityId: null, subjectId: null }],
      });
      expect(answer.body.accountId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it.each([
      ['no scheme', (t: string) => t],
      ['the Basic scheme', () => `Basic ${Buffer.from('admin:admin-secret-for-tests').toString('base64')}`],
      ['"Bearer" alone', () => 'Bearer'],
      ['a bearer value that is not a JWT', () => 'Bearer not-a-token'],
      ['two tokens', (t: string) => `Bearer ${t} ${t}`],
    ])('refuses a malformed Authorization header (%s): 401 INVALID_TOKEN', async (_what, header) => {
      const token = await admin();
      expectRefusal(
        await server.get('/api/v1/auth/me', { headers: { authorization: header(token) } }),
        401,
        'INVALID_TOKEN',
      );
    });

    it('refuses a token signed with another key (forged): 401 INVALID_TOKEN', async () => {
      const real = await me(await admin());
      const issuedAt = Math.floor(server.clock.now().getTime() / 1000);
      const forged = await new SignJWT({ login: ADMIN.login })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(real.body.accountId)
        .setIssuer('gongzhi')
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + 900)
        .sign(randomBytes(32));
      expectRefusal(await me(forged), 401, 'INVALID_TOKEN');
    });

    it('refuses a token whose signature was altered: 401 INVALID_TOKEN', async () => {
      const [header, payload, signature] = (await admin()).split('.');
      // A character in the middle: the last one of a base64url signature may carry only padding bits.
      const i = Math.floor(signature.length / 2);
      const altered = signature.slice(0, i) + (signature[i] === 'A' ? 'B' : 'A') + signature.slice(i + 1);
      expectRefusal(await me(`${header}.${payload}.${altered}`), 401, 'INVALID_TOKEN');
    });

    it('refuses a token whose payload was altered to name another account: 401 INVALID_TOKEN', async () => {
      const committeeToken = await server.signIn(committeeA.login, committeeA.secret);
      const adminId = (await me(await admin())).body.accountId;
      const [header, payload, signature] = committeeToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      const swapped = Buffer.from(JSON.stringify({ ...claims, sub: adminId })).toString('base64url');
      expectRefusal(await me(`${header}.${swapped}.${signature}`), 401, 'INVALID_TOKEN');
    });

    it('refuses an unsigned token (alg "none"): 401 INVALID_TOKEN', async () => {
      const adminId = (await me(await admin())).body.accountId;
      const issuedAt = Math.floor(server.clock.now().getTime() / 1000);
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: adminId, iss: 'gongzhi', iat: issuedAt, exp: issuedAt + 900 })}.AAAA`;
      expectRefusal(await me(unsigned), 401, 'INVALID_TOKEN');
    });

    it('refuses an invalid token even on a public route: 401 INVALID_TOKEN', async () => {
      expectRefusal(await server.get('/api/v1/communities', { token: 'a.b.c' }), 401, 'INVALID_TOKEN');
    });

    it('accepts a token for its 900 s, then refuses it: 401 TOKEN_EXPIRED', async () => {
      const signedIn = await signInAnswer(ADMIN.login, ADMIN.secret);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.expiresIn).toBe(900);
      const token = signedIn.body.accessToken;
      server.clock.advance(TOKEN_TTL_MS - 60 * 1000);
      expect((await me(token)).status).toBe(200);
      server.clock.advance(2 * 60 * 1000);
      expectRefusal(await me(token), 401, 'TOKEN_EXPIRED');
    });

    it('accepts a token used before up to the second before its exp, and refuses it at exp: 401 TOKEN_EXPIRED', async () => {
      // Checked once and remembered (token.service.ts): the time bounds must still be jose's, to the second.
      const token = await admin();
      const exp = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).exp as number;
      expect((await me(token)).status).toBe(200);
      server.clock.advance(exp * 1000 - 1000 - server.clock.now().getTime());
      expect((await me(token)).status).toBe(200);
      server.clock.advance(1000);
      expectRefusal(await me(token), 401, 'TOKEN_EXPIRED');
      expectRefusal(await me(token), 401, 'TOKEN_EXPIRED');
    });

    it('answers many accounts asked at the same moment each with its own grants (their reads go together)', async () => {
      const committee = await server.signIn(committeeA.login, committeeA.secret);
      const ids = Array.from({ length: 12 }, (_, i) => `M${String(i + 1).padStart(3, '0')}`);
      const registered = await server.post(
        `/api/v1/communities/${communityA}/owners`,
        ids.map((ownerId) => ({ ownerId, name: ownerId, kind: 'PERSON' })),
        { token: committee },
      );
      expect(registered.status).toBe(201);
      const tokens: string[] = [];
      for (const id of ids)
        tokens.push(
          await server.activateAndSignIn(
            registered.body.activationCodes[id],
            `many-${id.toLowerCase()}-${communityA.slice(0, 8)}`,
          ),
        );
      // The last activation emptied the account cache: every one of these is read from the database at once.
      const answers = await Promise.all([...tokens, await admin()].map((token) => me(token)));
      expect(answers.map((a) => [a.status, a.body.login, a.body.grants])).toEqual([
        ...ids.map((id) => [
          200,
          `many-${id.toLowerCase()}-${communityA.slice(0, 8)}`,
          [{ role: 'owner', communityId: communityA, subjectId: id }],
        ]),
        [200, ADMIN.login, [{ role: 'admin', communityId: null, subjectId: null }]],
      ]);
    });

    it('refuses a token 16 minutes after sign-in: 401 TOKEN_EXPIRED', async () => {
      const token = await admin();
      server.clock.advance(16 * 60 * 1000);
      expectRefusal(await me(token), 401, 'TOKEN_EXPIRED');
      expect((await me(await admin())).status).toBe(200);
    });
  });

  describe('activation codes', () => {
    it('a code works once: a second use answers 400 ACTIVATION_FAILED, whoever tries', async () => {
      expect((await activate(codesA.O001, 'owner-once', 'secret-of-owner-once')).status).toBe(204);
      expectRefusal(
        await activate(codesA.O001, 'owner-once-again', 'secret-of-owner-once-again'),
        400,
        'ACTIVATION_FAILED',
      );
      expectRefusal(await activate(codesA.O001, 'owner-once', 'secret-of-owner-once'), 400, 'ACTIVATION_FAILED');
      // The refused attempt made no account.
      expectRefusal(await signInAnswer('owner-once-again', 'secret-of-owner-once-again'), 401, 'INVALID_CREDENTIALS');
      const grants = (await me(await server.signIn('owner-once', 'secret-of-owner-once'))).body.grants;
      expect(grants).toEqual([{ role: 'owner', communityId: communityA, subjectId: 'O001' }]);
    });

    it('refuses an unknown code with 400 ACTIVATION_FAILED and makes no account', async () => {
      expectRefusal(
        await activate('ZZZZ-ZZZZ-ZZZZ-ZZZZ', 'owner-unknown-code', 'secret-of-owner-unknown'),
        400,
        'ACTIVATION_FAILED',
      );
      expectRefusal(await signInAnswer('owner-unknown-code', 'secret-of-owner-unknown'), 401, 'INVALID_CREDENTIALS');
    });

    it('refuses a taken login with a wrong secret with the same 400 ACTIVATION_FAILED as a wrong code, and the code stays usable', async () => {
      expect((await activate(codesA.O002, 'owner-taken', 'secret-of-owner-taken')).status).toBe(204);
      const takenLogin = await activate(codesA.O003, 'owner-taken', 'not-the-right-secret');
      expectRefusal(takenLogin, 400, 'ACTIVATION_FAILED');
      expect(takenLogin.body).toEqual(
        (await activate('ZZZZ-ZZZZ-ZZZZ-ZZZZ', 'owner-taken', 'not-the-right-secret')).body,
      );
      expect((await activate(codesA.O003, 'owner-not-taken', 'secret-of-owner-not-taken')).status).toBe(204);
      const grants = (await me(await server.signIn('owner-taken', 'secret-of-owner-taken'))).body.grants;
      expect(grants).toEqual([{ role: 'owner', communityId: communityA, subjectId: 'O002' }]);
    });

    it("an existing login with its right secret gains the second code's grant (an owner in two communities)", async () => {
      expect((await activate(codesA.O004, 'owner-two-places', 'secret-of-owner-two-places')).status).toBe(204);
      expect((await activate(codesB.O001, 'owner-two-places', 'secret-of-owner-two-places')).status).toBe(204);
      const grants = (await me(await server.signIn('owner-two-places', 'secret-of-owner-two-places'))).body.grants;
      expect(grants).toEqual(
        expect.arrayContaining([
          { role: 'owner', communityId: communityA, subjectId: 'O004' },
          { role: 'owner', communityId: communityB, subjectId: 'O001' },
        ]),
      );
      expect(grants).toHaveLength(2);
    });

    it('reads codes case- and dash-insensitively', async () => {
      expect(codesA.O005).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      expect((await activate(sloppy(codesA.O005), 'owner-lowercase', 'secret-of-owner-lowercase')).status).toBe(204);
      expect((await activate(codesA.O006.replace(/-/g, ' '), 'owner-spaces', 'secret-of-owner-spaces')).status).toBe(
        204,
      );
      // The same code in another spelling is still the same, used, code.
      expectRefusal(
        await activate(codesA.O005, 'owner-uppercase', 'secret-of-owner-uppercase'),
        400,
        'ACTIVATION_FAILED',
      );
    });

    it('reads o as 0 and i or l as 1, as people copy codes off paper', async () => {
      const [ownerId, code] = Object.entries(codesA).find(([id, c]) => Number(id.slice(1)) > 12 && /[01]/.test(c))!;
      const misread = code.replace(/0/g, 'o').replace(/1/g, (_m, at: number) => (at % 2 ? 'l' : 'i'));
      expect((await activate(misread, `owner-misread-${ownerId}`, 'secret-of-owner-misread')).status).toBe(204);
    });

    it('spends a code once even when two people send it at the same moment: one 204, one 400 ACTIVATION_FAILED', async () => {
      const answers = await Promise.all([
        activate(codesA.O012, 'owner-double-tap-1', 'secret-of-owner-double-tap'),
        activate(codesA.O012, 'owner-double-tap-2', 'secret-of-owner-double-tap'),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([204, 400]);
      expect(answers.find((a) => a.status === 400)!.body.code).toBe('ACTIVATION_FAILED');
    });

    it('lets one of two simultaneous activations take a new login; the other is refused with ACTIVATION_FAILED, never a 500', async () => {
      const answers = await Promise.all([
        activate(codesA.O010, 'owner-raced', 'secret-of-owner-raced'),
        activate(codesA.O011, 'owner-raced', 'secret-of-the-other-one'),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([204, 400]);
      expect(answers.find((a) => a.status === 400)!.body.code).toBe('ACTIVATION_FAILED');
      // The loser's code was not spent.
      const loser = answers[0].status === 400 ? codesA.O010 : codesA.O011;
      expect((await activate(loser, 'owner-raced-second', 'secret-of-owner-raced-second')).status).toBe(204);
    });

    it('refuses a secret shorter than 10 characters or a login with spaces: 400 VALIDATION_FAILED, code unused', async () => {
      const short = await activate(codesA.O007, 'owner-short', 'short');
      expectRefusal(short, 400, 'VALIDATION_FAILED');
      expect(short.body.message).toMatch(/secret/);
      const spaced = await activate(codesA.O007, 'owner with spaces', 'secret-of-owner-spaced');
      expectRefusal(spaced, 400, 'VALIDATION_FAILED');
      expect(spaced.body.message).toMatch(/login/);
      expect((await activate(codesA.O007, 'owner-short', 'secret-of-owner-short')).status).toBe(204);
    });
  });

  describe('sign-in', () => {
    it('refuses a wrong secret and an unknown login alike: 401 INVALID_CREDENTIALS', async () => {
      const wrongSecret = await signInAnswer(ADMIN.login, 'not-the-admin-secret');
      const unknownLogin = await signInAnswer('nobody-at-all', 'not-the-admin-secret');
      expectRefusal(wrongSecret, 401, 'INVALID_CREDENTIALS');
      expectRefusal(unknownLogin, 401, 'INVALID_CREDENTIALS');
      expect(unknownLogin.body.message).toBe(wrongSecret.body.message);
      expect(wrongSecret.text).not.toContain('not-the-admin-secret');
    });

    it('after 5 failures in a row, the 6th attempt waits 1 minute with 429 TOO_MANY_SIGN_IN_ATTEMPTS and Retry-After, even with the right secret; then it works', async () => {
      const login = 'owner-locked-out';
      const secret = 'secret-of-owner-locked-out';
      expect((await activate(codesA.O008, login, secret)).status).toBe(204);
      for (let attempt = 1; attempt <= 5; attempt++) {
        expectRefusal(await signInAnswer(login, `wrong-secret-${attempt}`), 401, 'INVALID_CREDENTIALS');
      }
      const blocked = await signInAnswer(login, secret);
      expectRefusal(blocked, 429, 'TOO_MANY_SIGN_IN_ATTEMPTS');
      expect(blocked.body.details.retryAfterSeconds).toBe(60);
      expect(blocked.headers.get('retry-after')).toBe('60');
      expect(blocked.text).not.toContain('accessToken');

      // The limit is per login and address: others still sign in from the same address.
      expect((await signInAnswer(ADMIN.login, ADMIN.secret)).status).toBe(200);

      server.clock.advance(60 * 1000 + 1000);
      const again = await signInAnswer(login, secret);
      expect(again.status).toBe(200);
      expect((await me(again.body.accessToken)).body.login).toBe(login);
    });

    it('forgets earlier failures after a successful sign-in', async () => {
      const login = 'owner-mistypes';
      const secret = 'secret-of-owner-mistypes';
      expect((await activate(codesA.O009, login, secret)).status).toBe(204);
      for (let attempt = 1; attempt <= 4; attempt++)
        expect((await signInAnswer(login, 'wrong-secret')).status).toBe(401);
      expect((await signInAnswer(login, secret)).status).toBe(200);
      for (let attempt = 1; attempt <= 4; attempt++)
        expect((await signInAnswer(login, 'wrong-secret')).status).toBe(401);
      expect((await signInAnswer(login, secret)).status).toBe(200);
    });
  });

  describe('the first administrator and invitations', () => {
    it('signs in with GONGZHI_ADMIN_LOGIN / GONGZHI_ADMIN_SECRET and holds the admin role', async () => {
      const answer = await me(await admin());
      expect(answer.body.login).toBe(ADMIN.login);
      expect(answer.body.grants).toContainEqual({ role: 'admin', communityId: null, subjectId: null });
    });

    it("an administrator's invitation makes a regulator, who registers a community and appoints its managing body", async () => {
      const invited = await server.post(
        '/api/v1/accounts/invitations',
        { role: 'regulator', label: '昌平区住建委' },
        { token: await admin() },
      );
      expect(invited.status).toBe(201);
      expect(invited.body.activationCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

      const regulator = await server.activateAndSignIn(invited.body.activationCode, 'regulator-changping');
      expect((await me(regulator)).body.grants).toEqual([{ role: 'regulator', communityId: null, subjectId: null }]);

      const created = await server.post(
        '/api/v1/communities',
        { name: '回龙观', district: '昌平区', rulebook: 'CN-BEIJING-2020' },
        { token: regulator },
      );
      expect(created.status).toBe(201);
      const appointed = await server.post(
        `/api/v1/communities/${created.body.id}/managing-body`,
        { kind: 'PREPARATORY_GROUP', members: [{ name: '李华', login: 'pmc-lihua' }] },
        { token: regulator },
      );
      expect(appointed.status).toBe(201);
      const pmc = await server.activateAndSignIn(appointed.body.activationCodes['pmc-lihua'], 'pmc-lihua');
      expect((await me(pmc)).body.grants).toEqual([
        { role: 'committee', communityId: created.body.id, subjectId: expect.any(String) },
      ]);
    });

    it('refuses an auditor invitation without communityId: 400', async () => {
      const answer = await server.post('/api/v1/accounts/invitations', { role: 'auditor' }, { token: await admin() });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toMatch(/^[A-Z_]+$/);
      expect(answer.body.message).toMatch(/communityId/);
    });

    it('refuses an auditor invitation for a community that is not registered: 404 COMMUNITY_NOT_FOUND', async () => {
      const answer = await server.post(
        '/api/v1/accounts/invitations',
        { role: 'auditor', communityId: '00000000-0000-4000-8000-000000000000' },
        { token: await admin() },
      );
      expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 404, code: 'COMMUNITY_NOT_FOUND' });
    });

    it('an auditor invitation names one community, and the auditor holds the role there only', async () => {
      const invited = await server.post(
        '/api/v1/accounts/invitations',
        { role: 'auditor', communityId: communityA },
        { token: await admin() },
      );
      expect(invited.status).toBe(201);
      const auditor = await server.activateAndSignIn(invited.body.activationCode, 'auditor-a');
      expect((await me(auditor)).body.grants).toEqual([{ role: 'auditor', communityId: communityA, subjectId: null }]);
    });

    it('refuses an invitation for a role that is not admin, regulator or auditor: 400 VALIDATION_FAILED', async () => {
      const answer = await server.post(
        '/api/v1/accounts/invitations',
        { role: 'committee', communityId: communityA },
        { token: await admin() },
      );
      expectRefusal(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.message).toMatch(/role/);
    });
  });

  describe('Idempotency-Key', () => {
    const community = { name: '望京花园', district: '朝阳区', rulebook: 'CN-BEIJING-2020' };

    it('answers the same key and body with the first answer, marked Idempotent-Replayed, and registers one community', async () => {
      const token = await admin();
      const headers = { 'idempotency-key': 'register-wangjing-1' };
      const first = await server.post('/api/v1/communities', community, { token, headers });
      const second = await server.post('/api/v1/communities', community, { token, headers });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(second.headers.get('idempotent-replayed')).toBe('true');

      const listed = await server.get(`/api/v1/communities?after=${first.body.position}`);
      expect(listed.status).toBe(200);
      const named = listed.body.filter((c: { name: string }) => c.name === community.name);
      expect(named).toHaveLength(1);
      expect(named[0].id).toBe(first.body.id);
    });

    it('refuses the same key with another body: 422 IDEMPOTENCY_KEY_REUSED, writing nothing', async () => {
      const token = await admin();
      const headers = { 'idempotency-key': 'register-jiuxianqiao' };
      const first = await server.post('/api/v1/communities', { ...community, name: '酒仙桥' }, { token, headers });
      expect(first.status).toBe(201);
      expectRefusal(
        await server.post('/api/v1/communities', { ...community, name: '酒仙桥二区' }, { token, headers }),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
      const listed = await server.get(`/api/v1/communities?after=${first.body.position}`);
      expect(listed.body.map((c: { name: string }) => c.name)).not.toContain('酒仙桥二区');
    });

    it('replays a refusal as the same refusal', async () => {
      const token = await admin();
      const headers = { 'idempotency-key': 'register-bad-rulebook' };
      const body = { ...community, name: '大屯里', rulebook: 'NO-SUCH-RULEBOOK' };
      const first = await server.post('/api/v1/communities', body, { token, headers });
      expectRefusal(first, 400, 'VALIDATION_FAILED');
      const second = await server.post('/api/v1/communities', body, { token, headers });
      expect(second.status).toBe(400);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
    });

    it('replays a 403 refusal as the same 403', async () => {
      const committee = await server.signIn(committeeA.login, committeeA.secret);
      const headers = { 'idempotency-key': 'committee-registers-community' };
      const body = { ...community, name: '亚运村' };
      const first = await server.post('/api/v1/communities', body, { token: committee, headers });
      expectRefusal(first, 403, 'FORBIDDEN');
      const second = await server.post('/api/v1/communities', body, { token: committee, headers });
      expect(second.status).toBe(403);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
    });

    it('keeps keys per account: another account with the same key and body gets its own answer', async () => {
      const invited = await server.post(
        '/api/v1/accounts/invitations',
        { role: 'regulator' },
        { token: await admin() },
      );
      const regulator = await server.activateAndSignIn(invited.body.activationCode, 'regulator-chaoyang');
      const headers = { 'idempotency-key': 'register-anzhen' };
      const body = { ...community, name: '安贞里' };
      const byAdmin = await server.post('/api/v1/communities', body, { token: await admin(), headers });
      const byRegulator = await server.post('/api/v1/communities', body, { token: regulator, headers });
      expect(byAdmin.status).toBe(201);
      expect(byRegulator.status).toBe(201);
      expect(byRegulator.headers.get('idempotent-replayed')).toBeNull();
      expect(byRegulator.body.id).not.toBe(byAdmin.body.id);
      // Let the projections finish before the server stops.
      expect((await server.get(`/api/v1/communities?after=${byRegulator.body.position}`)).status).toBe(200);
    });
  });
});
