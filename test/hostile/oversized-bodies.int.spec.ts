import { isWrite, type Operation, operations } from './support/openapi.js';
import { type RawAnswer, send } from './support/raw-http.js';
import { fill } from './support/recipes.js';
import { StoreProbe } from './support/store-probe.js';
import { communityWithCommittee, TestServer } from '../support/test-server.js';

/**
 * ISSUE 8 item 3, oversized bodies: the body parsers' limits (JSON 5 MB, CSV and text 20 MB, src/app.ts)
 * hold on every write route of the OpenAPI document, with 413 PAYLOAD_TOO_LARGE in the error shape,
 * and nothing is appended. A CSV roster or deposit file over 20 MB is one of them; one under the limit
 * but with more rows than a request may carry is a 400 TOO_MANY_ITEMS instead.
 */
const MB = 1024 * 1024;

function expectTooLarge(answer: RawAnswer, what: string): void {
  expect({ what, status: answer.status, code: answer.json?.code }).toEqual({
    what,
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  });
  expect(answer.json.message).toMatch(/too large/);
}

describe('oversized bodies are refused with 413 PAYLOAD_TOO_LARGE, writing nothing', () => {
  let server: TestServer;
  let store: StoreProbe;
  let writes: Operation[];
  let cid: string;
  let committee: string;
  const path = (op: Operation) =>
    fill(op.key, {
      cid,
      rid: 'r',
      eid: 'e',
      sid: 's',
      uid: 'u',
      ownerId: 'O1',
      leafHash: '0'.repeat(64),
      rqid: 'q',
      kid: 'k',
      staffId: 's1',
    });

  beforeAll(async () => {
    server = await TestServer.start('hostile_oversized');
    ({ communityId: cid, committee } = await communityWithCommittee(server));
    store = await StoreProbe.open(server.databaseUrl);
    writes = (await operations(server)).filter(isWrite);
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it('refuses a JSON body of 5 MB and a bit on every JSON write route, before reading who sent it', async () => {
    const before = await store.events();
    const body = JSON.stringify({ name: 'x'.repeat(5 * MB) });
    const jsonRoutes = writes.filter((op) => !op.consumes.includes('text/csv'));
    for (const op of jsonRoutes) {
      expectTooLarge(
        await send(server.baseUrl, {
          method: op.method,
          path: path(op),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${committee}` },
          body,
        }),
        op.key,
      );
    }
    expect(await store.events()).toEqual(before);
    console.log(`oversized JSON: ${jsonRoutes.length} write routes, each 413 PAYLOAD_TOO_LARGE`);
  });

  it('refuses a chunked JSON body over 5 MB, which declares no length, once the parser has read 5 MB', async () => {
    const before = await store.events();
    const answer = await send(server.baseUrl, {
      method: 'POST',
      path: `/api/v1/communities/${cid}/owners`,
      headers: {
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
        authorization: `Bearer ${committee}`,
      },
      body: JSON.stringify([{ ownerId: 'O1', name: 'x'.repeat(6 * MB), kind: 'PERSON' }]),
    });
    expectTooLarge(answer, 'chunked');
    expect(await store.events()).toEqual(before);
  });

  it('refuses a CSV file over 20 MB on every CSV import route, though each row is valid', async () => {
    const before = await store.events();
    const csvRoutes = writes.filter((op) => op.consumes.includes('text/csv'));
    expect(csvRoutes.map((op) => op.key)).toEqual(
      expect.arrayContaining(['POST /api/v1/communities/{cid}/units:import']),
    );
    const rows = (header: string, row: (i: number) => string) => {
      const lines = [header];
      for (let i = 0, size = 0; size <= 20 * MB; i++) {
        lines.push(row(i));
        size += lines[lines.length - 1].length + 2;
      }
      return `${lines.join('\r\n')}\r\n`;
    };
    const files: Record<string, string> = {
      'units:import': rows('unitId,building,areaM2,ownerIds,representativeId', (i) => `U${i},1,88.00,O1,O1`),
      'deposits:import': rows('unitId,amount,depositedAt', (i) => `U${i},100.00,2026-01-05T09:00:00+08:00`),
    };
    for (const op of csvRoutes) {
      const file = Object.entries(files).find(([suffix]) => op.path.endsWith(suffix))?.[1] ?? files['units:import'];
      expect(Buffer.byteLength(file)).toBeGreaterThan(20 * MB);
      expectTooLarge(
        await send(server.baseUrl, {
          method: 'POST',
          path: path(op),
          headers: { 'content-type': 'text/csv', authorization: `Bearer ${committee}` },
          body: file,
        }),
        op.key,
      );
    }
    expect(await store.events()).toEqual(before);
  });

  it('refuses text/plain over 20 MB on a JSON route with 413 as well', async () => {
    const answer = await send(server.baseUrl, {
      method: 'POST',
      path: `/api/v1/communities/${cid}/owners`,
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${committee}` },
      body: 'x'.repeat(21 * MB),
    });
    expectTooLarge(answer, 'text/plain');
  });

  it('refuses a declared Content-Length of 10 GB at once, without waiting for the bytes', async () => {
    const answer = await send(server.baseUrl, {
      method: 'POST',
      path: `/api/v1/communities/${cid}/owners`,
      headers: {
        'content-type': 'application/json',
        'content-length': String(10 * 1024 * MB),
        authorization: `Bearer ${committee}`,
      },
      body: '[',
    });
    expectTooLarge(answer, 'Content-Length of 10 GB');
  });

  it('answers a roster under 20 MB but over 20,000 rows with 400 TOO_MANY_ITEMS, naming the limit', async () => {
    const before = await store.events();
    const csv = `unitId,building,areaM2,ownerIds,representativeId\r\n${Array.from({ length: 20_001 }, (_, i) => `U${i},1,88.00,O1,O1`).join('\r\n')}\r\n`;
    const answer = await send(server.baseUrl, {
      method: 'POST',
      path: `/api/v1/communities/${cid}/units:import`,
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${committee}` },
      body: csv,
    });
    expect({ status: answer.status, code: answer.json?.code }).toEqual({ status: 400, code: 'TOO_MANY_ITEMS' });
    expect(answer.json.message).toMatch(/20000|20,000/);
    const owners = await send(server.baseUrl, {
      method: 'POST',
      path: `/api/v1/communities/${cid}/owners`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${committee}` },
      body: JSON.stringify(
        Array.from({ length: 20_001 }, (_, i) => ({ ownerId: `O${i}`, name: '业主', kind: 'PERSON' })),
      ),
    });
    expect({ status: owners.status, code: owners.json?.code }).toEqual({ status: 400, code: 'TOO_MANY_ITEMS' });
    expect(await store.events()).toEqual(before);
  });

  it('answers headers over 16 KB with 431 from Node itself, and goes on serving', async () => {
    const answer = await send(server.baseUrl, {
      method: 'GET',
      path: '/api/v1/communities',
      headers: { 'x-padding': 'p'.repeat(20_000) },
    });
    expect(answer.status).toBe(431);
    const url = await send(server.baseUrl, {
      method: 'GET',
      path: `/api/v1/communities/${'c'.repeat(20_000)}`,
      headers: {},
    });
    expect(url.status).toBe(431);
    expect((await send(server.baseUrl, { method: 'GET', path: '/api/v1/communities', headers: {} })).status).toBe(200);
  });
});
