import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import type { Findings } from './findings.js';
import { ResolutionTallyChecker } from './resolution-tally.checker.js';

/**
 * Re-derives a kind of stream's recorded results from its events: one checker per stream category
 * (the part of a stream id before its first "-": `resolution`, later `account` for the money ledger's
 * balances). A checker sees the events of its category in log order, one at a time, so it can drop a
 * stream once its result is checked and a large bundle never sits in memory whole.
 */
export interface StreamChecker {
  /** The summary row this checker fills, e.g. "resolution tallies". */
  readonly check: string;
  readonly category: string;
  add(event: BundleEvent, findings: Findings): void;
  /** After the last event: report what could not be checked. */
  finish(findings: Findings): void;
}

/** Fresh checkers for one verification (they hold state). Add the money ledger's here. */
export function streamCheckers(): StreamChecker[] {
  return [new ResolutionTallyChecker()];
}

export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}
