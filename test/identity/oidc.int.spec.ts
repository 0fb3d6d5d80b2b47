import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { ConfigError, readConfig } from '../../src/platform/config/app-config.js';
import { ADMIN, TestServer } from '../support/test-server.js';

/**
 * Issue 13, finding 7: with an external issuer, its tokens sign in here only when they are meant for
 * this server (OIDC_AUDIENCE, required), and never as an administrator. The issuer is a real HTTP
 * server in this test publishing a real JWKS; the tokens are signed by jose with its private key.
 */
const ISSUER = 'https://idp.example.test/realms/gongzhi';
const AUDIENCE = 'gongzhi-portal';

describe('OIDC tokens (issue 13)', () => {
  let issuerServer: Server;
  let jwksUrl: string;
  let privateKey: CryptoKey;
  let server: TestServer;

  const token = (claims: Record<string, unknown>, audience: string | null = AUDIENCE) => {
    const now = Math.floor(server.clock.now().getTime() / 1000);
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'idp-key-1' })
      .setIssuer(ISSUER)
      .setIssuedAt(now)
      .setExpirationTime(now + 300);
    if (audience) jwt.setAudience(audience);
    return jwt.sign(privateKey);
  };
  const me = async (bearer: string) => server.get('/api/v1/auth/me', { token: bearer });

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwks = JSON.stringify({
      keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'idp-key-1', alg: 'ES256', use: 'sig' }],
    });
    issuerServer = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(jwks),
    );
    await new Promise<void>((resolve) => issuerServer.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}/jwks`;
    server = await TestServer.start('oidc', { OIDC_ISSUER: ISSUER, OIDC_JWKS_URL: jwksUrl, OIDC_AUDIENCE: AUDIENCE });
    const admin = await server.signIn(ADMIN.login, ADMIN.secret);
    for (const [role, login] of [
      ['regulator', 'regulator-by-oidc'],
      ['admin', 'second-admin'],
    ] as const) {
      const invited = await server.post('/api/v1/accounts/invitations', { role }, { token: admin });
      expect(
        (
          await server.post('/api/v1/auth/activate', {
            activationCode: invited.body.activationCode,
            login,
            secret: `secret-of-${login}`,
          })
        ).status,
      ).toBe(204);
    }
  });
  afterAll(async () => {
    await server?.stop();
    await new Promise((resolve) => issuerServer?.close(resolve));
  });

  it('refuses to start with OIDC_ISSUER but no OIDC_AUDIENCE, saying what to set', () => {
    const start = () => readConfig({ OIDC_ISSUER: ISSUER, OIDC_JWKS_URL: 'http://127.0.0.1:1/jwks' });
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(/OIDC_AUDIENCE/);
  });

  it("maps a token of the issuer for this server's audience to the account with that login", async () => {
    const answer = await me(await token({ preferred_username: 'regulator-by-oidc' }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      login: 'regulator-by-oidc',
      grants: [{ role: 'regulator', communityId: null, subjectId: null }],
    });
  });

  it('refuses a token of the same issuer made for another application, or for none: 401', async () => {
    for (const audience of ['another-application', null]) {
      const answer = await me(await token({ preferred_username: 'regulator-by-oidc' }, audience));
      expect({ audience, status: answer.status, code: answer.body.code }).toEqual({
        audience,
        status: 401,
        code: 'INVALID_TOKEN',
      });
    }
  });

  it('never reaches the first administrator nor any other administrator through a mapped claim: 401 ADMIN_NOT_BY_OIDC', async () => {
    for (const login of [ADMIN.login, 'second-admin']) {
      const answer = await me(await token({ preferred_username: login }));
      expect({ login, status: answer.status, code: answer.body.code }).toEqual({
        login,
        status: 401,
        code: 'ADMIN_NOT_BY_OIDC',
      });
    }
    // The administrators still sign in with their own secrets.
    expect((await me(await server.signIn('second-admin', 'secret-of-second-admin'))).body.login).toBe('second-admin');
  });
});
