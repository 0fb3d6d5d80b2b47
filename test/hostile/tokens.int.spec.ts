import { generateKeyPair, SignJWT } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_FILES } from '../../src/platform/keys/key-folder.js';
import { validRequest } from './support/fuzz.js';
import { type Operation, operations } from './support/openapi.js';
import { send } from './support/raw-http.js';
import { World } from './support/world.js';

/**
 * ISSUE 8 item 3, forged and expired tokens: every route of the OpenAPI document (the protected ones,
 * and the public ones, where an invalid token is refused too rather than ignored) is asked with tokens
 * an attacker could make. Each answer must be 401 with INVALID_TOKEN or TOKEN_EXPIRED, and append
 * nothing. Tokens "signed with the server's key" use the key the server keeps in its key folder,
 * so they are exactly what it would issue except for the one claim changed. Tokens of another
 * community's committee, auditor or owner are in the authorisation matrix (403 on every route).
 */
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('forged and expired tokens on every route', () => {
  let world: World;
  let routes: Operation[];
  let genuineBySelf: string;
  const forged: { kind: string; token: string; code: 'INVALID_TOKEN' | 'TOKEN_EXPIRED' }[] = [];

  beforeAll(async () => {
    world = await World.build('hostile_tokens');
    routes = await operations(world.server);
    const genuine = world.A.committee;
    const [header, payload, signature] = genuine.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const adminId = (await world.server.get('/api/v1/auth/me', { token: world.admin })).body.accountId;
    const serverKey = new TextEncoder().encode(
      readFileSync(join(world.server.keyDir, KEY_FILES.tokenSecret), 'utf8').trim(),
    );
    const now = Math.floor(world.server.clock.now().getTime() / 1000);
    const sign = (body: Record<string, unknown>, key: Uint8Array = serverKey, alg = 'HS256') =>
      new SignJWT(body).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
    const valid = { login: claims.login, sub: claims.sub, iss: 'gongzhi', iat: now - 60, exp: now + 600 };
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    const ec = await generateKeyPair('ES256');
    genuineBySelf = await sign(valid);

    forged.push(
      { kind: 'signature altered', token: `${header}.${payload}.${flipped}`, code: 'INVALID_TOKEN' },
      {
        kind: 'payload changed to name the administrator, signature kept',
        token: `${header}.${b64({ ...claims, sub: adminId })}.${signature}`,
        code: 'INVALID_TOKEN',
      },
      {
        kind: 'alg "none" with a signature',
        token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...valid, sub: adminId })}.AAAA`,
        code: 'INVALID_TOKEN',
      },
      {
        kind: 'alg "none" without a signature',
        token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...valid, sub: adminId })}.`,
        code: 'INVALID_TOKEN',
      },
      {
        kind: 'signed with another HS256 key',
        token: await sign({ ...valid, sub: adminId }, randomBytes(32)),
        code: 'INVALID_TOKEN',
      },
      { kind: "HS512 with the server's key", token: await sign(valid, serverKey, 'HS512'), code: 'INVALID_TOKEN' },
      {
        kind: 'ES256 with a key pair of its own',
        token: await new SignJWT(valid).setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey),
        code: 'INVALID_TOKEN',
      },
      {
        kind: "expired, signed with the server's key",
        token: await sign({ ...valid, iat: now - 1000, exp: now - 1 }, serverKey),
        code: 'TOKEN_EXPIRED',
      },
      {
        kind: 'not valid before next year',
        token: await sign({ ...valid, nbf: now + 365 * 86_400 }),
        code: 'INVALID_TOKEN',
      },
      { kind: 'another issuer', token: await sign({ ...valid, iss: 'evil.example' }), code: 'INVALID_TOKEN' },
      {
        kind: 'naming no account (no sub)',
        token: await sign({ login: claims.login, iss: 'gongzhi', iat: now, exp: now + 600 }),
        code: 'INVALID_TOKEN',
      },
      {
        kind: 'naming an account id that is no UUID',
        token: await sign({ ...valid, sub: "admin' OR '1'='1" }),
        code: 'INVALID_TOKEN',
      },
      {
        kind: 'naming an account that does not exist',
        token: await sign({ ...valid, sub: randomUUID() }),
        code: 'INVALID_TOKEN',
      },
      { kind: 'three dots of garbage', token: 'a.b.c', code: 'INVALID_TOKEN' },
      { kind: 'a JWT of 8 KB', token: `${header}.${'A'.repeat(8_000)}.${signature}`, code: 'INVALID_TOKEN' },
    );
  });
  afterAll(() => world?.stop());

  it("starts from genuine tokens the server accepts (its own, and one signed here with its key), so that each refusal below is the forgery's doing", async () => {
    expect((await world.server.get('/api/v1/auth/me', { token: world.A.committee })).status).toBe(200);
    expect((await world.server.get('/api/v1/auth/me', { token: genuineBySelf })).status).toBe(200);
  });

  it('refuses every forged or expired token on every route with 401 INVALID_TOKEN or TOKEN_EXPIRED, appending nothing', async () => {
    const params = {
      cid: world.A.cid,
      rid: 'r',
      eid: 'e',
      sid: 's',
      uid: '1-101',
      ownerId: 'O1',
      leafHash: '0'.repeat(64),
      rqid: 'q',
      kid: 'k',
      staffId: 's1',
    };
    const before = await world.store.events();
    const wrong: string[] = [];
    for (const route of routes) {
      for (const { kind, token, code } of forged) {
        const request = validRequest(route.key, { params, body: route.method === 'GET' ? undefined : {} }, token);
        const answer = await send(world.server.baseUrl, request);
        if (answer.status !== 401 || answer.json?.code !== code)
          wrong.push(`${route.key} with a token ${kind}: ${answer.status} ${answer.text.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await world.store.events()).toEqual(before);
    const secured = routes.filter((r) => r.secured).length;
    console.log(
      `forged tokens: ${forged.length} kinds × ${routes.length} routes (${secured} protected, ${routes.length - secured} public) = ${forged.length * routes.length} requests, each 401`,
    );
  });
});
