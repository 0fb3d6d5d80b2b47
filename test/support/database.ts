import pg from 'pg';
import { databaseHosts } from '../../src/platform/database/database-hosts.js';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Any number that names the template's lock among the run's advisory locks: suites make it one at a time. */
const TEMPLATE_LOCK = 727_001;

/**
 * A database with every module's migrations applied, made once per run and server (under an advisory lock, as
 * suites start side by side), that test databases are copied from: a server started on a copy finds its schema
 * there and runs no migration, which saved a second of every suite's start on two busy cores. Named by the
 * migrations' names, so a run with other migrations makes its own.
 */
async function migratedTemplate(server: string): Promise<string> {
  const { MIGRATIONS } = await import('../../src/migrations.js');
  const names = MIGRATIONS.map((m) => m.name).join(',');
  const name = `template_${createHash('sha256').update(names).digest('hex').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate', [name]);
    if (!rowCount) {
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`); // an earlier attempt that did not finish
      await admin.query(`CREATE DATABASE "${name}"`);
      const { DataSource } = await import('typeorm');
      const migrate = new DataSource({
        type: 'postgres',
        url: `${server}/${name}`,
        migrations: [...MIGRATIONS],
        migrationsTransactionMode: 'each',
        logging: false,
      });
      await migrate.initialize();
      try {
        await migrate.runMigrations();
      } finally {
        await migrate.destroy();
      }
      // Marked a template only once whole: a suite never copies one half made.
      await admin.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]).catch(() => {});
    await admin.end();
  }
  return name;
}

/**
 * A fresh database on the run's embedded PostgreSQL server (or on `server`, a test's own), for one suite: empty,
 * or with `migrated` a copy of the run's migrated template (what a server would make of an empty one at start).
 * Returns its connection URL and a function that drops it.
 */
export async function createTestDatabase(
  label = 'suite',
  server = process.env.GONGZHI_TEST_PG_SERVER,
  options: { migrated?: boolean } = {},
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!server)
    throw new Error('GONGZHI_TEST_PG_SERVER is unset: run the tests through jest (its global setup starts PostgreSQL)');
  const name = `${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const template = options.migrated ? await migratedTemplate(server) : null;
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
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
