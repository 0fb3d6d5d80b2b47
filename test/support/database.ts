import pg from 'pg';
import { databaseHosts } from '../../src/platform/database/database-hosts.js';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh, empty database on the run's embedded PostgreSQL server (or on `server`, a test's own), for one suite.
 * Returns its connection URL and a function that drops it.
 */
export async function createTestDatabase(
  label = 'suite',
  server = process.env.GONGZHI_TEST_PG_SERVER,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!server)
    throw new Error('GONGZHI_TEST_PG_SERVER is unset: run the tests through jest (its global setup starts PostgreSQL)');
  const name = `${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `${server}/${name}`,
    async drop() {
      const client = new pg.Client({ connectionString: `${server}/postgres` });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * The key folder of the servers on one test database: every process on that database (a restart, a
 * rebuild) finds the same keys, as a deployment's processes share theirs, and no test writes to .data/.
 */
export function testKeyDir(databaseUrl: string): string {
  // Through the first host's URL: WHATWG URLs do not take libpq's host list (h1:p1,h2:p2).
  const { hosts, urlFor } = databaseHosts(databaseUrl);
  const url = new URL(hosts.length ? urlFor(hosts[0]) : databaseUrl);
  return join(tmpdir(), 'gongzhi-test-keys', url.pathname.slice(1) || 'postgres');
}
