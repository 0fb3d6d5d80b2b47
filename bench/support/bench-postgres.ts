import pg from 'pg';
import { createTestDatabase } from '../../test/support/database.js';
import { startThrowawayPostgres } from '../../test/support/global-setup.js';

export interface BenchPostgres {
  /** The server, without a database name. */
  url: string;
  /** A fresh database on it. */
  database(label: string): Promise<string>;
  /** The settings that decide what a commit costs, for the record of the run. */
  durability(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * One throwaway embedded PostgreSQL for the whole run, started as the tests start theirs (fsync on),
 * with a database per figure so that no figure measures another's leftovers.
 */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const server = await startThrowawayPostgres();
  // createTestDatabase makes its databases on the server this names.
  process.env.GONGZHI_TEST_PG_SERVER = server.url;
  return {
    url: server.url,
    database: async (label) => (await createTestDatabase(label)).url,
    async durability() {
      const client = new pg.Client({ connectionString: `${server.url}/postgres` });
      await client.connect();
      try {
        const settings: Record<string, string> = {};
        for (const name of [
          'server_version',
          'fsync',
          'synchronous_commit',
          'wal_sync_method',
          'full_page_writes',
          'commit_delay',
          'max_wal_size',
          'shared_buffers',
        ]) {
          settings[name] = (await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0][name];
        }
        return settings;
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}
