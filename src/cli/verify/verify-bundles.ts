import { availableParallelism } from 'node:os';
import { type OtherCheckpoint, type OtherOutcome, type OwnCheckpoint, whatItNames } from './other-checkpoints.js';
import { BundleVerification, type VerifyReport } from './verify-bundle.js';
import { Progress } from './bundle-progress.js';
import type { BundlesOptions, NamedBundle, Verifiers } from './verifiers.js';
import { WorkerPool } from './worker-pool.js';

// verifyBundles's own arguments, where its callers look for them.
export type { BundlesOptions, NamedBundle } from './verifiers.js';

export interface BundlesReport {
  ok: boolean;
  /** One per bundle, in the order given. */
  bundles: { name: string; report: VerifyReport }[];
  /** Saved checkpoints that no bundle could be held against, each said why. */
  unchecked: string[];
  /** How many threads verified bundles (1: this one alone). */
  threads: number;
}

/**
 * Several bundles, and checkpoints saved earlier, verified as one view of each community. Every bundle
 * is read at once, each in a thread of its own where it can be (nearly all the work); then, smallest
 * first, each is held against the saved checkpoints and the signed checkpoints of the bundles before it:
 * so every pair of bundles of one community is compared once, by the larger, whose events reach every
 * size the smaller signed. A saved checkpoint no bundle reaches is not taken as agreeing.
 */
export async function verifyBundles(
  bundles: readonly NamedBundle[],
  saved: readonly OtherCheckpoint[],
  options: BundlesOptions,
): Promise<BundlesReport> {
  const verifiers = chooseVerifiers(bundles, options);
  try {
    const order = bundles.map((_, i) => i).sort((a, b) => bundles[a].treeSize - bundles[b].treeSize);
    // Reads are started in the order compared, so a bundle waits only on the few read beside it.
    const reads = order.map((index) => verifiers.read(index, bundles[index]));
    // A thread that dies fails its bundles when their turn comes, not the process before it.
    for (const read of reads) read.catch(() => {});
    const reports: VerifyReport[] = [];
    const outcomes: OtherOutcome[][] = saved.map(() => []);
    const earlier: OtherCheckpoint[] = [];
    for (const [position, index] of order.entries()) {
      await reads[position];
      const report = await verifiers.finish(index, [...saved, ...earlier]);
      saved.forEach((_, i) => outcomes[i].push(report.otherCheckpoints[i]));
      earlier.push(...report.signedCheckpoints.map((checkpoint) => ({ source: bundles[index].name, checkpoint })));
      reports[index] = report;
    }
    const named = bundles.map((bundle, i) => ({ name: bundle.name, report: reports[i] }));
    const unchecked = saved.flatMap((other, i) => {
      const why = uncheckedBecause(other, outcomes[i], named);
      return why ? [why] : [];
    });
    return {
      ok: unchecked.length === 0 && named.every((r) => r.report.ok),
      bundles: named,
      unchecked,
      threads: verifiers instanceof WorkerPool ? verifiers.threadsUsed : 1,
    };
  } finally {
    await verifiers.close();
  }
}

function chooseVerifiers(bundles: readonly NamedBundle[], options: BundlesOptions): Verifiers {
  const threads = Math.min(options.threads ?? availableParallelism(), bundles.length);
  const asData =
    (options.pinnedKey === undefined || typeof options.pinnedKey === 'string') &&
    (options.witnesses ?? []).every((w) => typeof w === 'string') &&
    options.checkers === undefined;
  if (threads > 1 && asData && bundles.every((b) => typeof b.input === 'string')) {
    const pool = WorkerPool.start(threads, options);
    if (pool) return pool;
  }
  return new InThisThread(options);
}

/** One bundle after another, as a single bundle is verified. */
class InThisThread implements Verifiers {
  private readonly held = new Map<number, BundleVerification>();
  private readonly progress = new Progress();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BundlesOptions) {}

  read(index: number, bundle: NamedBundle): Promise<OwnCheckpoint[]> {
    const verification = new BundleVerification({
      ...this.options,
      onProgress: (p) => this.progress.update(index, p, this.options.onProgress),
    });
    this.held.set(index, verification);
    const read = this.queue.then(async () => {
      try {
        await verification.read(bundle.input);
      } catch (error) {
        verification.unreadable(error as Error);
      }
      return [...verification.signedCheckpoints];
    });
    this.queue = read;
    return read;
  }

  async finish(index: number, others: OtherCheckpoint[]): Promise<VerifyReport> {
    const verification = this.held.get(index)!;
    this.held.delete(index);
    return verification.finish(others);
  }

  async close(): Promise<void> {}
}

const JUDGED: ReadonlySet<OtherOutcome> = new Set(['agrees', 'equivocation', 'disagrees', 'not signed']);

function uncheckedBecause(
  other: OtherCheckpoint,
  outcomes: OtherOutcome[],
  done: { report: VerifyReport }[],
): string | null {
  if (outcomes.some((o) => JUDGED.has(o))) return null;
  const { treeSize, log } = whatItNames(other);
  const community = 'communityId' in log ? `community ${log.communityId}` : `origin ${log.origin}`;
  const what = `the checkpoint of ${treeSize} leaves of ${community} in ${other.source} was held against no bundle`;
  const same = done.filter((d) =>
    'communityId' in log ? d.report.communityId === log.communityId : d.report.origin === log.origin,
  );
  if (same.length === 0) return `${what}: no bundle of that ${'communityId' in log ? 'community' : 'origin'} was given`;
  if (outcomes.includes('beyond')) {
    const largest = Math.max(...same.map((d) => d.report.events));
    return `${what}: it is newer than every bundle of that community given (the largest holds ${largest} events); export the log again and verify the new bundle with it`;
  }
  return `${what}: no bundle of that community given is signed by the pinned key`;
}
