import type { INestApplication } from '@nestjs/common';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { ManualClock } from '../../src/platform/clock.js';
import { readConfig } from '../../src/platform/config/app-config.js';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres.js';

export const ADMIN = { login: 'admin', secret: 'bench-admin-secret' };

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** The real server on a throwaway embedded PostgreSQL, on loopback, for one benchmark run. */
export async function startBenchServer(): Promise<{ app: INestApplication; base: string; databaseUrl: string; clock: ManualClock; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-'));
  chmodSync(dataDir, 0o755);
  const embedded = await startEmbeddedPostgres(dataDir, await freePort(), () => {});
  const clock = new ManualClock(new Date('2026-01-05T09:00:00+08:00'));
  const config = readConfig({
    DATABASE_URL: embedded.url,
    GONGZHI_ADMIN_LOGIN: ADMIN.login,
    GONGZHI_ADMIN_SECRET: ADMIN.secret,
    GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600),
    LOG_LEVEL: 'error',
  });
  const app = await createApp(config, { clock });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  return {
    app,
    base,
    databaseUrl: embedded.url,
    clock,
    async stop() {
      await app.close();
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function call(base: string, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}
