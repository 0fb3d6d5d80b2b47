import { startThrowawayPostgres } from './embedded-server';

// One embedded PostgreSQL per test run; each suite makes its own database in it (test/support/database.ts).
export default async function globalSetup(): Promise<void> {
  const server = await startThrowawayPostgres();
  process.env.GONGZHI_TEST_PG_SERVER = server.url;
  (globalThis as Record<string, unknown>).__gongzhiTestPostgres = server;
}
