import pg from 'pg';
import type { AppConfig } from '../platform/config/app-config.js';
import { embeddedServerUrl, startEmbeddedPostgres } from '../platform/database/embedded-postgres.js';

/**
 * The database a CLI command works on: DATABASE_URL, or the embedded server under .data/ — the
 * running server's if it is up, else started for the command and stopped after it.
 */
export async function databaseForCli(config: AppConfig): Promise<{ url: string; release(): Promise<void> }> {
  if (config.databaseUrl) return { url: config.databaseUrl, release: async () => {} };
  const url = embeddedServerUrl(config);
  if (url) {
    const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await probe.connect();
      await probe.end();
      return { url, release: async () => {} };
    } catch {
      await probe.end().catch(() => {});
    }
  }
  const embedded = await startEmbeddedPostgres(config, (line) => process.stderr.write(`${line}\n`));
  return { url: embedded.url, release: () => embedded.stop() };
}
