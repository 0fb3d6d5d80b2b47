import { loadavg } from 'node:os';
import { appendsBench } from './appends.bench.js';
import { ballotsBench } from './ballots.bench.js';
import { cityBench } from './city.bench.js';
import { rebuildBench } from './rebuild.bench.js';
import { generatedTallyBench, jimenliTallyBench } from './tally.bench.js';
import {
  type ExportedBundles,
  exportBundles,
  parallelVerifyBench,
  verifyBench,
  verifyWithWitnessesBench,
} from './verify.bench.js';
import { generateSigningKeyPair } from '@gongzhi/ledger-log/checkpoint-signing.js';
import { generatedBundle } from './support/generated-bundle.js';
import { startBenchPostgres } from './support/bench-postgres.js';
import { startBenchServer } from './support/bench-server.js';
import { progress } from './support/measure.js';
import { report, table, type Figure } from './support/report.js';

/**
 * BENCH_ONLY=appends,server,verify,tally,city runs some of the parts (for profiling one of them); `ballots` runs
 * figure 2 alone (not in the default run: `server` includes it); `verify` runs the verifier over generated
 * bundles, without the server (5g), and a district of them at once (5p). `rebuild`
 * runs only what figure 4 needs: the server's ballots and jimenli vote (figures 2 and 3a, which write
 * the events it replays), then figure 4, without exports or the verifier. With BENCH_DATABASE_URL
 * naming a database those left behind, `rebuild` runs figure 4 alone against it, BENCH_REBUILD_RUNS
 * times (default 1): before/after runs of the same rows, alternating with another build.
 * `npm run bench -- --city[=N]` runs only the city, with N communities (default BENCH_CITY_COMMUNITIES or 1,000).
 */
const cityArg = process.argv.find((arg) => arg === '--city' || arg.startsWith('--city='));
const parts = new Set((cityArg ? 'city' : (process.env.BENCH_ONLY ?? 'appends,server,verify,tally,city')).split(','));
const cityCommunities = Number(cityArg?.split('=')[1] ?? process.env.BENCH_CITY_COMMUNITIES ?? 1000);

/**
 * `npm run bench`: every figure of issue 8 beside a baseline measured in the same run, on one
 * throwaway embedded PostgreSQL with fsync on. Progress on stderr, the table on stdout, the JSON in
 * bench/results/latest.json.
 */
