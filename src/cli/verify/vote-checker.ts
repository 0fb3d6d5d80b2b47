import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import type { DerivedFacts } from './derived-facts.js';
import type { Findings } from './findings.js';
import type { RecountAtClose } from './recount-at-close.js';
import type { StreamChecker } from './stream-checker.js';

/** A vote's state once its close is recorded: what a recount that holds gives. */
export type ClosedVote<S> = Extract<S, { status: 'closed' }>;

const isClosed = <S extends { status: string }>(state: S): state is ClosedVote<S> => state.status === 'closed';

/**
 * A kind of vote (resolutions, elections) recounted: every ballot is cast again and every close decided
 * again (RecountAtClose); each close that holds hands the vote's closed state to `closed`, which records
 * what other checkers judge by (DerivedFacts) and what the report tells. Votes still open at the end are
 * noted, not failed: there is nothing to re-derive yet.
 */
export abstract class VoteChecker<
  C,
  E extends { type: string; data: unknown },
  S extends { status: string },
> implements StreamChecker {
  abstract readonly check: string;
  abstract readonly eventTypes: readonly string[];
  protected abstract readonly recount: RecountAtClose<C, E, S>;
  /** The votes, for the note on those still open: "resolution(s)". */
  protected abstract readonly votes: string;

  constructor(protected readonly derived: DerivedFacts) {}

  /** A close that holds, from the recount; `event` is the close as the bundle records it. */
  protected abstract closed(event: BundleEvent, state: ClosedVote<S>): void;

  abstract figures(): string[];

  add(event: BundleEvent, findings: Findings): void {
    const recounted = this.recount.add(event, findings);
    if (recounted && isClosed(recounted.state)) this.closed(event, recounted.state);
  }

  finish(findings: Findings): void {
    if (this.recount.open > 0)
      findings.note(`${this.recount.open} ${this.votes} not closed yet: no ${this.recount.noun} to re-derive`);
  }
}
