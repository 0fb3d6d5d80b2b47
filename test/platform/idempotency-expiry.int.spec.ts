import pg from 'pg';
import { readConfig } from '../../src/platform/config/app-config.js';
import { ADMIN, TestServer } from '../support/test-server.js';

/**
 * Issue 13 item 10: an Idempotency-Key is remembered for a stated window (GONGZHI_IDEMPOTENCY_TTL_HOURS,
 * 24 by default); after it the same key is a new request, and the old records are deleted. Here the
 * window is 0.0005 h (1.8 s) of real time, since the records are dated by the database.
 */
const WINDOW_MS = 1800;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Idempotency-Key records expire (issue 13)', () => {
  let server: TestServer;
  let db: pg.Client;
  const community = (name: string) => ({ name, district: '朝阳区', rulebook: 'CN-BEIJING-2020' });
  const records = async (key: string) =>
    (await db.query('SELECT count(*)::int AS n FROM idempotency_records WHERE key = $1', [key])).rows[0].n;

  beforeAll(async () => {
    server = await TestServer.start('idempotency_expiry', { GONGZHI_IDEMPOTENCY_TTL_HOURS: '0.0005' });
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await server?.stop();
  });

  it('keeps 24 hours by default and refuses a window that is not a positive number', () => {
    expect(readConfig({}).idempotencyTtlMs).toBe(24 * 3600 * 1000);
    expect(() => readConfig({ GONGZHI_IDEMPOTENCY_TTL_HOURS: '0' })).toThrow(/GONGZHI_IDEMPOTENCY_TTL_HOURS/);
    expect(() => readConfig({ GONGZHI_IDEMPOTENCY_TTL_HOURS: 'a day' })).toThrow(/GONGZHI_IDEMPOTENCY_TTL_HOURS/);
  });

  it('replays within the window; after it, the same key with another body is a new request, not a 422', async () => {
    const token = await server.signIn(ADMIN.login, ADMIN.secret);
    const headers = { 'idempotency-key': 'register-once-a-window' };
    const first = await server.post('/api/v1/communities', community('望京一区'), { token, headers });
    expect(first.status).toBe(201);
    expect((await server.post('/api/v1/communities', community('望京二区'), { token, headers })).status).toBe(422);
    await sleep(WINDOW_MS + 200);
    const later = await server.post('/api/v1/communities', community('望京二区'), { token, headers });
    expect(later.status).toBe(201);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(later.body.id).not.toBe(first.body.id);
  });

  it('deletes records older than the window without any request naming them', async () => {
    const token = await server.signIn(ADMIN.login, ADMIN.secret);
    expect(
      (
        await server.post('/api/v1/communities', community('酒仙桥'), {
          token,
          headers: { 'idempotency-key': 'used-once' },
        })
      ).status,
    ).toBe(201);
    expect(await records('used-once')).toBe(1);
    const deadline = Date.now() + WINDOW_MS + 5000;
    while ((await records('used-once')) > 0 && Date.now() < deadline) await sleep(200);
    expect(await records('used-once')).toBe(0);
  });
});