async function main() {
  const started = Date.now();
  const startLoad = loadavg();
  const figures: Figure[] = [];
  const done = (...measured: Figure[]) => {
    figures.push(...measured);
    for (const f of measured) progress(`  ${f.id}: ${table([f]).split('\n')[2]}`);
  };
  const existing = process.env.BENCH_DATABASE_URL;
  if (existing && parts.has('rebuild')) {
    for (let run = Number(process.env.BENCH_REBUILD_RUNS ?? 1); run > 0; run--) {
      progress('figure 4: projection rebuild vs COPY of the same rows (an existing database)');
      done(await rebuildBench(existing));
    }
    report(figures, { seconds: (Date.now() - started) / 1000, loadAverage: { atStart: startLoad, atEnd: loadavg() } });
    return;
  }
  progress('starting an embedded PostgreSQL (fsync on)');
  const postgres = await startBenchPostgres();
  try {
    const durability = await postgres.durability();
    progress(
      `  ${Object.entries(durability)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );

    if (parts.has('appends')) {
      progress('figure 1: event appends through the adapter vs raw INSERTs, 32 writers');
      done(...(await appendsBench(await postgres.database('bench_appends'))));
    }

    if (parts.has('ballots')) {
      // Figure 2 alone, on a server of its own: no export, tally, rebuild or verify after it.
      const server = await startBenchServer(await postgres.database('bench_ballots'));
      try {
        progress('figure 2: ballots/s over HTTP vs the bare route (autocannon)');
        done((await ballotsBench(server)).figure);
      } finally {
        await server.stop();
      }
    }

    if (parts.has('server')) {
      const server = await startBenchServer(await postgres.database('bench_server'));
      let bundles: ExportedBundles;
      try {
        progress('figure 2: ballots/s over HTTP vs the bare route (autocannon)');
        const ballots = await ballotsBench(server);
        done(ballots.figure);

        progress('figure 3a: tally of the jimenli roster (2,844 voters) vs reading its events');
        const jimenli = await jimenliTallyBench(server);
        done(jimenli.figure);

        progress('  exporting both communities once the projections and checkpoints have caught up');
        bundles = await exportBundles(server, [ballots.cid, jimenli.cid], jimenli.closedAt);
      } finally {
        await server.stop();
      }

      progress('figure 4: projection rebuild vs COPY of the same rows');
      done(await rebuildBench(server.databaseUrl));

      progress('figure 5: gongzhi verify vs SHA-256 of the same bytes');
      done(await verifyBench(bundles));

      progress("figure 5w: gongzhi verify with a witness's cosignatures vs without");
      done(await verifyWithWitnessesBench(bundles));
    }

    if (parts.has('rebuild') && !parts.has('server')) {
      const server = await startBenchServer(await postgres.database('bench_server'));
      try {
        progress('figure 2: ballots/s over HTTP vs the bare route (autocannon), for the events figure 4 replays');
        done((await ballotsBench(server)).figure);
        progress('figure 3a: the jimenli vote (2,844 paper ballots), for the events figure 4 replays');
        done((await jimenliTallyBench(server)).figure);
      } finally {
        await server.stop();
      }
      progress('figure 4: projection rebuild vs COPY of the same rows');
      done(await rebuildBench(server.databaseUrl));
      if (process.env.BENCH_HOLD) {
        // Kept for BENCH_DATABASE_URL runs from another build until this process is stopped (SIGINT).
        process.stderr.write(`BENCH_DATABASE_URL=${server.databaseUrl}\n`);
        await new Promise((resolve) => process.once('SIGINT', resolve));
      }
    }

    if (parts.has('verify')) {
      progress('figure 5g: gongzhi verify over generated bundles (closed votes, 20,000 and 2,000 voters) vs SHA-256');
      const keys = generateSigningKeyPair();
      const generated = [20_000, 2_000].map((heads) => generatedBundle(heads, { keys }));
      const exported = { texts: generated.map((g) => g.text), key: generated[0].key };
      done(await verifyBench(exported, 5, { id: '5g', name: 'gongzhi verify (verifyBundle) over generated bundles' }));
      progress('figure 5p: a district of bundles verified at once in worker threads vs one after another');
      const district = Array.from({ length: 8 }, () => generatedBundle(10_000, { keys }).text);
      done(await parallelVerifyBench({ texts: district, key: exported.key }));
    }

    if (parts.has('tally')) {
      progress(
        'figure 3b, 3c: tally of 100,000 generated voters, and a cold start of its stream, vs reading its events',
      );
      done(...(await generatedTallyBench(await postgres.database('bench_tally'))));
    }

    if (parts.has('city')) {
      progress(`figure 6: a city of ${cityCommunities.toLocaleString('en')} communities vs one, on one server`);
      const server = await startBenchServer(await postgres.database('bench_city'));
      try {
        const lone = async (step: number) => startBenchServer(await postgres.database(`bench_city_lone_${step}`));
        done(...(await cityBench(server, lone, cityCommunities)));
      } finally {
        await server.stop();
      }
    }

    figures.sort((a, b) => a.id.localeCompare(b.id));
    // Other processes on the machine move the absolute figures; the ratios are what a run is for.
    report(figures, {
      postgres: durability,
      seconds: (Date.now() - started) / 1000,
      loadAverage: { atStart: startLoad, atEnd: loadavg() },
    });
    progress(`done in ${Math.round((Date.now() - started) / 1000)} s; bench/results/latest.json written`);
  } finally {
    await postgres.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
