import type { BundleLine } from '../../transparency/export/bundle-format.js';
import { type CheckRow, type Failure, Findings } from './findings.js';
import { CHECKS, LogChecker } from './log-checker.js';
import { type BundleInput, linesOf } from './bundle-lines.js';
import { categoryOf, type StreamChecker, streamCheckers } from './stream-checkers.js';

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
}

export interface VerifyOptions {
  /** Called every `progressEvery` lines and at the end. */
  onProgress?: (progress: { lines: number; bytes: number }) => void;
  progressEvery?: number;
  /** Defaults to streamCheckers(); a test or the money ledger passes its own. */
  checkers?: StreamChecker[];
  maxFailures?: number;
}

/**
 * `gongzhi verify` as a function: reads an export bundle once, line by line, and answers the report.
 * Needs neither database nor server, only libs/ (hashes, signatures, proofs, the domain's folds).
 */
export async function verifyBundle(input: BundleInput, options: VerifyOptions = {}): Promise<VerifyReport> {
  const checkers = options.checkers ?? streamCheckers();
  const findings = new Findings([...Object.values(CHECKS), ...new Set(checkers.map((c) => c.check))], options.maxFailures);
  const log = new LogChecker(findings);
  const byCategory = new Map<string, StreamChecker[]>();
  for (const checker of checkers) byCategory.set(checker.category, [...(byCategory.get(checker.category) ?? []), checker]);
  const every = options.progressEvery ?? 10_000;

  const { lines, bytesRead } = linesOf(input);
  let lineNo = 0;
  let checkpoints = 0;
  for await (const text of lines) {
    lineNo++;
    if (lineNo % every === 0) options.onProgress?.({ lines: lineNo, bytes: bytesRead() });
    if (text.trim() === '') continue;
    let record: BundleLine;
    try {
      record = JSON.parse(text);
    } catch {
      findings.fail(CHECKS.bundle, { line: lineNo, message: 'the line is not JSON' });
      continue;
    }
    switch (record?.record) {
      case 'header':
        log.onHeader(record, lineNo);
        break;
      case 'event':
        log.onEvent(record, lineNo);
        if (!('missing' in record)) for (const checker of byCategory.get(categoryOf(record.streamId)) ?? []) checker.add(record, findings);
        break;
      case 'checkpoint':
        checkpoints++;
        log.onCheckpoint(record, lineNo);
        break;
      case 'end':
        log.onEnd(record, lineNo);
        break;
      default:
        findings.fail(CHECKS.bundle, { line: lineNo, message: `unknown record ${JSON.stringify((record as { record?: unknown })?.record)}` });
    }
  }
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
  };
}
