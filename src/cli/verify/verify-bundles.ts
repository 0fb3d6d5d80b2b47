import type { BundleInput } from './bundle-lines.js';
import { type OtherCheckpoint, type OtherOutcome, whatItNames } from './other-checkpoints.js';
import { verifyBundle, type VerifyOptions, type VerifyReport } from './verify-bundle.js';

export interface NamedBundle {
  /** As the report names it: the file name. */
  name: string;
  input: BundleInput;
  /** The size its header announces: bundles are verified smallest first. */
  treeSize: number;
}

export interface BundlesReport {
  ok: boolean;
  bundles: { name: string; report: VerifyReport }[];
  /** Saved checkpoints that no bundle could be held against, each said why. */
  unchecked: string[];
}

/**
 * Several bundles, and checkpoints saved earlier, verified as one view of each community. Bundles go
 * smallest first, each held against the saved checkpoints and the signed checkpoints of the bundles
 * before it: so every pair of bundles of one community is compared once, by the larger, whose events
 * reach every size the smaller signed. A saved checkpoint no bundle reaches is not taken as agreeing.
 */
export async function verifyBundles(
  bundles: readonly NamedBundle[],
  saved: readonly OtherCheckpoint[],
  options: Omit<VerifyOptions, 'otherCheckpoints'> & {
    onBundle?: (bundle: NamedBundle) => VerifyOptions['onProgress'];
  },
): Promise<BundlesReport> {
  const order = bundles.map((_, i) => i).sort((a, b) => bundles[a].treeSize - bundles[b].treeSize);
  const done: { name: string; report: VerifyReport }[] = [];
  const byIndex: { name: string; report: VerifyReport }[] = [];
  const outcomes: OtherOutcome[][] = saved.map(() => []);
  for (const index of order) {
    const bundle = bundles[index];
    const earlier: OtherCheckpoint[] = done.flatMap(({ name, report }) =>
      report.signedCheckpoints.map((checkpoint) => ({ source: name, checkpoint })),
    );
    const report = await verifyBundle(bundle.input, {
      ...options,
      onProgress: options.onBundle?.(bundle),
      otherCheckpoints: [...saved, ...earlier],
    });
    saved.forEach((_, i) => outcomes[i].push(report.otherCheckpoints[i]));
    done.push((byIndex[index] = { name: bundle.name, report }));
  }
  const unchecked = saved.flatMap((other, i) => {
    const why = uncheckedBecause(other, outcomes[i], done);
    return why ? [why] : [];
  });
  return { ok: unchecked.length === 0 && byIndex.every((r) => r.report.ok), bundles: byIndex, unchecked };
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
