import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateKeyPairSync } from 'node:crypto';
import { fromHex } from '@gongzhi/ledger-log/hex.js';
import { ed25519Cosigner } from '@gongzhi/ledger-log/tlog-cosignature.js';
import { verifyBundle } from '../src/cli/verify/verify-bundle.js';
import type { BundleLine } from '../src/transparency/export/bundle-format.js';
import type { LogQueries } from '../src/transparency/queries/log.queries.js';
import { availableParallelism } from 'node:os';
import { Witness } from '../src/witness/witness.js';
import { WitnessStore } from '../src/witness/witness-store.js';
import { ADMIN, type TestServer } from '../test/support/test-server.js';
import { ok } from './support/bench-server.js';
import { alternate } from './support/measure.js';
import { profiled } from './support/profile.js';
import { figure, type Figure } from './support/report.js';
import type { DistrictVerified } from './support/verify-district.js';

const run = promisify(execFile);
/** Figure 5p's child (built beside this file). */
const DISTRICT = fileURLToPath(new URL('./support/verify-district.js', import.meta.url));

export interface ExportedBundles {
  texts: string[];
  /** The log key's fingerprint from GET /log/public-key: what a regulator pins. */
  key: string;
}

/**
 * The communities' export bundles (GET …/export, as a regulator downloads them; each ends on a checkpoint
 * of its own size), once the projections have applied `after`, and the log key to verify them with.
 */
