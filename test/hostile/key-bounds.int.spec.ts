import { request as httpRequest } from 'node:http';
import { type RawAnswer, send } from './support/raw-http.js';
import { StoreProbe } from './support/store-probe.js';
import { communityWithCommittee, TestServer } from '../support/test-server.js';

/**
 * Issue 13, finding 2: a JSON body of many keys, under the 5 MB limit, is refused with 400 TOO_MANY_KEYS
 * before class-transformer sees it (its time grows with the square of an object's key count: 400,000
 * keys held the event loop for minutes), the server goes on answering meanwhile, and no error answer
 * echoes the body that provoked it.
 */
const objectOfKeys = (count: number, prefix = 'k') =>
  `{${Array.from({ length: count }, (_, i) => `"${prefix}${i}":0`).join(',')}}`;

describe('JSON bodies with many keys (issue 13)', () => {
  let server: TestServer;
  let store: StoreProbe;
  let cid: string;
  let committee: string;
  let admin: string;

  const post = (path: string, body: string, token: string) =>
    send(server.baseUrl, {
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });

  beforeAll(async () => {
    server = await TestServer.start('hostile_keys');
    ({ communityId: cid, committee, admin } = await communityWithCommittee(server));
    store = await StoreProbe.open(server.databaseUrl);
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it('answers a 200,000-key body with a small 400 TOO_MANY_KEYS, while /health/live is answered during it', async () => {
    const before = await store.events();
    const body = objectOfKeys(200_000);
    expect(Buffer.byteLength(body)).toBeGreaterThan(2 * 1024 * 1024);
    const url = new URL(server.baseUrl);
    let health: Promise<RawAnswer> | undefined;
    const refused = await new Promise<RawAnswer>((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/api/v1/communities',
          agent: false,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${admin}`,
          },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode!, headers: response.headers, text, json: JSON.parse(text) }),
          );
        },
      );
      outgoing.on('error', reject);
      // The probe leaves once the whole body is on its way: the moment the old server began minutes of work.
      outgoing.end(body, () => {
        health = send(server.baseUrl, { method: 'GET', path: '/health/live', headers: {} });
      });
    });
    expect({ status: refused.status, code: refused.json.code }).toEqual({ status: 400, code: 'TOO_MANY_KEYS' });
    expect(refused.json.message).toMatch(/100/);
    expect(refused.text.length).toBeLessThan(300);
    expect(refused.text).not.toMatch(/k1999/);
    expect((await health!).status).toBe(200);
    expect(await store.events()).toEqual(before);
  }, 30_000);

  it('answers 160,000 keys and more spread over many small objects with 400 TOO_MANY_KEYS as well', async () => {
    const items = Array.from({ length: 16_001 }, (_, i) => ({
      ownerId: `O${i}`,
      name: '业主',
      kind: 'PERSON',
      a: 1,
      b: 2,
      c: 3,
      d: 4,
      e: 5,
      f: 6,
      g: 7,
    }));
    const answer = await post(`/api/v1/communities/${cid}/owners`, JSON.stringify(items), committee);
    expect({ status: answer.status, code: answer.json?.code }).toEqual({ status: 400, code: 'TOO_MANY_KEYS' });
    expect(answer.json.message).toMatch(/160000/);
  }, 30_000);

  it('answers 100 unknown fields, as many as one object may hold, with VALIDATION_FAILED naming 20 of them, never the whole body', async () => {
    const answer = await post(
      '/api/v1/communities',
      objectOfKeys(100, 'unknown_field_with_a_long_name_'.repeat(4)),
      admin,
    );
    expect({ status: answer.status, code: answer.json?.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(answer.json.details.fields).toHaveLength(20);
    expect(answer.json.details.moreProblems).toBeGreaterThanOrEqual(80);
    expect(answer.json.message).toMatch(/…and \d+ more problems$/);
    expect(answer.json.message.length).toBeLessThanOrEqual(1001);
    expect(answer.text.length).toBeLessThan(8000);
  });

  it('answers 101 keys in one object with TOO_MANY_KEYS, naming the bound', async () => {
    const answer = await post('/api/v1/communities', objectOfKeys(101), admin);
    expect({ status: answer.status, code: answer.json?.code }).toEqual({ status: 400, code: 'TOO_MANY_KEYS' });
    expect(answer.json.message).toMatch(/101.*100/);
  });

  it('answers 15,000 items of 10 unknown fields each, under the bounds, with a short VALIDATION_FAILED', async () => {
    const items = Array.from({ length: 15_000 }, (_, i) => ({
      ownerId: `O${i}`,
      name: '业主',
      kind: 'PERSON',
      u1: 1,
      u2: 2,
      u3: 3,
      u4: 4,
      u5: 5,
      u6: 6,
      u7: 7,
    }));
    const answer = await post(`/api/v1/communities/${cid}/owners`, JSON.stringify(items), committee);
    expect({ status: answer.status, code: answer.json?.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(answer.text.length).toBeLessThan(8000);
  }, 30_000);
});
