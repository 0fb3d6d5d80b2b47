import pg from 'pg';
import { closedPort } from '../testing/closed-port.js';
import { EventStoreUnavailableError } from '../event-store.js';
import { newArea, newEvents, rejectionOf } from '../contract/fixtures.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { createEventStoreDatabase } from './test-database.js';

describe('the postgres event store when the server is out of reach', () => {
  it('throws EventStoreUnavailableError from every call when nothing listens on the port', async () => {
    const port = await closedPort();
    const store = new PostgresEventStore(`postgres://postgres:postgres@127.0.0.1:${port}/nowhere`);
    try {
      const calls: [string, () => Promise<unknown>][] = [
        ['append', () => store.append('s-1', newEvents(1), { expectedRevision: 'any' })],
        ['readStream', () => store.readStream('s-1')],
        ['readAll', () => store.readAll()],
        ['headPosition', () => store.headPosition()],
      ];
      for (const [name, call] of calls) {
        const error = await rejectionOf(call());
        expect({ name, error }).toEqual({ name, error: expect.any(EventStoreUnavailableError) });
        expect(error).toMatchObject({
          code: 'EVENT_STORE_UNAVAILABLE',
          cause: expect.objectContaining({ code: 'ECONNREFUSED' }),
        });
      }
    } finally {
      await store.close();
    }
  });

  it('throws EventStoreUnavailableError when an administrator terminates the connection mid-append (57P01)', async () => {
    const database = await createEventStoreDatabase('event_store_unavailable');
    const store = new PostgresEventStore(database.pool);
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    try {
      const stream = `${newArea()}s`;
      await store.append(stream, newEvents(1), { expectedRevision: 'no_stream' });
      // Hold the stream's row lock so that the next append waits inside the server, where it can be killed.
      const {
        rows: [{ pid: blockerPid }],
      } = await blocker.query('SELECT pg_backend_pid() AS pid');
      await blocker.query('BEGIN');
      await blocker.query('SELECT * FROM streams WHERE stream_id = $1 FOR UPDATE', [stream]);
      const append = store.append(stream, newEvents(1), { expectedRevision: 0 });
      // Asked outside the blocker's transaction, which would keep seeing its first view of pg_stat_activity.
      let waitingPid: number | undefined;
      while (waitingPid === undefined) {
        const { rows } = await database.pool.query(
          'SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
          [blockerPid],
        );
        waitingPid = rows[0]?.pid;
      }
      await blocker.query('SELECT pg_terminate_backend($1)', [waitingPid]);
      const error = await rejectionOf(append);
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect(error).toMatchObject({ cause: expect.objectContaining({ code: '57P01' }) });
    } finally {
      await blocker.end();
      await store.close();
      await database.drop();
    }
  });
});
