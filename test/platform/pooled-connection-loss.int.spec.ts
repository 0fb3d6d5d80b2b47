import pg from 'pg';
import { DataSource } from 'typeorm';
import { isConnectionFailure } from '@gongzhi/event-store/postgres/errors.js';
import { PostgresEventStore } from '@gongzhi/event-store/postgres/postgres-event-store.js';
import { sessionOptions } from '../../src/platform/database/session-options.js';
import { EVENT_STORE } from '../../src/platform/event-sourcing/event-sourcing.service.js';
import { TestServer } from '../support/test-server.js';

const TIMEOUTS = {
  statementMs: 10_000,
  queryMs: 15_000,
  connectMs: 5_000,
  idleInTransactionMs: 60_000,
  keepAliveInitialDelayMs: 10_000,
};

/** TypeORM's pool, the one its DataSource queries through. */
const poolOf = (dataSource: DataSource) => (dataSource.driver as unknown as { master: pg.Pool }).master;

/**
 * The database ends a connection whose client is checked out of a pool between two queries (a restart,
 * a failover, an administrator). pg emits 'error' on that client, and pg-pool listens only while the
 * client is idle: unheard, the error ended the server's process (the outage fault test saw it once).
 */
describe('a pooled connection the database ends while it is checked out', () => {
  let server: TestServer;
  let killer: pg.Client;
  beforeAll(async () => {
    server = await TestServer.start('pooled_connection_loss');
    killer = new pg.Client({ connectionString: server.databaseUrl });
    await killer.connect();
  });
  afterAll(async () => {
    await killer.end();
    await server.stop();
  });

  const pools = () =>
    [
      ['the event store', server.app.get<PostgresEventStore>(EVENT_STORE).pool],
      ['the read models', poolOf(server.app.get(DataSource))],
    ] as const;

  it.each([0, 1])(
    'is heard, not left to end the process: the client says it failed, and the pool goes on with a new connection (pool %#)',
    async (which) => {
      const [, pool] = pools()[which];
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const ended = new Promise((resolve) => client.once('end', resolve));
      await killer.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      await ended; // the error has been emitted by now: an unheard one would have failed this test
      const failure = await client.query('SELECT 1').catch((error: unknown) => error);
      expect(isConnectionFailure(failure)).toBe(true);
      client.release(failure as Error);
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    },
  );

  it('a pool without the listener hands out clients that nobody hears while checked out (why poolOptions exists)', async () => {
    const bare = new pg.Pool({ connectionString: server.databaseUrl, ...sessionOptions(TIMEOUTS) });
    const unheard = await bare.connect();
    expect(unheard.listenerCount('error')).toBe(0);
    unheard.release();
    await bare.end();
    for (const [, pool] of pools()) {
      const heard = await pool.connect();
      expect(heard.listenerCount('error')).toBeGreaterThan(0);
      heard.release();
    }
  });
});