export async function exportBundles(server: TestServer, cids: string[], after: string): Promise<ExportedBundles> {
  const admin = await server.signIn(ADMIN.login, ADMIN.secret);
  await ok('caught up', server.get<unknown>(`/api/v1/communities/${cids[0]}?after=${after}`, { token: admin }));
  const key = (await ok('log key', server.get<ReturnType<LogQueries['publicKey']>>('/api/v1/log/public-key')))
    .fingerprint;
  const bundles: string[] = [];
  // fetch itself: the answer is NDJSON, which ApiClient would try to read as one JSON value.
  for (const cid of cids) {
    const response = await fetch(`${server.baseUrl}/api/v1/communities/${cid}/export`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    if (response.status !== 200) throw new Error(`export of ${cid}: ${response.status} ${await response.text()}`);
    bundles.push(await response.text());
  }
  return { texts: bundles, key };
}

/**
 * Hashing a bundle takes a few tens of milliseconds, where scheduling and the first reads move a single pass by
 * a factor of four (18 to 128 ms over five rounds of the same files, 0.6.0): each of the baseline's rounds hashes
 * the files this many times, so that a round lasts about as long as a verification, and is divided back.
 */
const SHA_PASSES = 10;

/** Runs `work` over the bundles written to files of a temporary folder, which it removes afterwards. */
async function withBundleFiles<T>(texts: readonly string[], work: (files: string[]) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-bundle-'));
  try {
    const files = texts.map((text, i) => {
      const file = join(dir, `bundle-${i}.ndjson`);
      writeFileSync(file, text);
      return file;
    });
    return await work(files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Figure 5: `gongzhi verify` (verifyBundle, reading the file as the command does) over export bundles
 * the server produced, against streaming the same files through node:crypto's SHA-256.
 */
export async function verifyBench(
  { texts: bundles, key }: ExportedBundles,
  rounds = 5,
  label = { id: '5', name: 'gongzhi verify (verifyBundle) over export bundles' },
): Promise<Figure> {
  return withBundleFiles(bundles, async (files) => {
    await profiled('verify', async () => {
      for (const file of files) await verifyBundle(file, { pinnedKey: key });
    });
    const hashAll = async () => {
      for (let pass = 0; pass < SHA_PASSES; pass++) for (const file of files) await sha256OfFile(file);
    };
    await hashAll(); // warmed as verify was, by the pass above
    let events = 0;
    const timing = await alternate(
      rounds,
      async () => {
        events = 0;
        for (const file of files) {
          const report = await verifyBundle(file, { pinnedKey: key });
          if (!report.ok)
            throw new Error(
              `verify found problems in a bundle the server just made: ${JSON.stringify(report.failures.slice(0, 3))}`,
            );
          events += report.events;
        }
      },
      hashAll,
    );
    const shaMs = timing.b / SHA_PASSES;
    const bytes = bundles.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    return figure({
      ...label,
      value: events / (timing.a / 1000),
      unit: 'events/s',
      baseline: { name: 'SHA-256 of the same bytes (node:crypto)', value: events / (shaMs / 1000) },
      goal: { ratio: 0.1, direction: 'at least', source: 'issue 17' },
      details: {
        bundles: bundles.length,
        events,
        bytes,
        verifyRunsMs: timing.aRuns,
        sha256RunsMs: timing.bRuns,
        sha256Passes: SHA_PASSES,
        verifyMBps: bytes / 1e3 / timing.a,
        sha256MBps: bytes / 1e3 / shaMs,
      },
    });
  });
}

/**
 * The bundles as a street office's witness would have them cosigned: each checkpoint submitted in order to
 * a real witness (src/witness, in this process, its state in a temporary folder) with the consistency
 * proof the bundle carries, and the cosignature it answers added to the checkpoint's note.
 */
async function cosignedByAWitness({ texts, key }: ExportedBundles): Promise<ExportedBundles & { witness: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-witness-'));
  const store = await WitnessStore.open(dir);
  try {
    const cosigner = ed25519Cosigner('bench.test/witness', generateKeyPairSync('ed25519').privateKey);
    const cosigned = [];
    for (const text of texts) {
      const lines = text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as BundleLine);
      const header = lines[0];
      if (header.record !== 'header' || !header.origin || !header.vkey)
        throw new Error('an export bundle without a header naming its origin and vkey');
      const witness = new Witness(cosigner, [{ origin: header.origin, vkeys: [header.vkey] }], store);
      let old = 0;
      for (const line of lines) {
        if (line.record !== 'checkpoint') continue;
        if (!line.note) throw new Error(`the checkpoint of ${line.treeSize} leaves has no signed note`);
        const proof = old === 0 ? [] : line.consistencyProof;
        const answer = await witness.addCheckpoint(
          `old ${old}\n${proof.map((h) => `${Buffer.from(fromHex(h)).toString('base64')}\n`).join('')}\n${line.note}`,
        );
        if (answer.status !== 200)
          throw new Error(
            `the witness refused the checkpoint of ${line.treeSize} leaves: ${answer.status} ${answer.body}`,
          );
        line.note += answer.body;
        old = line.treeSize;
      }
      cosigned.push(`${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    }
    return { texts: cosigned, key, witness: cosigner.vkey };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Figure 5w: `gongzhi verify --key … --witness … --witnesses 1` over the same bundles, each checkpoint
 * cosigned by a witness, against verify without witnesses over those same files: what checking the
 * cosignatures adds.
 */
export async function verifyWithWitnessesBench(exported: ExportedBundles, rounds = 5): Promise<Figure> {
  const { texts, key, witness } = await cosignedByAWitness(exported);
  return withBundleFiles(texts, async (files) => {
    let events = 0;
    const timing = await alternate(
      rounds,
      async () => {
        events = 0;
        for (const file of files) {
          const report = await verifyBundle(file, { pinnedKey: key, witnesses: [witness], requiredCosignatures: 1 });
          if (!report.ok)
            throw new Error(`verify with witnesses found problems: ${JSON.stringify(report.failures.slice(0, 3))}`);
          events += report.events;
        }
      },
      async () => {
        for (const file of files) await verifyBundle(file, { pinnedKey: key });
      },
    );
    return figure({
      id: '5w',
      name: 'gongzhi verify --witness (every checkpoint cosigned, 1 required) over export bundles',
      value: events / (timing.a / 1000),
      unit: 'events/s',
      baseline: { name: 'gongzhi verify without witnesses, same files', value: events / (timing.b / 1000) },
      goal: null,
      details: { bundles: texts.length, events, witnessRunsMs: timing.aRuns, plainRunsMs: timing.bRuns },
    });
  });
}

/**
 * Figure 5p: a district's bundles given to `gongzhi verify` at once (verifyBundles, one worker thread per core)
 * against the same files verified one after another in one thread. Each side is a process of its own, started
 * cold as the command is: a worker pays its start and the verifier's warming up, and so does the one thread, once.
 */
export async function parallelVerifyBench({ texts, key }: ExportedBundles, rounds = 3): Promise<Figure> {
  return withBundleFiles(texts, async (files) => {
    const threads = availableParallelism();
    let events = 0;
    const verifyWith = async (n: number) => {
      const { stdout } = await run(process.execPath, [DISTRICT, String(n), key, ...files]);
      const result = JSON.parse(stdout) as DistrictVerified;
      if (!result.ok) throw new Error('verify found problems in generated bundles');
      if (result.threads !== Math.min(n, files.length)) throw new Error(`verify ran in ${result.threads} thread(s)`);
      events = result.events;
    };
    const timing = await alternate(
      rounds,
      () => verifyWith(threads),
      () => verifyWith(1),
    );
    return figure({
      id: '5p',
      name: `gongzhi verify of a district's ${files.length} bundles at once, ${threads} worker threads (one per core), from a cold start`,
      value: events / (timing.a / 1000),
      unit: 'events/s',
      baseline: {
        name: 'the same bundles one after another in one thread, from a cold start',
        value: events / (timing.b / 1000),
      },
      goal: null,
      details: {
        bundles: files.length,
        events,
        threads,
        parallelRunsMs: timing.aRuns,
        oneThreadRunsMs: timing.bRuns,
      },
    });
  });
}
