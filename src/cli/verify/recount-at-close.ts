import type { Decider } from '@gongzhi/domain/shared/decider.js';
import type { CountedBallots } from '@gongzhi/domain/governance/counted-ballots.js';
import { countedTree, type VoteKind } from '@gongzhi/receipts/counted-ballots.js';
import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import { differences, sameJson } from './differences.js';
import { dataIs, hashOf } from './hashed-events.js';
import { type Findings, refOf } from './findings.js';
import { StreamFolds } from './stream-folds.js';

/**
 * DOMAIN.md rule 13 for any vote: its stream is folded with the domain's evolve up to the close, and
 * the close is decided again from that state with the domain's decide, at the time the close records.
 * The event that decision gives must be the event the log holds, to the last field. So is each ballot
 * before it: decided again from its own data (who, what, how, when), it must come out as recorded — the
 * voters it counts for are the ones the frozen roster gives that owner, a proxy's is authorised, a paper
 * ballot carries its scan's hash. Events after the close (late ballots) are the record of late ballots,
 * not part of the count, so the stream is then dropped. The counted root the close commits to is
 * re-derived too: the leaf hashes of the bundle's own ballot events, the live one per voter, their tree.
 */
export class RecountAtClose<C, E extends { type: string; data: unknown }, S> {
  private readonly folds: StreamFolds<E, S>;
  private readonly folded = new Map<string, number>();
  private readonly closed = new Set<string>();
  /** Per stream, the leaf hash of each ballot before the close, in stream order: the ballot record. */
  private readonly ballotLeaves = new Map<string, string[]>();

  constructor(
    private readonly decider: Decider<C, E, S>,
    private readonly check: string,
    private readonly closeType: string,
    private readonly closeAt: (now: Date, counted: CountedBallots) => C,
    /** What the close records, for messages: "tally", "result". */
    readonly noun: string,
    /** The ballot an event records, as the command that would cast it again; null for any other event. */
    private readonly ballotOf: (event: BundleEvent) => C | null,
    private readonly kind: VoteKind<S>,
  ) {
    this.folds = new StreamFolds(decider, check);
  }

  /** Answers the re-decided close and the state after it, when `event` is a close that holds. */
  add(event: BundleEvent, findings: Findings): { close: E; state: S } | null {
    const { streamId } = event;
    if (this.closed.has(streamId)) return null;
    if (event.type !== this.closeType) {
      this.recast(event, findings);
      if (this.folds.apply(event, findings)) {
        this.folded.set(streamId, (this.folded.get(streamId) ?? 0) + 1);
        if (event.type === this.kind.ballotType) {
          const leaves = this.ballotLeaves.get(streamId);
          if (leaves) leaves.push(leafOf(event));
          else this.ballotLeaves.set(streamId, [leafOf(event)]);
        }
      }
      return null;
    }
    const before = this.folds.current(streamId);
    const count = this.folded.get(streamId) ?? 0;
    this.closed.add(streamId);
    this.folds.drop(streamId);
    this.folded.delete(streamId);
    const ballotLeaves = this.ballotLeaves.get(streamId) ?? [];
    this.ballotLeaves.delete(streamId);
    if (before === null) return null; // the break was reported where it happened
    const recorded = event.data as { closedAt?: unknown; countedRoot?: unknown; countedSize?: unknown } | null;
    const { root, size, ballotsInRecord } = countedTree(ballotLeaves, this.kind.livePlaces(before));
    findings.expect(this.check, recorded?.countedRoot === root && recorded?.countedSize === size, () => ({
      event: refOf(event),
      message:
        `the close commits to counted root ${String(recorded?.countedRoot)} over ${String(recorded?.countedSize)} ballots, but the ` +
        `${size} live ballots among the ${ballotsInRecord} before it in this bundle give root ${root}: the close does not count the ballots the log holds`,
    }));
    let close: E;
    try {
      [close] = this.decider.decide(
        this.closeAt(new Date(String(recorded?.closedAt)), { root, size, ballotsInRecord }),
        before,
      );
    } catch (error) {
      findings.fail(this.check, {
        event: refOf(event),
        message: `the ${count} events before it do not allow this close: ${(error as Error).message}`,
      });
      return null;
    }
    // The counted root was reported on its own above; here the rest of what the close records.
    const holds = sameJson({ ...recorded, countedRoot: root, countedSize: size }, close.data);
    findings.expect(this.check, holds, () => ({
      event: refOf(event),
      message: `the close recorded a ${this.noun} that the ${count} events before it do not give: ${differences(recorded, close.data)}`,
    }));
    return { close, state: this.decider.evolve(before, close) };
  }

  private recast(event: BundleEvent, findings: Findings): void {
    const before = this.folds.current(event.streamId);
    const command = before === null ? null : this.ballotOf(event);
    if (command === null || before === null) return;
    const count = this.folded.get(event.streamId) ?? 0;
    let decided: E;
    try {
      [decided] = this.decider.decide(command, before);
    } catch (error) {
      findings.fail(this.check, {
        event: refOf(event),
        message: `the ${count} events before it do not allow this ballot: ${(error as Error).message}`,
      });
      return;
    }
    findings.expect(this.check, decided.type === event.type && dataIs(event, decided.data), () => ({
      event: refOf(event),
      message: `cast again from what it records, this ballot comes out otherwise: ${decided.type === event.type ? differences(event.data, decided.data) : `a ${decided.type}, not a ${event.type}`}`,
    }));
  }

  /** Streams seen but not closed. */
  get open(): number {
    return this.folded.size;
  }
}

/** What the log hashes, recomputed from the event itself; an event too malformed to hash gives the leaf the log recorded. */
function leafOf(event: BundleEvent): string {
  const hashed = hashOf(event);
  return hashed instanceof Error ? event.leafHash : hashed.leafHash;
}
