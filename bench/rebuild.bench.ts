import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { rebuildProjections } from '../src/cli/rebuild-projections.js';
import { readConfig } from '../src/platform/config/app-config.js';
import { median, timed } from './support/measure.js';
import { profiled } from './support/profile.js';
import { testKeyDir } from '../test/support/database.js';
import { figure, type Figure } from './support/report.js';

/**
 * Figure 4: `gongzhi projections rebuild` (the real rebuildProjections) over the server's database,
 * whatever the other figures left there: registry, online and paper ballots, a close, and the
 * transparency log replayed against its signed checkpoints. Against PostgreSQL's bulk load of the same
 * rows: COPY … FROM a file into a table shaped and indexed like `events`.
 */
export async function rebuildBench(databaseUrl: string): Promise<Figure> {
  const rebuilt = await profiled('rebuild', () =>
    rebuildProjections(
      readConfig({ DATABASE_URL: databaseUrl, GONGZHI_KEY_DIR: testKeyDir(databaseUrl), LOG_LEVEL: 'error' }),
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
    const runs: number[] = [];
    let rows = 0;
    for (let i = 0; i < 3; i++) {
      await client.query('TRUNCATE copy_target');
      runs.push(
        await timed(async () => (rows = (await client.query(`COPY copy_target FROM '${file}'`)).rowCount ?? 0)),
      );
    }
    await client.query('DROP TABLE copy_target');
    const copyPerSecond = rows / (median(runs) / 1000);
    return figure({
      id: '4',
      name: 'projection rebuild (gongzhi projections rebuild), all read models',
      value: rebuilt.events / rebuilt.seconds,
      unit: 'events/s',
      baseline: { name: 'COPY of the same rows into an events-shaped table', value: copyPerSecond },
      goal: { ratio: 0.5, direction: 'at least', source: 'issue 17' },
      details: { events: rebuilt.events, seconds: rebuilt.seconds, copiedRows: rows, copyRunsMs: runs },
    });
  } finally {
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
