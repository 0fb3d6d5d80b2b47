import pg from 'pg';
import { idsOf, newArea, newEvents, rejectionOf } from '../contract/fixtures.js';
import { appendEvents, POSITIONS_PER_TRANSACTION } from './append.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { createEventStoreDatabase } from './test-database.js';

describe('postgres appends', () => {
  let database: Awaited<ReturnType<typeof createEventStoreDatabase>>;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createEventStoreDatabase('event_store_append');
    store = new PostgresEventStore(database.pool);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('number the events of one append from its transaction id times 2^20, in append order', async () => {
    const stream = `${newArea()}s`;
    const events = newEvents(3);
    await store.append(stream, events, { expectedRevision: 'no_stream' });
    const { rows } = await database.pool.query(
      'SELECT event_id, position, transaction_id::text AS xid FROM events WHERE stream_id = $1 ORDER BY revision',
      [stream],
    );
    expect(rows.map((row) => row.event_id)).toEqual(idsOf(events));
    rows.forEach((row, i) =>
      expect(BigInt(row.position)).toBe(BigInt(row.xid) * POSITIONS_PER_TRANSACTION + BigInt(i)),
    );
  });

  it('answer concurrent identical appends expecting any with the first result, though the later ones collide on the event id', async () => {
    const stream = `${newArea()}s`;
    await store.append(stream, newEvents(1), { expectedRevision: 'no_stream' });
    const events = newEvents(2);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => store.append(stream, events, { expectedRevision: 'any' })),
    );
    for (const result of results) expect(result).toEqual(results[0]);
    expect(idsOf(await store.readStream(stream, { fromRevision: 1 }))).toEqual(idsOf(events));
    expect((await database.pool.query('SELECT revision FROM streams WHERE stream_id = $1', [stream])).rows).toEqual([
      { revision: '2' },
    ]);
  });

  it('refuse a second append in the same transaction, whose positions would collide', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await appendEvents(client, `${newArea()}a`, newEvents(1), 'no_stream');
      const error = await rejectionOf(appendEvents(client, `${newArea()}b`, newEvents(1), 'no_stream'));
      expect((error as Error).message).toMatch(/one transaction can hold only one append/);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });
});
