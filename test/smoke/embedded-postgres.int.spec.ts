import pg from 'pg';
import { createTestDatabase } from '../support/database.js';

describe('the test run embedded PostgreSQL', () => {
  it('gives each suite a database of its own that answers queries', async () => {
    const db = await createTestDatabase('smoke');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query('select current_database() as name, version() as version');
    await client.end();
    await db.drop();
    expect(rows[0].version).toMatch(/^PostgreSQL 1[5-9]/);
  });
});
