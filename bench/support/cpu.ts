import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';

/** CPU seconds spent so far by this process (all its threads: the garbage collector's helpers too). */
export function nodeCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** The process id of the session's backend: whose CPU /proc shows. */
export async function backendPid(client: pg.Client): Promise<number> {
  return (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
}

/** CPU seconds each live session of a database has spent so far, by its backend's process id. */
export type SessionsCpu = ReadonlyMap<number, number>;

/**
 * Reads what the sessions of a PostgreSQL database on this machine have spent in CPU, from Linux's /proc: the
 * client backends only, so that the server's own background work (autovacuum after a burst of writes, the
 * checkpointer) is not put down to whatever is measured. A session's CPU is lost when it ends: read it while
 * the sessions to measure are open. Null where the backends cannot be read (another machine, not Linux).
 */
export class PostgresCpuMeter {
  private constructor(
    private readonly client: pg.Client,
    private readonly perTick: number,
  ) {}

  static async open(databaseUrl: string): Promise<PostgresCpuMeter | null> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    if (ticksOf(await backendPid(client)) === null) {
      await client.end();
      return null;
    }
    return new PostgresCpuMeter(client, 1 / clockTicks());
  }

  /** Every other client session of the database, and the CPU it has spent. */
  async read(): Promise<SessionsCpu> {
    const { rows } = await this.client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    );
    const spent = new Map<number, number>();
    for (const { pid } of rows) {
      const ticks = ticksOf(pid);
      if (ticks !== null) spent.set(pid, ticks * this.perTick);
    }
    return spent;
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** What each session spent between two readings; a session opened in between counts from zero. */
export function spentBetween(before: SessionsCpu, after: SessionsCpu): Map<number, number> {
  return new Map([...after].map(([pid, spent]) => [pid, spent - (before.get(pid) ?? 0)]));
}

/** utime + stime of /proc/<pid>/stat (fields 14 and 15, counted after the command's closing parenthesis). */
function ticksOf(pid: number): number | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // gone, or not Linux
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' '); // from field 3, the state
  return Number(fields[14 - 3]) + Number(fields[15 - 3]);
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
