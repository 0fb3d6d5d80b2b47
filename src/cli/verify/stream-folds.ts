import type { Decider } from '@gongzhi/domain/shared/decider.js';
import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import { type Findings, refOf } from './findings.js';

/**
 * Each stream's state, folded event by event with the domain's own evolve, exactly as the server
 * folds it before deciding. A stream whose events the domain cannot fold is reported once, at the
 * event that breaks it, and then left alone: nothing after it could be re-derived honestly.
 */
export class StreamFolds<E, S> {
  private readonly states = new Map<string, S>();
  private readonly broken = new Set<string>();

  constructor(
    private readonly decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
    private readonly check: string,
  ) {}

  /** The state before the stream's next event; null once the stream is broken. */
  current(streamId: string): S | null {
    if (this.broken.has(streamId)) return null;
    return this.states.get(streamId) ?? this.decider.initialState();
  }

  /** Folds the event in and answers the state after it, or null when the domain refuses it (reported). */
  apply(event: BundleEvent, findings: Findings): S | null {
    const before = this.current(event.streamId);
    if (before === null) return null;
    try {
      const after = this.decider.evolve(before, { type: event.type, data: event.data } as E);
      this.states.set(event.streamId, after);
      return after;
    } catch (error) {
      this.fail(
        event,
        findings,
        `the stream's events cannot be folded at this event (${(error as Error).message}); nothing after it in the stream is re-derived`,
      );
      return null;
    }
  }

  /** Reports the event and stops folding its stream. */
  fail(event: BundleEvent, findings: Findings, message: string): void {
    findings.fail(this.check, { event: refOf(event), message });
    this.broken.add(event.streamId);
    this.states.delete(event.streamId);
  }

  /** Forgets a stream whose result is checked: nothing after it needs its state. */
  drop(streamId: string): void {
    this.states.delete(streamId);
  }

  entries(): IterableIterator<[string, S]> {
    return this.states.entries();
  }
}
