import { describeEvent, type Failure } from './findings.js';
import type { VerifyReport } from './verify-bundle.js';

/** The summary table, what was re-derived, and the failures, as `gongzhi verify` prints them. */
export function formatReport(report: VerifyReport): string {
  const out: string[] = [];
  out.push(`community ${report.communityId ?? '(unknown)'}: ${report.events} events, ${report.checkpoints} checkpoints`);
  if (report.keyFingerprint) out.push(`signing key SHA-256 ${report.keyFingerprint}`);
  out.push('');
  const width = Math.max(5, ...report.rows.map((r) => r.check.length));
  out.push(`${'check'.padEnd(width)}  ${'checked'.padStart(9)}  result`);
  for (const row of report.rows) {
    const result = row.failed ? `FAILED (${row.failed})` : row.checked ? 'OK' : '-';
    out.push(`${row.check.padEnd(width)}  ${String(row.checked).padStart(9)}  ${result}`);
  }
  out.push('');
  if (report.figures.length) {
    out.push('re-derived from the events:');
    for (const figure of report.figures) out.push(`  ${figure}`);
    out.push('');
  }
  for (const note of report.notes) out.push(`note: ${note}`);
  if (report.ok) {
    out.push('verified: every signature, proof, leaf hash and re-derived result holds');
  } else {
    const total = report.failures.length + report.omittedFailures;
    out.push(`NOT VERIFIED: ${total} problem(s)`);
    for (const failure of report.failures) out.push(`  ${describeFailure(failure)}`);
    if (report.omittedFailures) out.push(`  … and ${report.omittedFailures} more`);
  }
  return `${out.join('\n')}\n`;
}

function describeFailure(f: Failure): string {
  const where = f.event ? describeEvent(f.event) : f.treeSize !== undefined ? `checkpoint of ${f.treeSize} leaves` : f.line ? `line ${f.line}` : 'bundle';
  return `[${f.check}] ${where}: ${f.message}`;
}
