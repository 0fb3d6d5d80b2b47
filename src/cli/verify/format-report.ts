import type { Failure } from './findings.js';
import { CHECKS } from './log-checker.js';
import { REPORT_EN } from './report-en.js';
import type { Language, ReportStrings } from './report-language.js';
import { REPORT_ZH } from './report-zh.js';
import type { VerifyReport } from './verify-bundle.js';
import type { BundlesReport } from './verify-bundles.js';

export const LANGUAGES: Record<Language, ReportStrings> = { en: REPORT_EN, zh: REPORT_ZH };

/** One bundle: its report alone. Several, or saved checkpoints left unchecked: each report under its name, then the verdict on all. */
export function formatBundles(result: BundlesReport, language: Language = 'en'): string {
  const t = LANGUAGES[language];
  if (result.bundles.length === 1 && result.unchecked.length === 0)
    return formatReport(result.bundles[0].report, language);
  const out = result.bundles.map(({ name, report }) => `== ${name}\n${formatReport(report, language)}`);
  const failed = result.bundles.filter((b) => !b.report.ok).map((b) => b.name);
  const verdict: string[] = [];
  for (const why of result.unchecked) verdict.push(`  [${t.savedCheckpoints}] ${t.say(why)}`);
  if (result.ok) verdict.push(t.allVerified(result.bundles.length, result.bundles[0].report.pinnedKey));
  else verdict.unshift(t.bundlesNotVerified(failed, result.unchecked.length));
  return `${out.join('\n')}\n== ${t.allBundles}\n${verdict.join('\n')}\n`;
}

/**
 * The summary table, what was re-derived, the failures, and a closing line that says exactly what was
 * established and under which key, as `gongzhi verify` prints them. A figure is shown as a result only
 * when every event behind it is under a checkpoint signed by the pinned key; the rest are set apart.
 */
export function formatReport(report: VerifyReport, language: Language = 'en'): string {
  const t = LANGUAGES[language];
  const out: string[] = [];
  out.push(t.community(report.communityId ?? '(unknown)', report.events, report.checkpoints));
  if (report.keyFingerprint) out.push(t.signedBy(report.keyFingerprint, signerNote(report, t)));
  out.push('');
  const names = report.rows.map((r) => t.check(r.check));
  const width = Math.max(columns(t.table.check), ...names.map(columns));
  out.push(`${pad(t.table.check, width)}  ${padStart(t.table.checked, 9)}  ${t.table.result}`);
  report.rows.forEach((row, i) => {
    const result = row.failed ? t.table.failed(row.failed) : row.checked ? t.table.ok : t.table.none;
    out.push(`${pad(names[i], width)}  ${String(row.checked).padStart(9)}  ${result}`);
  });
  out.push('');
  if (report.figures.length) {
    out.push(report.pinnedKey ? t.figuresPinned : t.figuresOwn);
    for (const figure of report.figures) out.push(`  ${t.say(figure)}`);
    out.push('');
  }
  if (report.uncoveredFigures.length) {
    out.push(t.figuresUncovered(report.coverage.events, report.events - 1));
    for (const figure of report.uncoveredFigures) out.push(`  ${t.say(figure)}`);
    out.push('');
  }
  for (const note of report.notes) out.push(t.note(t.say(note)));
  if (report.ok) {
    out.push(verifiedLine(report, t));
  } else {
    out.push(t.notVerified(report.failures.length + report.omittedFailures));
    for (const failure of report.failures) out.push(`  ${describeFailure(failure, t)}`);
    if (report.omittedFailures) out.push(t.more(report.omittedFailures));
    out.push(t.established(established(report, t)));
  }
  return `${out.join('\n')}\n`;
}

function signerNote(report: VerifyReport, t: ReportStrings): string {
  if (!report.pinnedKey) return t.signerOwn;
  return report.pinnedKey === report.keyFingerprint ? t.signerPinned : t.signerNotPinned(report.pinnedKey);
}

const checked = (report: VerifyReport, check: string) => report.rows.find((r) => r.check === check)?.checked ?? 0;

/** Only what the rows counted: no signature is claimed that was not there. */
function verifiedLine(report: VerifyReport, t: ReportStrings): string {
  const by = report.coverage.by!;
  const others = checked(report, CHECKS.others);
  const { named, required } = report.witnesses;
  return (
    t.verified({
      pinnedKey: report.pinnedKey!,
      events: report.events,
      treeSize: by.treeSize,
      rootHash: by.rootHash,
      timestamp: by.timestamp,
      signatures: checked(report, CHECKS.signatures),
      proofs: checked(report, CHECKS.consistency),
      leaves: checked(report, CHECKS.leafHashes),
    }) +
    (required === 0 ? t.noWitnessAsked : t.cosignedBy(by.cosignedBy.join(', '), required, named.join(', '))) +
    (others ? t.othersAgree(others) : '')
  );
}

function established(report: VerifyReport, t: ReportStrings): string {
  const { events, coverage, pinnedKey, keyFingerprint } = report;
  const by = coverage.by;
  if (!pinnedKey)
    return t.nothingNotPinned + (by ? t.ownKeyCoverage(coverage.events, events, keyFingerprint ?? '') : '');
  if (!by) return t.nothingUnderPinned(pinnedKey, report.witnesses.required);
  return t.partly({
    covered: coverage.events,
    events,
    treeSize: by.treeSize,
    rootHash: by.rootHash,
    timestamp: by.timestamp,
    pinnedKey,
    cosignedBy: report.witnesses.required ? by.cosignedBy.join(', ') : null,
  });
}

function describeFailure(f: Failure, t: ReportStrings): string {
  const where = f.event
    ? t.where.event(f.event.streamId, f.event.revision, f.event.eventId, f.event.leafIndex)
    : f.treeSize !== undefined
      ? t.where.checkpoint(f.treeSize)
      : f.line
        ? t.where.line(f.line)
        : t.where.bundle;
  return t.failure(t.check(f.check), where, t.say(f.message));
}

/** Columns a terminal gives the text: two for each CJK character, so the table lines up in Chinese too. */
function columns(text: string): number {
  let n = 0;
  for (const c of text) n += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(c) ? 2 : 1;
  return n;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - columns(text)));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - columns(text))) + text;
