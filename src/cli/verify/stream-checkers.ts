import { BearersRosterChecker } from './bearers-roster.checker.js';
import { CommitteeRecordChecker } from './committee-record.checker.js';
import { DerivedFacts } from './derived-facts.js';
import { ElectionResultChecker } from './election-result.checker.js';
import { MaintenanceFundChecker } from './maintenance-fund.checker.js';
import { PublicRevenueChecker } from './public-revenue.checker.js';
import { ResolutionTallyChecker } from './resolution-tally.checker.js';
import { ServicesChecker } from './services.checker.js';
import { StatementChecker } from './statement.checker.js';
import type { StreamChecker } from './stream-checker.js';

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
