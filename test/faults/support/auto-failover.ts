import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../../support/global-setup.js';

/** The Debian package CI installs (.ci/run); the test skips without it. */
export const AUTO_FAILOVER_PACKAGE = 'postgresql-15-auto-failover';
const LOG_DIR = 'test-results/faults-logs';

/**
 * The monitor's timeouts, down from a minute to seconds (the pg_autoctl(5) manual's settings): a node is
 * failed after one missed 1 s health check and 2 s without reports, and the standby is promoted
 * after waiting at most 5 s for the dead primary to demote itself.
 */
const MONITOR_SETTINGS: Record<string, number> = {
  'pgautofailover.health_check_period': 1000,
  'pgautofailover.health_check_timeout': 1000,
  'pgautofailover.health_check_max_retries': 1,
  'pgautofailover.health_check_retry_delay': 500,
  'pgautofailover.node_considered_unhealthy_timeout': 2000,
  'pgautofailover.primary_demote_timeout': 5000,
  'pgautofailover.startup_grace_period': 2000,
};

const PRIMARY_STATES = ['single', 'wait_primary', 'primary'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The PostgreSQL bin folder whose server has the pgautofailover extension, or why there is none. */
function postgresWithAutoFailover(): { bin: string } | { missing: string } {
  const found = spawnSync('pg_autoctl', ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0)
    return { missing: `pg_autoctl is not installed (apt-get install ${AUTO_FAILOVER_PACKAGE})` };
  for (const version of ['18', '17', '16', '15', '14', '13']) {
    const bin = `/usr/lib/postgresql/${version}/bin`;
    if (existsSync(`/usr/share/postgresql/${version}/extension/pgautofailover.control`) && existsSync(`${bin}/pg_ctl`))
      return { bin };
  }
  return { missing: `no PostgreSQL with the pgautofailover extension (apt-get install ${AUTO_FAILOVER_PACKAGE})` };
}

export function autoFailoverMissing(): string | null {
  const found = postgresWithAutoFailover();
  return 'missing' in found ? found.missing : null;
}

/** PostgreSQL refuses to run as root: as root, everything runs as the postgres user. */
function runAs(): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

export interface FailoverNode {
  name: string;
  port: number;
  pgdata: string;
  keeper: ChildProcess;
}

/**
 * A pg_auto_failover formation on loopback: a monitor, a primary and a synchronous standby, each a
 * `pg_autoctl … --run` keeper in a process group of its own under a temporary folder, so that a test
 * can kill one node as a machine dies: its keeper and its PostgreSQL together, with kill -9.
 */
export class AutoFailoverCluster {
  private readonly keepers: ChildProcess[] = [];
  readonly nodes: FailoverNode[] = [];
  private monitorPort = 0;

  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    private readonly user: { uid: number; gid: number } | null,
    readonly database: string,
  ) {}

  static async start(database = 'gongzhi'): Promise<AutoFailoverCluster> {
    const found = postgresWithAutoFailover();
    if ('missing' in found) throw new Error(found.missing);
    const dir = mkdtempSync(join(tmpdir(), 'gongzhi-failover-'));
    const user = runAs();
    if (user) chownSync(dir, user.uid, user.gid);
    const cluster = new AutoFailoverCluster(found.bin, dir, user, database);
    try {
      await cluster.startMonitor();
      await cluster.startNode('node1', 'single');
      await cluster.startNode('node2', 'secondary');
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** libpq's multi-host URL over both nodes, as an operator would set DATABASE_URL. */
  get url(): string {
    const hosts = this.nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
    return `postgresql://postgres@${hosts}/${this.database}?target_session_attrs=read-write`;
  }

  urlOf(node: FailoverNode): string {
    return `postgresql://postgres@127.0.0.1:${node.port}/${this.database}`;
  }

  /** Each node's state as the monitor last recorded it, by name. */
  async states(): Promise<Map<string, { reported: string; assigned: string }>> {
    const monitor = new pg.Client({
      connectionString: `postgresql://postgres@127.0.0.1:${this.monitorPort}/pg_auto_failover`,
    });
    await monitor.connect();
    try {
      const { rows } = await monitor.query<{ nodename: string; reportedstate: string; goalstate: string }>(
        'SELECT nodename, reportedstate::text, goalstate::text FROM pgautofailover.node',
      );
      return new Map(rows.map((r) => [r.nodename, { reported: r.reportedstate, assigned: r.goalstate }]));
    } finally {
      await monitor.end();
    }
  }

  /**
   * The node that is primary, per the monitor: assigned that role and reporting it. A dead node's last
   * report stays "primary"; the monitor's assignment moves on. The monitor assigns a new state before
   * the keeper reports it (wait_primary → primary once the standby has caught up), so this waits for
   * the two to agree rather than reading one moment between them.
   */
  async primary(timeoutMs = 30_000): Promise<FailoverNode> {
    let found: FailoverNode | undefined;
    let last = new Map<string, { reported: string; assigned: string }>();
    await this.until(
      'a primary reporting the state the monitor assigned it',
      async () => {
        last = await this.states();
        found = this.nodes.find((n) => {
          const state = last.get(n.name);
          return state && PRIMARY_STATES.includes(state.assigned) && state.reported === state.assigned;
        });
        return found !== undefined;
      },
      timeoutMs,
    ).catch((error: unknown) => {
      throw new Error(`no primary: ${JSON.stringify([...last])} (${String(error)})`);
    });
    return found!;
  }

  /** The machine dies: kill -9 the node's keeper, its PostgreSQL and every process of theirs. */
  killNode(node: FailoverNode): void {
    const postmaster = Number(readFileSync(join(node.pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]);
    for (const target of [-node.keeper.pid!, postmaster]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  async stop(): Promise<void> {
    for (const keeper of [...this.keepers].reverse()) {
      if (keeper.exitCode !== null || keeper.signalCode !== null) continue;
      const exited = new Promise((resolve) => keeper.once('exit', resolve));
      try {
        process.kill(-keeper.pid!, 'SIGTERM');
      } catch {
        continue;
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
      clearTimeout(timer);
      try {
        process.kill(-keeper.pid!, 'SIGKILL');
      } catch {
        // stopped
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private keeper(name: string, args: string[]): ChildProcess {
    mkdirSync(LOG_DIR, { recursive: true });
    const log = createWriteStream(`${LOG_DIR}/pg_autoctl-${name}-${process.pid}.log`);
    const child = spawn('pg_autoctl', args, {
      cwd: this.dir,
      // Its own process group: killNode kills the keeper's postgres and helpers with it.
      detached: true,
      ...(this.user ?? {}),
      env: {
        PATH: `${this.bin}:${process.env.PATH}`,
        HOME: this.dir,
        XDG_CONFIG_HOME: join(this.dir, 'config'),
        XDG_DATA_HOME: join(this.dir, 'data'),
        XDG_RUNTIME_DIR: join(this.dir, 'run'),
        PGHOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    this.keepers.push(child);
    return child;
  }

  private async startMonitor(): Promise<void> {
    this.monitorPort = await freePort();
    this.keeper('monitor', [
      'create',
      'monitor',
      ...['--pgdata', join(this.dir, 'monitor'), '--pgport', String(this.monitorPort)],
      ...['--hostname', '127.0.0.1', '--auth', 'trust', '--no-ssl', '--run'],
    ]);
    await this.until('the monitor to answer', async () => {
      const client = new pg.Client({
        connectionString: `postgresql://postgres@127.0.0.1:${this.monitorPort}/pg_auto_failover`,
      });
      try {
        await client.connect();
        await client.query('SELECT 1 FROM pgautofailover.node LIMIT 1');
        for (const [name, value] of Object.entries(MONITOR_SETTINGS))
          await client.query(`ALTER SYSTEM SET ${name} = ${value}`);
        await client.query('SELECT pg_reload_conf()');
        return true;
      } finally {
        await client.end().catch(() => {});
      }
    });
  }

  private async startNode(name: string, role: 'single' | 'secondary'): Promise<void> {
    const port = await freePort();
    const pgdata = join(this.dir, name);
    const keeper = this.keeper(name, [
      'create',
      'postgres',
      ...['--pgdata', pgdata, '--pgport', String(port), '--name', name, '--dbname', this.database],
      ...['--monitor', `postgresql://autoctl_node@127.0.0.1:${this.monitorPort}/pg_auto_failover?sslmode=disable`],
      ...['--hostname', '127.0.0.1', '--auth', 'trust', '--no-ssl', '--run'],
    ]);
    this.nodes.push({ name, port, pgdata, keeper });
    await this.until(`${name} to be ${role}`, async () => {
      if (role === 'secondary') await this.nudgeBaseBackup();
      const states = await this.states();
      const settled = [...states.values()].every((s) => s.reported === s.assigned);
      // With the standby in, the formation is ready once the first node reports "primary" (its standby
      // caught up and synchronous); until then the monitor still has a step to assign.
      const primaryReady = role === 'single' || states.get(this.nodes[0].name)?.reported === 'primary';
      return settled && primaryReady && states.get(name)?.reported === role;
    });
  }

  /**
   * pg_basebackup, which makes the standby, waits for a checkpoint that the primary spreads over minutes;
   * a CHECKPOINT asked for meanwhile finishes it at once.
   */
  private async nudgeBaseBackup(): Promise<void> {
    const client = new pg.Client({ connectionString: this.urlOf(this.nodes[0]) });
    try {
      await client.connect();
      await client.query('CHECKPOINT');
    } finally {
      await client.end().catch(() => {});
    }
  }

  private async until(what: string, done: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown = null;
    while (Date.now() < deadline) {
      if (this.keepers.some((k) => k.exitCode !== null))
        throw new Error(`a pg_autoctl keeper exited while waiting for ${what} (see ${LOG_DIR}/pg_autoctl-*.log)`);
      try {
        if (await done()) return;
      } catch (error) {
        last = error;
      }
      await sleep(500);
    }
    throw new Error(`waited ${timeoutMs} ms for ${what}: ${String(last)}`);
  }
}
