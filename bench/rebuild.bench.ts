import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { rebuildProjections } from '../src/cli/rebuild-projections.js';
import { readConfig } from '../src/platform/config/app-config.js';
import { median, timed } from './support/measure.js';
import { profiled } from './support/profile.js';
import { testKeyDir } from '../test/support/database.js';
import { figure, type Figure } from './support/report.js';
import { backendPid, nodeCpuSeconds, PostgresCpuMeter, type SessionsCpu, spentBetween } from './support/cpu.js';

/**
 * Figure 4: `gongzhi projections rebuild` (the real rebuildProjections) over the server's database,
 * whatever the other figures left there: registry, online and paper ballots, a close, and the
 * transparency log replayed against its signed checkpoints. Against PostgreSQL's bulk load of the same
 * rows: COPY … FROM a file into a table shaped and indexed like `events`.
 */
export async function rebuildBench(databaseUrl: string): Promise<Figure> {
  const meter = await PostgresCpuMeter.open(databaseUrl);
  try {
    return await measure(databaseUrl, meter);
  } finally {
    await meter?.close();
  }
}

async function measure(databaseUrl: string, meter: PostgresCpuMeter | null): Promise<Figure> {
  // CPU seconds the replay spent in this process and in its PostgreSQL sessions (NaN: not readable here), and
  // in the busiest of those sessions (the write transaction's: one backend, so one core at most).
  const cpu = { node: Number.NaN, postgres: Number.NaN, busiestSession: Number.NaN };
  let atStart: { node: number; sessions?: SessionsCpu };
  const rebuilt = await profiled('rebuild', () =>
    rebuildProjections(
      readConfig({ DATABASE_URL: databaseUrl, GONGZHI_KEY_DIR: testKeyDir(databaseUrl), LOG_LEVEL: 'error' }),
      {
        started: async () => {
          atStart = { sessions: await meter?.read(), node: nodeCpuSeconds() };
        },
        finished: async () => {
          cpu.node = nodeCpuSeconds() - atStart.node;
          const sessions = await meter?.read();
          if (!sessions || !atStart.sessions) return;
          const spent = [...spentBetween(atStart.sessions, sessions).values()];
          cpu.postgres = spent.reduce((sum, seconds) => sum + seconds, 0);
          cpu.busiestSession = Math.max(...spent);
        },
      },
    ),
  );

  const client = new pg.Client({ connectionString: databaseUrl });
  // Written and read by the server (the postgres user), so open to it.
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-copy-'));
  chmodSync(dir, 0o777);
  const file = join(dir, 'events.copy');
  await client.connect();
  try {
    await client.query(`COPY (SELECT * FROM events ORDER BY position) TO '${file}'`);
    await client.query('CREATE TABLE copy_target (LIKE events INCLUDING DEFAULTS INCLUDING INDEXES)');
    const copier = await backendPid(client);
    const runs: number[] = [];
    const copyCpu: number[] = [];
    let rows = 0;
    for (let i = 0; i < 3; i++) {
      await client.query('TRUNCATE copy_target');
      const before = await meter?.read();
      runs.push(
        await timed(async () => (rows = (await client.query(`COPY copy_target FROM '${file}'`)).rowCount ?? 0)),
      );
      const after = await meter?.read();
      copyCpu.push(before && after ? (spentBetween(before, after).get(copier) ?? Number.NaN) : Number.NaN);
    }
    await client.query('DROP TABLE copy_target');
    const copyPerSecond = rows / (median(runs) / 1000);
    const ceiling = cpuCeiling(rebuilt.events, cpu, copyPerSecond);
    return figure({
      id: '4',
      name: 'projection rebuild (gongzhi projections rebuild), all read models',
      value: rebuilt.events / rebuilt.seconds,
      unit: 'events/s',
      baseline: { name: 'COPY of the same rows into an events-shaped table', value: copyPerSecond },
      goal: { ratio: 0.5, direction: 'at least', source: 'issue 17' },
      notes: ceiling
        ? {
            measured:
              `CPU ${cpu.node.toFixed(2)} s Node + ${cpu.postgres.toFixed(2)} s PostgreSQL, ${cpu.busiestSession.toFixed(2)} s ` +
              `of it in the writing session: at most ${ceiling.ratio.toFixed(2)}× on ${ceiling.cores} cores`,
            baseline: `CPU ${median(copyCpu).toFixed(2)} s PostgreSQL`,
          }
        : undefined,
      details: {
        events: rebuilt.events,
        seconds: rebuilt.seconds,
        copiedRows: rows,
        copyRunsMs: runs,
        cpuSeconds: { ...cpu, copyRuns: copyCpu },
        ceiling,
      },
    });
  } finally {
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The best ratio the rebuild's own CPU allows on this machine, doing the work it does: its CPU seconds, Node's
 * and its PostgreSQL sessions', spread over every core with no wait at all — but never less than its busiest
 * session's, since one transaction is one backend process, on one core. Against COPY's time. Null where
 * PostgreSQL's CPU cannot be read.
 */
function cpuCeiling(
  events: number,
  cpu: { node: number; postgres: number; busiestSession: number },
  copyPerSecond: number,
) {
  if (!Number.isFinite(cpu.postgres)) return null;
  const cores = availableParallelism();
  const seconds = Math.max((cpu.node + cpu.postgres) / cores, cpu.busiestSession);
  return { cores, ratio: events / seconds / copyPerSecond };
}
