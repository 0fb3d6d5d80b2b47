import type { BundleEvent, BundleLine } from '../../transparency/export/bundle-format.js';
import { type BundleInput, linesOf } from './bundle-lines.js';
import { hashFromLine } from './hashed-events.js';
import { type CheckRow, type Failure, Findings, refOf } from './findings.js';
import { parseWitness, type Witness } from './checkpoint-notes.js';
import { CHECKS, type Coverage, LogChecker } from './log-checker.js';
import type { OtherCheckpoint, OtherOutcome, OwnCheckpoint } from './other-checkpoints.js';
import { type PinnedKey, parsePinnedKey } from './pinned-key.js';
import type { StreamChecker } from './stream-checker.js';
import { streamCheckers } from './stream-checkers.js';

export type { BundleInput } from './bundle-lines.js';
export type { OtherCheckpoint } from './other-checkpoints.js';

export interface VerifyReport {
  /** True only when every check held, the bundle was complete, and every event is under a checkpoint signed by the pinned key. */
  ok: boolean;
  communityId: string | null;
  /** The origin of the community's C2SP checkpoints, as the header names it. */
  origin: string | null;
  /** The key the bundle names itself (its header's). */
  keyFingerprint: string | null;
  /** The key the caller pinned; null when none was. */
  pinnedKey: string | null;
  events: number;
  checkpoints: number;
  /** The leaves under a checkpoint that holds, signed by the pinned key (or, nothing pinned, by the bundle's own). */
  coverage: Coverage;
  /** The witnesses named, and how many of them had to cosign the covering checkpoint. */
  witnesses: { named: string[]; required: number };
  /** The bundle's checkpoints whose signature held: what another bundle of the community is held against. */
  signedCheckpoints: readonly OwnCheckpoint[];
  /** What became of each of `options.otherCheckpoints`, in their order. */
  otherCheckpoints: OtherOutcome[];
  /** What was checked, how many, how many failed: the summary table. */
  rows: CheckRow[];
  failures: Failure[];
  /** Failures past the first `maxFailures`, counted but not kept. */
  omittedFailures: number;
  /** What could not be checked and why (e.g. events not yet under a checkpoint). */
  notes: string[];
  /** What was re-derived from covered events alone, one line each: balances, outcomes, the committee in office. */
  figures: string[];
  /** What was re-derived with events that no signature covers among them: not results anyone vouches for. */
  uncoveredFigures: string[];
  /** Lines and bytes read. */
  lines: number;
  bytes: number;
  /** Why the bundle could not be read to its end (among several bundles verified at once); the report covers what was read. */
  unreadable?: string;
}

export interface VerifyOptions {
  /** Called every `progressEvery` lines and at the end. */
  onProgress?: (progress: { lines: number; bytes: number }) => void;
  progressEvery?: number;
  /** Defaults to streamCheckers(): every re-derivation. [] checks the log alone (hashes, signatures, proofs). */
  checkers?: StreamChecker[];
  maxFailures?: number;
  /**
   * The log's key as learnt elsewhere than from the bundle: a PinnedKey, or its text (fingerprint or PEM).
   * Without it nothing can be verified: the report says "key not pinned" and `ok` is false.
   */
  pinnedKey?: PinnedKey | string;
  /** Checkpoints of other bundles or saved earlier: each must be one history with this bundle's. */
  otherCheckpoints?: readonly OtherCheckpoint[];
  /** The witnesses' C2SP vkeys (type 0x04), parsed or as text. */
  witnesses?: readonly (Witness | string)[];
  /** How many of `witnesses` must have cosigned the checkpoint that covers the events; defaults to all of them. */
  requiredCosignatures?: number;
}

/**
 * `gongzhi verify` as a function: reads an export bundle once, line by line, and answers the report.
 * Needs neither database nor server, only libs/ (hashes, signatures, proofs, the domain's deciders).
 * Rejects only when the input cannot be read (a missing file, a broken stream); everything wrong
 * with what was read is in the report.
 */
export async function verifyBundle(input: BundleInput, options: VerifyOptions = {}): Promise<VerifyReport> {
  const verification = new BundleVerification(options);
  await verification.read(input);
  return verification.finish(options.otherCheckpoints ?? []);
}

/**
 * verifyBundle in its two steps, for several bundles verified at once (each in a thread of its own): `read`
 * does everything the bundle alone decides, which is nearly all the work; `finish` then holds it against
 * checkpoints from elsewhere (the other bundles' signed checkpoints, known once they are read) and answers
 * the report. In between it keeps the bundle's tree: 64 bytes a leaf.
 */
export class BundleVerification {
  private readonly checkers: StreamChecker[];
  private readonly findings: Findings;
  private readonly pinnedKey: PinnedKey | null;
  private readonly witnesses: Witness[];
  private readonly log: LogChecker;
  /** The last leaf each checker read: its figures stand only if no signature is missing up to there. */
  private readonly lastLeaf = new Map<StreamChecker, number>();
  private readonly byType = new Map<string, StreamChecker[]>();
  private lines = 0;
  private bytes = 0;
  private checkpoints = 0;
  private unreadableBecause: string | undefined;

