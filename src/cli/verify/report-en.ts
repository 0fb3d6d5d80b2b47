import type { ReportStrings } from './report-language.js';

/** `gongzhi verify --help`. */
export const VERIFY_USAGE = `usage: gongzhi verify <bundle.ndjson>… --key KEY [--checkpoint FILE]… [--witness VKEY]… [--witnesses N] [--lang zh|en]
       gongzhi verify - --key KEY    read one bundle from stdin

Checks a community's export bundle (GET /api/v1/communities/{cid}/export) on this machine alone, with
no database and no server: every event's leaf hash, every checkpoint's Ed25519 signature, that each
checkpoint extends the one before (RFC 6962 consistency) and signs the root the events give, and that
every resolution's tally, every election's result and committee record, every ledger entry and balance
and every statement is what the events give when re-derived with the domain's own rules.

  --key KEY          the log's key, learnt elsewhere than from the bundle: the fingerprint (64 hex digits)
                     or the vkey of GET /log/public-key, or a PEM public key file. Without it nothing is
                     verified: the report says "key not pinned" and the exit status is 1.
  --checkpoint FILE  a checkpoint saved earlier (GET …/log/checkpoint as it came): the bundles must be one
                     history with it. Several bundles of one community are held against each other too;
                     two roots for one size under one key are named as EQUIVOCATION.
  --witness VKEY     a street office's witness key (C2SP vkey); repeatable
  --witnesses N      how many of the named witnesses must have cosigned the checkpoint that covers every
                     event (default: all of them)
  --lang zh|en       the report in Chinese (简体中文) or English; by default Chinese when the locale
                     (LC_ALL, LC_MESSAGES or LANG) starts with zh, else English

Several bundles (a district's) are verified at once, each in a worker thread, one per core; each gets
its report, in the order named, and the exit status is the worst of them.

Prints a summary table, then each problem with the event it is about (stream, revision, event id), then
what was established. Events after the last checkpoint that holds are covered by no signature: they are
not verified, and figures re-derived with them are set apart.
Exit status: 0 only when every event of every bundle is under a checkpoint signed by the pinned key (and
cosigned as asked) and everything holds, 1 when something does not or no key is pinned, 2 when the bundle
cannot be read or the command is misused.`;

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
  usage: VERIFY_USAGE,
};
