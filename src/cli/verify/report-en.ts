import type { ReportStrings } from './report-language.js';

/** The report in English: as `gongzhi verify` has always printed it. */
export const REPORT_EN: ReportStrings = {
  check: (name) => name,
  community: (id, events, checkpoints) => `community ${id}: ${events} events, ${checkpoints} checkpoints`,
  signedBy: (fingerprint, whose) => `checkpoints signed by key SHA-256 ${fingerprint}, ${whose}`,
  signerPinned: 'the key you pinned',
  signerNotPinned: (pinned) => `NOT the key you pinned (${pinned})`,
  signerOwn: 'named by the bundle itself (key not pinned)',
  table: { check: 'check', checked: 'checked', result: 'result', ok: 'OK', failed: (n) => `FAILED (${n})`, none: '-' },
  figuresPinned: 're-derived from the events, all under checkpoints signed by the pinned key:',
  figuresOwn: "re-derived from the events (under the bundle's own key, not pinned: not verified):",
  figuresUncovered: (from, to) =>
    `re-derived with events no signature covers (leaves ${from} to ${to}) among them: NOT verified, shown only to locate the problem:`,
  note: (text) => `note: ${text}`,
  verified: (p) =>
    `verified with the pinned key ${p.pinnedKey}: all ${p.events} events are under its checkpoint of ${p.treeSize} leaves ` +
    `(root ${p.rootHash}, ${p.timestamp}); ${p.signatures} checkpoint signature(s), ` +
    `${p.proofs} consistency proof(s), ${p.leaves} leaf hash(es) and every re-derived result hold`,
  noWitnessAsked: '; no witness cosignature was asked for',
  cosignedBy: (by, required, named) =>
    `; that checkpoint is cosigned by ${by} (${required} of the named witnesses ${named} required)`,
  othersAgree: (n) => `; ${n} checkpoint(s) from elsewhere are one history with it`,
  notVerified: (problems) => `NOT VERIFIED: ${problems} problem(s)`,
  more: (n) => `  … and ${n} more`,
  established: (text) => `established: ${text}`,
  nothingNotPinned: 'nothing: key not pinned',
  ownKeyCoverage: (covered, events, fingerprint) =>
    ` (${covered} of ${events} events are under a checkpoint of the bundle's own key ${fingerprint}, which anyone could have made)`,
  nothingUnderPinned: (pinnedKey, required) =>
    `nothing: no event is under a checkpoint signed by the pinned key ${pinnedKey}${required ? ` and cosigned by ${required} of the named witnesses` : ''}`,
  partly: (p) =>
    `the first ${p.covered} of ${p.events} events are under the checkpoint of ${p.treeSize} leaves (root ${p.rootHash}, ${p.timestamp}) signed by the pinned key ${p.pinnedKey}${p.cosignedBy === null ? '' : ` and cosigned by ${p.cosignedBy}`}; nothing beyond that, and the problems above stand`,
  where: {
    event: (streamId, revision, eventId, leafIndex) =>
      `${streamId} revision ${revision}, event ${eventId} (leaf ${leafIndex})`,
    checkpoint: (treeSize) => `checkpoint of ${treeSize} leaves`,
    line: (line) => `line ${line}`,
    bundle: 'bundle',
  },
  failure: (check, where, message) => `[${check}] ${where}: ${message}`,
  allBundles: 'all bundles',
  savedCheckpoints: 'saved checkpoints',
  allVerified: (n, pinnedKey) =>
    `all ${n} bundle(s) verified with the pinned key ${pinnedKey}, and one history per community across them`,
  bundlesNotVerified: (failed, unchecked) =>
    `NOT VERIFIED: ${failed.length ? `${failed.join(', ')} ${failed.length === 1 ? 'is' : 'are'} not verified` : 'every bundle holds'}${unchecked ? `; ${unchecked} saved checkpoint(s) held against no bundle` : ''}`,
  say: (text) => text,
};
