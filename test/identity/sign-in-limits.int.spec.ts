import { send } from '../hostile/support/raw-http.js';
import { ADMIN, communityWithCommittee, TestServer } from '../support/test-server.js';

/**
 * Issue 13, findings 1 and 3: activation is no oracle for logins or secrets, and failed sign-ins and
 * activations back off per address and login (src/identity/sign-in-attempts.ts), so that an attacker
 * slows only himself. Each client is a loopback address of its own (127.0.0.x), which the server sees
 * as the socket's address: no header is involved.
 */
describe('sign-in and activation limits (issue 13)', () => {
  let server: TestServer;
  let codes: Record<string, string>;
  /** A new address per test, so that no test's failures weigh on another's. */
  let nextAddress = 10;
  const newAddress = () => `127.0.0.${nextAddress++}`;

  const post = async (from: string, path: string, body: object) => {
    const answer = await send(server.baseUrl, {
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      localAddress: from,
    });
    return {
      status: answer.status,
      code: answer.json?.code as string | undefined,
      body: answer.json,
      retryAfter: answer.headers['retry-after'],
    };
  };
  const signIn = (from: string, login: string, secret: string) => post(from, '/api/v1/auth/token', { login, secret });
  const activate = (from: string, activationCode: string, login: string, secret: string) =>
    post(from, '/api/v1/auth/activate', { activationCode, login, secret });

  beforeAll(async () => {
    server = await TestServer.start('sign_in_limits');
    const { committee, communityId } = await communityWithCommittee(server);
    const owners = Array.from({ length: 10 }, (_, i) => ({
      ownerId: `O${i + 1}`,
      name: `业主${i + 1}`,
      kind: 'PERSON',
    }));
    const registered = await server.post(`/api/v1/communities/${communityId}/owners`, owners, { token: committee });
    codes = registered.body.activationCodes;
  });
  afterAll(() => server.stop());

  describe('activation tells nothing (finding 1)', () => {
    it('answers a wrong secret for an existing login, a right one with a wrong code, and an unknown login all with one identical 400 ACTIVATION_FAILED', async () => {
      const from = newAddress();
      const wrongSecret = await activate(from, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', ADMIN.login, 'not-the-admin-secret');
      const rightSecret = await activate(from, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', ADMIN.login, ADMIN.secret);
      const noSuchLogin = await activate(from, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', 'nobody-at-all', ADMIN.secret);
      expect(wrongSecret.status).toBe(400);
      expect(wrongSecret.body).toEqual({
        statusCode: 400,
        code: 'ACTIVATION_FAILED',
        message: expect.stringMatching(/code/),
      });
      expect(rightSecret.body).toEqual(wrongSecret.body);
      expect(noSuchLogin.body).toEqual(wrongSecret.body);
    });

    it('with a valid code, a taken login and a wrong secret gets that same answer, and the code stays usable', async () => {
      const from = newAddress();
      const unknownCode = await activate(from, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', 'owner-fresh', 'secret-of-owner-fresh');
      const takenLogin = await activate(from, codes.O1, ADMIN.login, 'not-the-admin-secret');
      expect(takenLogin.body).toEqual(unknownCode.body);
      expect((await activate(from, codes.O1, 'owner-one', 'secret-of-owner-one')).status).toBe(204);
    });

    it('spends about the same time on a wrong code as on a wrong secret: both derive one secret', async () => {
      const from = newAddress();
      const timed = async (work: () => Promise<unknown>) => {
        const started = performance.now();
        await work();
        return performance.now() - started;
      };
      const wrongCode: number[] = [];
      const wrongSecret: number[] = [];
      for (let i = 0; i < 2; i++) {
        wrongCode.push(await timed(() => activate(from, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', ADMIN.login, 'not-the-admin-secret')));
        wrongSecret.push(await timed(() => activate(from, codes.O2, ADMIN.login, 'not-the-admin-secret')));
      }
      // Without the decoy derivation a wrong code answers in a few milliseconds, a wrong secret in hundreds.
      expect(Math.min(...wrongCode)).toBeGreaterThan(Math.min(...wrongSecret) / 3);
    });

    it('limits activation like sign-in: after 5 failures for one login from one address, the 6th waits (429 with Retry-After), even with a valid code', async () => {
      const from = newAddress();
      for (let i = 1; i <= 5; i++)
        expect((await activate(from, `ZZZZ-ZZZZ-ZZZZ-ZZZ${i}`, 'owner-guessed', 'secret-of-owner-guessed')).code).toBe(
          'ACTIVATION_FAILED',
        );
      const sixth = await activate(from, codes.O3, 'owner-guessed', 'secret-of-owner-guessed');
      expect({ status: sixth.status, code: sixth.code, retryAfter: sixth.retryAfter }).toEqual({
        status: 429,
        code: 'TOO_MANY_SIGN_IN_ATTEMPTS',
        retryAfter: '60',
      });
      // Sign-in shares the count: the same login from the same address waits there too.
      expect((await signIn(from, 'owner-guessed', 'secret-of-owner-guessed')).status).toBe(429);
      // Another address is not held back.
      expect((await activate(newAddress(), codes.O3, 'owner-guessed', 'secret-of-owner-guessed')).status).toBe(204);
    });
  });

  describe('failed sign-ins back off per address and login (finding 3)', () => {
    it("an attacker's wrong secrets for the administrator from one address never lock the administrator out of another", async () => {
      const attacker = newAddress();
      const administrator = newAddress();
      for (let i = 1; i <= 8; i++) await signIn(attacker, ADMIN.login, `guess-${i}`);
      expect((await signIn(attacker, ADMIN.login, ADMIN.secret)).status).toBe(429);
      const signedIn = await signIn(administrator, ADMIN.login, ADMIN.secret);
      expect(signedIn.status).toBe(200);
      expect(typeof signedIn.body.accessToken).toBe('string');
    });

    it('doubles the wait after each further failure: 1 minute, then 2, then 4', async () => {
      const from = newAddress();
      for (let i = 1; i <= 5; i++)
        expect((await signIn(from, ADMIN.login, `guess-${i}`)).code).toBe('INVALID_CREDENTIALS');
      for (const minutes of [1, 2, 4]) {
        const waiting = await signIn(from, ADMIN.login, 'guess-while-waiting');
        expect({ status: waiting.status, code: waiting.code, retryAfter: waiting.retryAfter }).toEqual({
          status: 429,
          code: 'TOO_MANY_SIGN_IN_ATTEMPTS',
          retryAfter: String(minutes * 60),
        });
        expect(waiting.body.details).toEqual({ retryAfterSeconds: minutes * 60 });
        server.clock.advance(minutes * 60_000);
        expect((await signIn(from, ADMIN.login, 'guess-after-waiting')).code).toBe('INVALID_CREDENTIALS');
      }
      expect((await signIn(from, ADMIN.login, ADMIN.secret)).retryAfter).toBe('480');
      server.clock.advance(8 * 60_000);
      expect((await signIn(from, ADMIN.login, ADMIN.secret)).status).toBe(200);
      // The success forgot the failures: five more are allowed before any wait.
      for (let i = 1; i <= 5; i++)
        expect((await signIn(from, ADMIN.login, `guess-${i}`)).code).toBe('INVALID_CREDENTIALS');
    });

    it('limits one address trying many logins: after 100 failures it waits for every login, while other addresses do not', async () => {
      const from = newAddress();
      const sprayed = await Promise.all(
        Array.from({ length: 100 }, (_, i) => signIn(from, `sprayed-login-${i + 1}`, 'password123')),
      );
      expect(sprayed.map((answer) => answer.code)).toEqual(Array(100).fill('INVALID_CREDENTIALS'));
      const next = await signIn(from, 'sprayed-login-101', 'password123');
      expect({ status: next.status, code: next.code }).toEqual({ status: 429, code: 'TOO_MANY_SIGN_IN_ATTEMPTS' });
      expect((await signIn(from, ADMIN.login, ADMIN.secret)).status).toBe(429);
      expect((await signIn(newAddress(), ADMIN.login, ADMIN.secret)).status).toBe(200);
    }, 180_000);

    it('does not count a malformed request as a failure', async () => {
      const from = newAddress();
      for (let i = 1; i <= 8; i++)
        expect((await post(from, '/api/v1/auth/token', { login: ADMIN.login })).code).toBe('VALIDATION_FAILED');
      expect((await signIn(from, ADMIN.login, ADMIN.secret)).status).toBe(200);
    });
  });
});
