import pg from 'pg';
import { DataSource } from 'typeorm';
import { PostgresEventStore } from '@gongzhi/event-store/postgres/postgres-event-store.js';
import { EVENT_STORE } from '../../src/platform/event-sourcing/event-sourcing.service.js';
import { ADMIN, TestServer } from '../support/test-server.js';

const TIMEOUTS = {
  GONGZHI_DB_STATEMENT_TIMEOUT_MS: '1000',
  GONGZHI_DB_QUERY_TIMEOUT_MS: '3000',
  GONGZHI_DB_CONNECT_TIMEOUT_MS: '2000',
  GONGZHI_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '4321',
};

describe('database timeouts (GONGZHI_DB_*_TIMEOUT_MS)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start('database_timeouts', TIMEOUTS);
  });
  afterAll(() => server.stop());

  it('sets statement_timeout and idle_in_transaction_session_timeout on the sessions of the read models’ pool and of the event store’s', async () => {
    const readModels = server.app.get(DataSource);
    const events = server.app.get<PostgresEventStore>(EVENT_STORE).pool;
    for (const session of [
      (sql: string) => readModels.query(sql),
      async (sql: string) => (await events.query(sql)).rows,
    ]) {
      expect(await session('SHOW statement_timeout')).toEqual([{ statement_timeout: '1s' }]);
      expect(await session('SHOW idle_in_transaction_session_timeout')).toEqual([
        { idle_in_transaction_session_timeout: '4321ms' },
      ]);
    }
  });

  it('answers a write stuck behind a lock 503 SERVICE_UNAVAILABLE within the statement timeout, and writes nothing', async () => {
    const admin = await server.signIn(ADMIN.login, ADMIN.secret);
    const stored = await server.storedEventCount();
    // Another session (an administrator's migration, say) holds the event store's tables.
    const blocker = new pg.Client({ connectionString: server.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE events, streams IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const answer = await server.post(
        '/api/v1/communities',
        { name: '锁住了', district: '海淀区', rulebook: 'CN-CIVIL-CODE-2021' },
        { token: admin, signal: AbortSignal.timeout(15_000) },
      );
      const ms = Date.now() - started;
      expect(answer.status).toBe(503);
      expect(answer.body.code).toBe('SERVICE_UNAVAILABLE');
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(ms).toBeLessThan(3_000);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect(await server.storedEventCount()).toBe(stored);
  });
});
