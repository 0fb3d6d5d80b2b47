import { describeEvent, type Failure } from './findings.js';
import { CHECKS } from './log-checker.js';
import type { VerifyReport } from './verify-bundle.js';
import type { BundlesReport } from './verify-bundles.js';

/** One bundle: its report alone. Several, or saved checkpoints left unchecked: each report under its name, then the verdict on all. */
export function formatBundles(result: BundlesReport): string {
  if (result.bundles.length === 1 && result.unchecked.length === 0) return formatReport(result.bundles[0].report);
  const out = result.bundles.map(({ name, report }) => `== ${name}\n${formatReport(report)}`);
  const failed = result.bundles.filter((b) => !b.report.ok).map((b) => b.name);
  const verdict: string[] = [];
  for (const why of result.unchecked) verdict.push(`  [saved checkpoints] ${why}`);
  if (result.ok) {
    verdict.push(
      `all ${result.bundles.length} bundle(s) verified with the pinned key ${result.bundles[0].report.pinnedKey}, and one history per community across them`,
    );
  } else {
    verdict.unshift(
      `NOT VERIFIED: ${failed.length ? `${failed.join(', ')} ${failed.length === 1 ? 'is' : 'are'} not verified` : 'every bundle holds'}${result.unchecked.length ? `; ${result.unchecked.length} saved checkpoint(s) held against no bundle` : ''}`,
    );
  }
  return `${out.join('\n')}\n== all bundles\n${verdict.join('\n')}\n`;
}

/**
 * The summary table, what was re-derived, the failures, and a closing line that says exactly what was
 * established and under which key, as `gongzhi verify` prints them. A figure is shown as a result only
 * when every event behind it is under a checkpoint signed by the pinned key; the rest are set apart.
 */
export function formatReport(report: VerifyReport): string {
  const out: string[] = [];
  out.push(
    `community ${report.communityId ?? '(unknown)'}: ${report.events} events, ${report.checkpoints} checkpoints`,
  );
  if (report.keyFingerprint)
    out.push(`checkpoints signed by key SHA-256 ${report.keyFingerprint}, ${signerNote(report)}`);
  out.push('');
  const width = Math.max(5, ...report.rows.map((r) => r.check.length));
  out.push(`${'check'.padEnd(width)}  ${'checked'.padStart(9)}  result`);
  for (const row of report.rows) {
    const result = row.failed ? `FAILED (${row.failed})` : row.checked ? 'OK' : '-';
    out.push(`${row.check.padEnd(width)}  ${String(row.checked).padStart(9)}  ${result}`);
  }
  out.push('');
  if (report.figures.length) {
    out.push(
      report.pinnedKey
        ? 're-derived from the events, all under checkpoints signed by the pinned key:'
        : "re-derived from the events (under the bundle's own key, not pinned: not verified):",
    );
    for (const figure of report.figures) out.push(`  ${figure}`);
    out.push('');
  }
  if (report.uncoveredFigures.length) {
    const { events, coverage } = report;
    out.push(
      `re-derived with events no signature covers (leaves ${coverage.events} to ${events - 1}) among them: NOT verified, shown only to locate the problem:`,
    );
    for (const figure of report.uncoveredFigures) out.push(`  ${figure}`);
    out.push('');
  }
  for (const note of report.notes) out.push(`note: ${note}`);
  if (report.ok) {
    out.push(verifiedLine(report));
  } else {
    const total = report.failures.length + report.omittedFailures;
    out.push(`NOT VERIFIED: ${total} problem(s)`);
    for (const failure of report.failures) out.push(`  ${describeFailure(failure)}`);
    if (report.omittedFailures) out.push(`  … and ${report.omittedFailures} more`);
    out.push(`established: ${established(report)}`);
  }
  return `${out.join('\n')}\n`;
}

function signerNote(report: VerifyReport): string {
  if (!report.pinnedKey) return 'named by the bundle itself (key not pinned)';
  return report.pinnedKey === report.keyFingerprint
    ? 'the key you pinned'
    : `NOT the key you pinned (${report.pinnedKey})`;
}

const checked = (report: VerifyReport, check: string) => report.rows.find((r) => r.check === check)?.checked ?? 0;

/** Only what the rows counted: no signature is claimed that was not there. */
function verifiedLine(report: VerifyReport): string {
  const by = report.coverage.by!;
  const others = checked(report, CHECKS.others);
  return (
    `verified with the pinned key ${report.pinnedKey}: all ${report.events} events are under its checkpoint of ${by.treeSize} leaves ` +
    `(root ${by.rootHash}, ${by.timestamp}); ${checked(report, CHECKS.signatures)} checkpoint signature(s), ` +
    `${checked(report, CHECKS.consistency)} consistency proof(s), ${checked(report, CHECKS.leafHashes)} leaf hash(es) and every re-derived result hold` +
    cosigned(report) +
    (others ? `; ${others} checkpoint(s) from elsewhere are one history with it` : '')
  );
}

function cosigned(report: VerifyReport): string {
  const { named, required } = report.witnesses;
  if (required === 0) return '; no witness cosignature was asked for';
  return `; that checkpoint is cosigned by ${report.coverage.by!.cosignedBy.join(', ')} (${required} of the named witnesses ${named.join(', ')} required)`;
}

function established(report: VerifyReport): string {
  const { events, coverage, pinnedKey, keyFingerprint } = report;
  const by = coverage.by;
  if (!pinnedKey) {
    return (
      'nothing: key not pinned' +
      (by
        ? ` (${coverage.events} of ${events} events are under a checkpoint of the bundle's own key ${keyFingerprint}, which anyone could have made)`
        : '')
    );
  }
  if (!by)
    return `nothing: no event is under a checkpoint signed by the pinned key ${pinnedKey}${report.witnesses.required ? ` and cosigned by ${report.witnesses.required} of the named witnesses` : ''}`;
  const witnessed = report.witnesses.required ? ` and cosigned by ${by.cosignedBy.join(', ')}` : '';
  return `the first ${coverage.events} of ${events} events are under the checkpoint of ${by.treeSize} leaves (root ${by.rootHash}, ${by.timestamp}) signed by the pinned key ${pinnedKey}${witnessed}; nothing beyond that, and the problems above stand`;
}

function describeFailure(f: Failure): string {
  const where = f.event
    ? describeEvent(f.event)
    : f.treeSize !== undefined
      ? `checkpoint of ${f.treeSize} leaves`
      : f.line
        ? `line ${f.line}`
        : 'bundle';
  return `[${f.check}] ${where}: ${f.message}`;
}
