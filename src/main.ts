import { readConfig } from './platform/config/app-config.js';
import { startEmbeddedPostgres } from './platform/database/embedded-postgres.js';
import { createApp } from './app.js';
import { describeError } from './platform/logging/describe-error.js';

/** `npm start`: an external PostgreSQL when DATABASE_URL is set, otherwise an embedded one under .data/. */
async function main(): Promise<void> {
  const config = readConfig();
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config, say);
  if (embedded) config.databaseUrl = embedded.url;
  // A refused start (a key file others may read, say) must not leave the embedded PostgreSQL running.
  const app = await createApp(config).catch(async (error) => {
    await embedded?.stop().catch(() => {});
    throw error;
  });
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
  process.stderr.write(`Gongzhi could not start: ${describeError(error)}\n`);
  process.exit(1);
});
