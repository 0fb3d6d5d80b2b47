import { randomBytes, scryptSync } from 'node:crypto';
import pg from 'pg';
import { communityWithCommittee, TestServer } from '../support/test-server.js';

/**
 * Issue 13 item 10: secrets are hashed with scrypt N=2^17, r=8, p=1 (OWASP), the parameters stored with
 * the hash; a secret stored under the old N=2^14 still signs in, and that sign-in rehashes it.
 */
describe('secret hashing (issue 13)', () => {
  let server: TestServer;
  let db: pg.Client;
  let codes: Record<string, string>;

  const storedHash = async (login: string): Promise<string> =>
    (await db.query('SELECT secret_hash FROM accounts WHERE login = $1', [login])).rows[0].secret_hash;
  /** A hash as the server made them before: scrypt$16384$8$1$salt$key. */
  const oldHash = (secret: string) => {
    const salt = randomBytes(16);
    const key = scryptSync(secret.normalize('NFKC'), salt, 32, { N: 16384, r: 8, p: 1 });
    return ['scrypt', 16384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
  };

  beforeAll(async () => {
    server = await TestServer.start('secret_hashing', { GONGZHI_SCRYPT_COST: '17' }); // the production default, which the suite otherwise lowers for speed
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    const { committee, communityId } = await communityWithCommittee(server);
    const registered = await server.post(
      `/api/v1/communities/${communityId}/owners`,
      [1, 2].map((i) => ({ ownerId: `O${i}`, name: `业主${i}`, kind: 'PERSON' })),
      { token: committee },
    );
    codes = registered.body.activationCodes;
  });
  afterAll(async () => {
    await db?.end();
    await server?.stop();
  });

  it('stores a new secret as scrypt with N=2^17, r=8, p=1, the parameters beside the hash', async () => {
    expect(
      (
        await server.post('/api/v1/auth/activate', {
          activationCode: codes.O1,
          login: 'owner-new-hash',
          secret: 'secret-of-owner-new-hash',
        })
      ).status,
    ).toBe(204);
    expect(await storedHash('owner-new-hash')).toMatch(
      /^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/,
    );
  });

  it('signs in a secret stored under N=2^14 and rehashes it with N=2^17 then; a wrong secret changes nothing', async () => {
    const login = 'owner-old-hash';
    const secret = 'secret-of-owner-old-hash';
    expect((await server.post('/api/v1/auth/activate', { activationCode: codes.O2, login, secret })).status).toBe(204);
    const old = oldHash(secret);
    await db.query('UPDATE accounts SET secret_hash = $2 WHERE login = $1', [login, old]);

    expect((await server.post('/api/v1/auth/token', { login, secret: 'not-the-secret' })).status).toBe(401);
    expect(await storedHash(login)).toBe(old);

    expect((await server.post('/api/v1/auth/token', { login, secret })).status).toBe(200);
    const rehashed = await storedHash(login);
    expect(rehashed).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await server.post('/api/v1/auth/token', { login, secret })).status).toBe(200);
    expect(await storedHash(login)).toBe(rehashed);
  });
});
