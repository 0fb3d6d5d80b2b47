import type { BundleEvent, BundleLine } from '../../transparency/export/bundle-format.js';
import { type BundleInput, linesOf } from './bundle-lines.js';
import { type CheckRow, type Failure, Findings, refOf } from './findings.js';
import { CHECKS, LogChecker } from './log-checker.js';
import { type StreamChecker, streamCheckers } from './stream-checkers.js';

export type { BundleInput } from './bundle-lines.js';

export interface VerifyReport {
  /** True only when every check held and the bundle was complete. */
  ok: boolean;
  communityId: string | null;
  keyFingerprint: string | null;
  events: number;
  checkpoints: number;
  /** What was checked, how many, how many failed: the summary table. */
  rows: CheckRow[];
  failures: Failure[];
  /** Failures past the first `maxFailures`, counted but not kept. */
  omittedFailures: number;
  /** What could not be checked and why (e.g. events not yet under a checkpoint). */
  notes: string[];
  /** What was re-derived from the events, one line each: balances, outcomes, the committee in office. */
  figures: string[];
  /** Lines and bytes read. */
  lines: number;
  bytes: number;
}

export interface VerifyOptions {
  /** Called every `progressEvery` lines and at the end. */
  onProgress?: (progress: { lines: number; bytes: number }) => void;
  progressEvery?: number;
  /** Defaults to streamCheckers(): every re-derivation. [] checks the log alone (hashes, signatures, proofs). */
  checkers?: StreamChecker[];
  maxFailures?: number;
}

/**
 * `gongzhi verify` as a function: reads an export bundle once, line by line, and answers the report.
 * Needs neither database nor server, only libs/ (hashes, signatures, proofs, the domain's deciders).
 * Rejects only when the input cannot be read (a missing file, a broken stream); everything wrong
 * with what was read is in the report.
 */
export async function verifyBundle(input: BundleInput, options: VerifyOptions = {}): Promise<VerifyReport> {
  const checkers = options.checkers ?? streamCheckers();
  const findings = new Findings([...Object.values(CHECKS), ...new Set(checkers.map((c) => c.check))], options.maxFailures);
  const log = new LogChecker(findings);
  const byType = new Map<string, StreamChecker[]>();
  for (const checker of checkers) for (const type of checker.eventTypes) byType.set(type, [...(byType.get(type) ?? []), checker]);
  const every = options.progressEvery ?? 10_000;

  const { lines, bytesRead, close } = linesOf(input);
  let lineNo = 0;
  let checkpoints = 0;
  for await (const text of lines) {
    lineNo++;
    if (lineNo % every === 0) options.onProgress?.({ lines: lineNo, bytes: bytesRead() });
    if (text.trim() === '') continue;
    const record = parse(text);
    // Something that does not open with a header is no bundle: say so once, not once per line.
    if (!log.header && record?.record !== 'header') break;
    switch (record?.record) {
      case 'header':
        log.onHeader(record, lineNo);
        break;
      case 'event':
        log.onEvent(record, lineNo);
        if (!('missing' in record)) for (const checker of byType.get(record.type) ?? []) reDerive(checker, record, findings);
        break;
      case 'checkpoint':
        checkpoints++;
        log.onCheckpoint(record, lineNo);
        break;
      case 'end':
        log.onEnd(record, lineNo);
        break;
      default:
        findings.fail(CHECKS.bundle, {
          line: lineNo,
          message: record === null ? 'the line is not a JSON object' : `unknown record ${JSON.stringify((record as { record?: unknown }).record)}`,
        });
    }
  }
  close();
  options.onProgress?.({ lines: lineNo, bytes: bytesRead() });
  log.finish();
  for (const checker of checkers) checker.finish(findings);

  const rows = findings.table();
  return {
    ok: findings.failures.length === 0 && findings.omitted === 0 && rows.every((r) => r.failed === 0),
    communityId: log.header?.communityId || null,
    keyFingerprint: log.header?.keyFingerprint || null,
    events: log.events,
    checkpoints,
    rows,
    failures: findings.failures,
    omittedFailures: findings.omitted,
    notes: findings.notes,
    figures: checkers.flatMap((c) => c.figures()),
    lines: lineNo,
    bytes: bytesRead(),
  };
}

/** A checker meets events shaped by whoever wrote the bundle: whatever it cannot read is a failure of that event, never a crash. */
function reDerive(checker: StreamChecker, event: BundleEvent, findings: Findings): void {
  try {
    checker.add(event, findings);
  } catch (error) {
    findings.fail(checker.check, { event: refOf(event), message: `the event cannot be read as a ${event.type}: ${(error as Error).message}` });
  }
}

function parse(text: string): BundleLine | null {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : null;
  } catch {
    return null;
  }
}
