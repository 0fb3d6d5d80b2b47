import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { readConfig } from '../../src/platform/config/app-config.js';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** What `npm start` does with no DATABASE_URL: its own PostgreSQL under the data folder. */
async function startLikeNpmStart(dataDir: string, pgPort: number) {
  const config = readConfig({ GONGZHI_DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(pgPort), GONGZHI_ADMIN_SECRET: 'restart-secret-1', LOG_LEVEL: 'error' });
  const embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, () => {});
  const app = await createApp({ ...config, databaseUrl: embedded.url });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  return { base, stop: async () => { await app.close(); await embedded.stop(); } };
}

describe('the server on its embedded PostgreSQL (npm start without DATABASE_URL)', () => {
  it('keeps its data across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-data-'));
    chmodSync(dataDir, 0o755);
    const pgPort = await freePort();
    try {
      const first = await startLikeNpmStart(dataDir, pgPort);
      const token = (await (await fetch(`${first.base}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', secret: 'restart-secret-1' }) })).json()).accessToken;
      const created = await (
        await fetch(`${first.base}/api/v1/communities`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ name: '重启小区', district: '海淀区', rulebook: 'CN-CIVIL-CODE-2021' }),
        })
      ).json();
      await fetch(`${first.base}/api/v1/communities?after=${created.position}`);
      await first.stop();

      const second = await startLikeNpmStart(dataDir, pgPort);
      try {
        const answer = await fetch(`${second.base}/api/v1/communities/${created.id}`);
        expect(answer.status).toBe(200);
        expect((await answer.json()).name).toBe('重启小区');
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
