import pg from 'pg';
import { createTestDatabase } from '../../../test/support/database.js';
import { installEventStoreSchema } from './schema.js';

/** A fresh database on the test run's PostgreSQL server, with the event store schema installed. */
export async function createEventStoreDatabase(
  label: string,
): Promise<{ url: string; pool: pg.Pool; drop(): Promise<void> }> {
  const database = await createTestDatabase(label);
  const pool = new pg.Pool({ connectionString: database.url, max: 20 });
  await installEventStoreSchema(pool);
  return {
    url: database.url,
    pool,
    async drop() {
      await pool.end();
      await database.drop();
    },
  };
}
