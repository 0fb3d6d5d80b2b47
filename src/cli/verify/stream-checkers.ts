import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import { BearersRosterChecker } from './bearers-roster.checker.js';
import { CommitteeRecordChecker } from './committee-record.checker.js';
import { DerivedFacts } from './derived-facts.js';
import { ElectionResultChecker } from './election-result.checker.js';
import type { Findings } from './findings.js';
import { MaintenanceFundChecker } from './maintenance-fund.checker.js';
import { PublicRevenueChecker } from './public-revenue.checker.js';
import { ResolutionTallyChecker } from './resolution-tally.checker.js';
import { ServicesChecker } from './services.checker.js';
import { StatementChecker } from './statement.checker.js';

/**
 * Re-derives what a kind of stream recorded from its events, with the domain's own deciders: one
 * checker per bounded context, fed the event types the domain lists for it, in log order, one event
 * at a time, so it can drop a stream once its result is checked and a large bundle never sits in
 * memory whole.
 */
export interface StreamChecker {
  /** The summary row this checker fills, e.g. "resolution tallies". */
  readonly check: string;
  /** The event types it reads: the domain's own lists (RESOLUTION_EVENT_TYPES, …). */
  readonly eventTypes: readonly string[];
  add(event: BundleEvent, findings: Findings): void;
  /** After the last event: report what could not be checked. */
  finish(findings: Findings): void;
  /** What it re-derived, one line each, for the report (a balance, an outcome). */
  figures(): string[];
}

/**
 * Fresh checkers for one verification (they hold state), sharing what they re-derive: a spend is
 * judged against the vote as the verifier recounted it, a statement against the ledger as it re-added it.
 * Order matters where one reads another's facts: votes before the money and the statements.
 */
export function streamCheckers(): StreamChecker[] {
  const derived = new DerivedFacts();
  return [
    new ResolutionTallyChecker(derived),
    new BearersRosterChecker(),
    new ElectionResultChecker(derived),
    new CommitteeRecordChecker(derived),
    new PublicRevenueChecker(derived),
    new MaintenanceFundChecker(derived),
    new StatementChecker(derived),
    new ServicesChecker(derived),
  ];
}
