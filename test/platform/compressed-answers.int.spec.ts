import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { jimenliOwners, jimenliUnitsCsv } from '../support/jimenli.js';
import { communityWithCommittee, TestServer } from '../support/test-server.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

/** node:http rather than fetch, which would undo the encoding before the test could see it. */
function getRaw(server: TestServer, path: string, headers: Record<string, string>): Promise<RawAnswer> {
  const url = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    request({ host: url.hostname, port: url.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe("the API's JSON answers are compressed when the client accepts it", () => {
  let server: TestServer;
  let rosterPath: string;
  let committee: string;

  beforeAll(async () => {
    server = await TestServer.start('compressed_answers');
    const community = await communityWithCommittee(server, '蓟门里');
    committee = community.committee;
    const cid = community.communityId;
    expect((await server.post(`/api/v1/communities/${cid}/owners`, jimenliOwners(), { token: committee })).status).toBe(
      201,
    );
    const roster = await server.request('POST', `/api/v1/communities/${cid}/units:import`, {
      token: committee,
      raw: { contentType: 'text/csv', text: jimenliUnitsCsv() },
    });
    expect(roster.status).toBe(201);
    // The whole roster of a real community, once the read model holds it: tens of kilobytes of JSON.
    rosterPath = `/api/v1/communities/${cid}/roster?after=${roster.body.position}`;
  });
  afterAll(() => server.stop());

  const ask = (encoding: string) =>
    getRaw(server, rosterPath, { authorization: `Bearer ${committee}`, 'accept-encoding': encoding });

  it('answers plain JSON to a client that accepts no encoding', async () => {
    const plain = await ask('identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    // Far above compression's 1 kB threshold: the tests below are about a large answer.
    expect(plain.bytes.length).toBeGreaterThan(10_000);
    expect(JSON.parse(plain.bytes.toString('utf8'))).toHaveProperty('units');
  });

  it('answers the same JSON gzip-compressed to a client that accepts gzip', async () => {
    const plain = await ask('identity');
    const gzip = await ask('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gzip.bytes.length).toBeLessThan(plain.bytes.length / 2);
    expect(gunzipSync(gzip.bytes).equals(plain.bytes)).toBe(true);
  });

  it('answers brotli to a client that accepts it', async () => {
    const plain = await ask('identity');
    const br = await ask('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
  });

  it("leaves the portal's already-compressed files compressed once", async () => {
    const plain = await getRaw(server, '/lib/strings-zh.js', { 'accept-encoding': 'identity' });
    const br = await getRaw(server, '/lib/strings-zh.js', { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
  });
});
