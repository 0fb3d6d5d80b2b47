import { newArea, newEvents, rejectionOf } from '../contract/fixtures.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { EVENTS_IMMUTABLE_ROW_TRIGGER, installEventStoreSchema } from './schema.js';
import { createEventStoreDatabase } from './test-database.js';

describe('the postgres events table', () => {
  let database: Awaited<ReturnType<typeof createEventStoreDatabase>>;
  let store: PostgresEventStore;
  let stream: string;

  beforeAll(async () => {
    database = await createEventStoreDatabase('event_store_immutable');
    store = new PostgresEventStore(database.pool);
    stream = `${newArea()}s`;
    await store.append(stream, newEvents(2), { expectedRevision: 'no_stream' });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  const storedRows = async () =>
    (await database.pool.query('SELECT event_id, type, data FROM events ORDER BY position')).rows;

  it.each([
    ['UPDATE', `UPDATE events SET type = 'Tampered'`],
    ['DELETE', 'DELETE FROM events'],
    ['TRUNCATE', 'TRUNCATE events'],
  ])('refuses %s, saying events are immutable', async (operation, sql) => {
    const before = await storedRows();
    const error = await rejectionOf(database.pool.query(sql));
    expect((error as Error).message).toBe(
      `events are immutable: ${operation} on events is refused; correct a mistake with a new event`,
    );
    expect(await storedRows()).toEqual(before);
  });

  it('names its row trigger so that a test can disable it deliberately, to tamper with history on purpose', async () => {
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`ALTER TABLE events DISABLE TRIGGER ${EVENTS_IMMUTABLE_ROW_TRIGGER}`);
      const { rowCount } = await client.query(`UPDATE events SET data = '{"tampered": true}' WHERE revision = 0`);
      expect(rowCount).toBe(1);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
    expect((await storedRows()).map((row) => row.data)).not.toContainEqual({ tampered: true });
  });

  it('installs its schema again without harm, keeping the stored events and the triggers', async () => {
    const before = await storedRows();
    await installEventStoreSchema(database.pool);
    await Promise.all([installEventStoreSchema(database.pool), installEventStoreSchema(database.pool)]);
    expect(await storedRows()).toEqual(before);
    await expect(database.pool.query('DELETE FROM events')).rejects.toThrow(/events are immutable/);
  });
});
