import { readConfig } from './platform/config/app-config.js';
import { startEmbeddedPostgres } from './platform/database/embedded-postgres.js';
import { createApp } from './app.js';

/** `npm start`: an external PostgreSQL when DATABASE_URL is set, otherwise an embedded one under .data/. */
async function main(): Promise<void> {
  const config = readConfig();
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, say);
  if (embedded) config.databaseUrl = embedded.url;
  const app = await createApp(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping`);
    await app.close().catch(() => {});
    await embedded?.stop().catch(() => {});
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen(config.port, config.host);
  say(`Gongzhi listening on http://localhost:${config.port}  (API docs: http://localhost:${config.port}/api/docs)`);
}

main().catch((error) => {
  process.stderr.write(`Gongzhi could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
