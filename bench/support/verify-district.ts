import { verifyBundles } from '../../src/cli/verify/verify-bundles.js';

/**
 * Figure 5p's one side in a process of its own, as a clerk's `gongzhi verify a.ndjson b.ndjson …` runs: started
 * cold, the verifier's modules loaded, every bundle verified, with at most `threads` at once (1: one after another
 * in this thread). Arguments: threads, the pinned key, the bundle files. Answers on stdout what it verified.
 */
const [threads, pinnedKey, ...files] = process.argv.slice(2);
const result = await verifyBundles(
  files.map((file) => ({ name: file, input: file, treeSize: 0 })),
  [],
  { pinnedKey, threads: Number(threads) },
);
const answer: DistrictVerified = {
  ok: result.ok,
  threads: result.threads,
  events: result.bundles.reduce((sum, b) => sum + b.report.events, 0),
};
process.stdout.write(JSON.stringify(answer));

export interface DistrictVerified {
  ok: boolean;
  threads: number;
  events: number;
}
