import pg from 'pg';
import { PUBLIC_READS_APPLICATION } from '../../src/platform/database/public-reads.js';
import { readConfig } from '../../src/platform/config/app-config.js';
import { communityWithCommittee, TestServer } from '../support/test-server.js';

/**
 * GONGZHI_PUBLIC_READS=standby sends public GETs to a pool of their own that prefers a standby of DATABASE_URL's
 * hosts. Here DATABASE_URL names one node, a primary: the pool finds no standby and reads from the primary, as
 * it does when a deployment's standby is down. That a standby is chosen when there is one, and that a read with
 * ?after= waits for the standby's read models, is the failover fault test's (npm run test:faults).
 */
/** The public-reads pool's sessions in this server's database (pg_stat_activity), counted, or ended and counted. */
async function overPublicReadSessions(
  server: TestServer,
  what: 'count(*)' | 'count(*) FILTER (WHERE pg_terminate_backend(pid))',
) {
  const client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT ${what}::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
      [PUBLIC_READS_APPLICATION],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

const publicReadSessions = (server: TestServer) => overPublicReadSessions(server, 'count(*)');
/** Ends the public-reads pool's sessions from the database's side, as a standby that stops would. */
const endPublicReadSessions = (server: TestServer) =>
  overPublicReadSessions(server, 'count(*) FILTER (WHERE pg_terminate_backend(pid))');

async function incomeAndReads(server: TestServer) {
  const { communityId: cid, committee } = await communityWithCommittee(server);
  const income = await server.post(
    `/api/v1/communities/${cid}/public-revenue/income`,
    { amount: '88.00', source: 'PARKING', description: '一月停车费', receivedAt: '2026-01-05T08:00:00+08:00' },
    { token: committee },
  );
  expect(income.status).toBe(201);
  // The committee's own reads (the roster is theirs) stay on the server's own pool.
  const desk = await server.get(`/api/v1/communities/${cid}/roster?after=${income.body.position}`, {
    token: committee,
  });
  expect(desk.status).toBe(200);
  const sessionsAfterDesk = await publicReadSessions(server);
  const path = `/api/v1/communities/${cid}/public-revenue?after=${income.body.position}`;
  const ledger = { path, ...(await server.get<{ entries: { description: string }[] }>(path)) };
  return { sessionsAfterDesk, ledger, sessionsAfterPublic: await publicReadSessions(server) };
}

describe('public reads (GONGZHI_PUBLIC_READS)', () => {
  it('standby: a public page is read through the public-reads pool, which falls back to the primary when no standby is listed, and a read with ?after= sees the write', async () => {
    const server = await TestServer.start('public_reads_standby', { GONGZHI_PUBLIC_READS: 'standby' });
    try {
      const { sessionsAfterDesk, ledger, sessionsAfterPublic } = await incomeAndReads(server);
      expect(ledger.status).toBe(200);
      expect(ledger.body.entries.map((e) => e.description)).toEqual(['一月停车费']);
      expect({ sessionsAfterDesk, sessionsAfterPublic: sessionsAfterPublic > 0 }).toEqual({
        sessionsAfterDesk: 0,
        sessionsAfterPublic: true,
      });
    } finally {
      await server.stop();
    }
  });

  it('standby: the node of the idle public-reads sessions going away costs the server nothing; the next public read opens a new session', async () => {
    const server = await TestServer.start('public_reads_lost', { GONGZHI_PUBLIC_READS: 'standby' });
    try {
      const { ledger } = await incomeAndReads(server);
      expect(ledger.status).toBe(200);
      expect(await endPublicReadSessions(server)).toBeGreaterThan(0);
      // The pool hears its idle sessions end; unheard, that 'error' would end this process (and the test).
      await new Promise((resolve) => setTimeout(resolve, 200));
      const again = await server.get<{ entries: unknown[] }>(ledger.path);
      expect({ status: again.status, entries: again.body.entries.length }).toEqual({ status: 200, entries: 1 });
      expect(await publicReadSessions(server)).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });

  it('primary (the default): public pages are read from the server’s own pool, and no public-reads session is opened', async () => {
    const server = await TestServer.start('public_reads_primary');
    try {
      const { ledger, sessionsAfterPublic } = await incomeAndReads(server);
      expect(ledger.status).toBe(200);
      expect(ledger.body.entries.map((e) => e.description)).toEqual(['一月停车费']);
      expect(sessionsAfterPublic).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it('refuses an unknown GONGZHI_PUBLIC_READS at start, naming the values it takes', () => {
    expect(() => readConfig({ GONGZHI_PUBLIC_READS: 'replica' })).toThrow(/GONGZHI_PUBLIC_READS.*primary.*standby/);
  });
});