  constructor(private readonly options: Omit<VerifyOptions, 'otherCheckpoints'> = {}) {
    this.checkers = options.checkers ?? streamCheckers();
    this.findings = new Findings(
      [...Object.values(CHECKS), ...new Set(this.checkers.map((c) => c.check))],
      options.maxFailures,
    );
    this.pinnedKey =
      typeof options.pinnedKey === 'string' ? parsePinnedKey(options.pinnedKey) : (options.pinnedKey ?? null);
    this.witnesses = (options.witnesses ?? []).map((w) => (typeof w === 'string' ? parseWitness(w) : w));
    this.log = new LogChecker(this.findings, {
      pinnedKey: this.pinnedKey,
      witnesses: this.witnesses,
      requiredCosignatures: options.requiredCosignatures ?? this.witnesses.length,
    });
    for (const checker of this.checkers)
      for (const type of checker.eventTypes) this.byType.set(type, [...(this.byType.get(type) ?? []), checker]);
  }

  /** The community the header names (null before it is read, or when it names none). */
  get communityId(): string | null {
    return this.log.header?.communityId || null;
  }

  /** The bundle's checkpoints whose signature held: complete once `read` is done. */
  get signedCheckpoints(): readonly OwnCheckpoint[] {
    return this.log.signedCheckpoints;
  }

  /** Reads every line and checks what the bundle alone decides. */
  async read(input: BundleInput): Promise<void> {
    const { options, log, findings, byType, lastLeaf } = this;
    const every = options.progressEvery ?? 10_000;
    const { batches, bytesRead, close } = linesOf(input);
    let lineNo = 0;
    try {
      reading: for await (const batch of batches) {
        for (const text of batch) {
          lineNo++;
          if (lineNo % every === 0) options.onProgress?.({ lines: lineNo, bytes: bytesRead() });
          if (blank(text)) continue;
          const record = parse(text);
          // Something that does not open with a header is no bundle: say so once, not once per line.
          if (!log.header && record?.record !== 'header') break reading;
          switch (record?.record) {
            case 'header':
              log.onHeader(record, lineNo);
              break;
            case 'event':
              if (!('missing' in record)) hashFromLine(record, text);
              log.onEvent(record, lineNo);
              if (!('missing' in record)) {
                for (const checker of byType.get(record.type) ?? []) {
                  reDerive(checker, record, findings);
                  lastLeaf.set(checker, record.leafIndex);
                }
              }
              break;
            case 'checkpoint':
              this.checkpoints++;
              log.onCheckpoint(record, lineNo);
              break;
            case 'end':
              log.onEnd(record, lineNo);
              break;
            default:
              findings.fail(CHECKS.bundle, {
                line: lineNo,
                message:
                  record === null
                    ? 'the line is not a JSON object'
                    : `unknown record ${JSON.stringify((record as { record?: unknown }).record)}`,
              });
          }
        }
      }
    } finally {
      close();
      this.lines = lineNo;
      this.bytes = bytesRead();
    }
    options.onProgress?.({ lines: lineNo, bytes: this.bytes });
  }

  /** The input broke off (a file that cannot be read to its end): the report says so, and does not verify. */
  unreadable(error: Error): void {
    this.unreadableBecause = error.message;
    this.findings.fail(CHECKS.bundle, { message: `the bundle cannot be read to its end: ${error.message}` });
  }

  /** Holds the bundle against `others` and answers the report. */
  finish(others: readonly OtherCheckpoint[]): VerifyReport {
    const { log, findings, checkers, pinnedKey, witnesses, options } = this;
    log.finish(others);
    for (const checker of checkers) checker.finish(findings);

    const rows = findings.table();
    const covered = (checker: StreamChecker) => (this.lastLeaf.get(checker) ?? -1) < log.coverage.events;
    return {
      ok: findings.failures.length === 0 && findings.omitted === 0 && rows.every((r) => r.failed === 0),
      communityId: log.header?.communityId || null,
      origin: log.header?.origin ?? null,
      keyFingerprint: log.header?.keyFingerprint || null,
      pinnedKey: pinnedKey?.fingerprint ?? null,
      events: log.events,
      checkpoints: this.checkpoints,
      coverage: log.coverage,
      witnesses: {
        named: witnesses.map((w) => w.name),
        required: options.requiredCosignatures ?? witnesses.length,
      },
      signedCheckpoints: log.signedCheckpoints,
      otherCheckpoints: log.otherOutcomes,
      rows,
      failures: findings.failures,
      omittedFailures: findings.omitted,
      notes: findings.notes,
      figures: checkers.filter(covered).flatMap((c) => c.figures()),
      uncoveredFigures: checkers.filter((c) => !covered(c)).flatMap((c) => c.figures()),
      lines: this.lines,
      bytes: this.bytes,
      ...(this.unreadableBecause === undefined ? {} : { unreadable: this.unreadableBecause }),
    };
  }
}

/** A checker meets events shaped by whoever wrote the bundle: whatever it cannot read is a failure of that event, never a crash. */
function reDerive(checker: StreamChecker, event: BundleEvent, findings: Findings): void {
  try {
    checker.add(event, findings);
  } catch (error) {
    findings.fail(checker.check, {
      event: refOf(event),
      message: `the event cannot be read as a ${event.type}: ${(error as Error).message}`,
    });
  }
}

/** Only whitespace: a line is tested so without trimming (a copy of every line) when it opens with a brace. */
function blank(text: string): boolean {
  return text.length === 0 || (text.charCodeAt(0) !== 0x7b && text.trim() === '');
}

function parse(text: string): BundleLine | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as BundleLine) : null;
  } catch {
    return null;
  }
}
