import type { KeyObject } from 'node:crypto';
import type { SignedCheckpoint } from '@gongzhi/ledger-log/checkpoint.js';
import { verifyCheckpointSignature } from '@gongzhi/ledger-log/checkpoint-signing.js';
import type { MerkleLog } from '@gongzhi/ledger-log/merkle-log.js';
import { parseNote, type NoteVerifier } from '@gongzhi/ledger-log/signed-note.js';
import { parseCheckpointText } from '@gongzhi/ledger-log/tlog-checkpoint.js';
import { noteProblem } from './checkpoint-notes.js';
import type { Findings } from './findings.js';

export const OTHER_CHECKPOINTS = 'other checkpoints';

/**
 * A checkpoint seen elsewhere than in the bundle: in another bundle of the community, or saved from an
 * earlier visit, as the JSON the server answers or as a C2SP signed note (which names its log by origin,
 * and carries no time).
 */
export type OtherCheckpoint = { source: string; checkpoint: SignedCheckpoint } | { source: string; note: string };

/**
 * What became of another checkpoint against this bundle: it agrees with the bundle's history, the log's
 * key signed a different one (equivocation), it disagrees with events of the bundle that nothing signs,
 * its signature does not hold, or it could not be compared here (another community, larger than the
 * bundle, or a bundle not signed by the pinned key).
 */
export type OtherOutcome =
  'agrees' | 'equivocation' | 'disagrees' | 'not signed' | 'other community' | 'beyond' | 'unchecked';

/** One of the bundle's own checkpoints whose signature held. */
export interface OwnCheckpoint extends SignedCheckpoint {
  /** Its root is the root of the bundle's first `treeSize` events. */
  rootHeld: boolean;
  /** The named witnesses whose cosignature on its note holds. */
  cosignedBy: string[];
}

interface Bundle {
  communityId: string;
  tree: MerkleLog;
  /** Sorted by tree size. */
  own: readonly OwnCheckpoint[];
  /** The key the bundle's checkpoints hold under, and its fingerprint; null when they are not to be trusted with others. */
  key: KeyObject | null;
  keyFingerprint: string;
  /** The origin of the community's C2SP checkpoints, and the verifier of the log's notes (or why there is none). */
  origin: string | undefined;
  noteVerifier: NoteVerifier | string;
}

/** Its size, and the log it names: a community id (JSON) or an origin (a C2SP note). */
export function whatItNames(other: OtherCheckpoint): {
  treeSize: number;
  log: { communityId: string } | { origin: string };
} {
  if ('checkpoint' in other)
    return { treeSize: other.checkpoint.treeSize, log: { communityId: other.checkpoint.communityId } };
  const { treeSize, origin } = parseCheckpointText(parseNote(other.note).text);
  return { treeSize, log: { origin } };
}

/** What another checkpoint states, whichever its form, and whether its signature holds under the bundle's key. */
interface Statement {
  ofThisCommunity: boolean;
  treeSize: number;
  rootHash: string;
  when: string;
  signatureProblem: () => string | null;
}

function statementOf(bundle: Bundle, other: OtherCheckpoint): Statement {
  if ('checkpoint' in other) {
    const c = other.checkpoint;
    return {
      ofThisCommunity: c.communityId === bundle.communityId,
      treeSize: c.treeSize,
      rootHash: c.rootHash,
      when: `timestamp ${c.timestamp}`,
      signatureProblem: () =>
        verifyCheckpointSignature(c, bundle.key!)
          ? null
          : `is not signed by key ${bundle.keyFingerprint}, the key this bundle is checked with`,
    };
  }
  const c = parseCheckpointText(parseNote(other.note).text);
  return {
    ofThisCommunity: c.origin === bundle.origin,
    treeSize: c.treeSize,
    rootHash: c.rootHash,
    when: 'a C2SP note, untimed',
    signatureProblem: () => {
      const verifier = bundle.noteVerifier;
      const problem =
        typeof verifier === 'string'
          ? verifier
          : noteProblem(
              other.note,
              { communityId: bundle.communityId, origin: bundle.origin, treeSize: c.treeSize, rootHash: c.rootHash },
              verifier,
            );
      return problem && `does not hold: ${problem}`;
    },
  };
}

/**
 * A split view shows only where two views meet: each other checkpoint of the community is held against
 * the bundle's own signed roots and the tree its events give. Two roots for one size, or a smaller tree
 * that is not a prefix of a larger one, both under the one key, is equivocation, named with both
 * signed checkpoints.
 */
export function checkOtherCheckpoints(
  bundle: Bundle,
  others: readonly OtherCheckpoint[],
  findings: Findings,
): OtherOutcome[] {
  return others.map((other) => {
    const outcome = judge(bundle, other, findings);
    if (outcome === 'agrees') findings.pass(OTHER_CHECKPOINTS);
    return outcome;
  });
}

function judge(bundle: Bundle, other: OtherCheckpoint, findings: Findings): OtherOutcome {
  const c = statementOf(bundle, other);
  const { source } = other;
  if (!c.ofThisCommunity) return 'other community';
  if (!bundle.key) return 'unchecked';
  const at = { treeSize: c.treeSize };
  const theirs = `root ${c.rootHash} (${c.when}) in ${source}`;
  const problem = c.signatureProblem();
  if (problem) {
    findings.fail(OTHER_CHECKPOINTS, { ...at, message: `the checkpoint in ${source} ${problem}` });
    return 'not signed';
  }
  const same = bundle.own.find((o) => o.treeSize === c.treeSize);
  if (same) {
    if (same.rootHash === c.rootHash) return 'agrees';
    findings.fail(OTHER_CHECKPOINTS, {
      ...at,
      message: `EQUIVOCATION: two checkpoints of community ${bundle.communityId} at ${c.treeSize} leaves with different roots, both signed by key ${bundle.keyFingerprint}: ${theirs}; root ${same.rootHash} (timestamp ${same.timestamp}) in this bundle`,
    });
    return 'equivocation';
  }
  if (c.treeSize > bundle.tree.size) return 'beyond';
  const root = bundle.tree.root(c.treeSize);
  if (root === c.rootHash) return 'agrees';
  const later = bundle.own.find((o) => o.treeSize > c.treeSize && o.rootHeld);
  if (later) {
    findings.fail(OTHER_CHECKPOINTS, {
      ...at,
      message:
        `EQUIVOCATION: two checkpoints of community ${bundle.communityId} that are not one history, both signed by key ${bundle.keyFingerprint}: ` +
        `${c.treeSize} leaves, ${theirs}; ${later.treeSize} leaves, root ${later.rootHash} (timestamp ${later.timestamp}) in this bundle, whose first ${c.treeSize} leaves give root ${root}`,
    });
    return 'equivocation';
  }
  findings.fail(OTHER_CHECKPOINTS, {
    ...at,
    message: `the checkpoint of ${c.treeSize} leaves, ${theirs}, is not the root of this bundle's first ${c.treeSize} events (${root}), and no checkpoint of this bundle that holds covers them`,
  });
  return 'disagrees';
}
