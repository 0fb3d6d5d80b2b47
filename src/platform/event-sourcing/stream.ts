import { batchDecider, type Decider, type DomainEvent } from '@gongzhi/domain/shared/decider.js';

/**
 * What a command handler hands to `EventSourcing.handle`: which stream the command goes to, the decider
 * that decides it there, and what must hold of the loaded state before the decider sees it (a resolution
 * of another community is a 404, not the decider's business). Plain data: a module names its streams
 * with an `Aggregate`, and nothing between the handler and the append wraps them.
 */
export interface Stream<Command, Event extends DomainEvent, State> {
  readonly id: string;
  readonly decider: Decider<Command, Event, State>;
  readonly precondition?: (state: State) => void;
}

/** One kind of aggregate: its decider and how its streams are named. A module declares one constant per kind. */
export class Aggregate<Command, Event extends DomainEvent, State> {
  /** Several commands on one stream decided as one: all their events appended together, or none. */
  private readonly batchDecider: Decider<Command[], Event, State>;

  constructor(
    readonly decider: Decider<Command, Event, State>,
    readonly streamOf: (id: string) => string,
  ) {
    this.batchDecider = batchDecider(decider);
  }

  /** The stream of aggregate `id`. */
  stream(id: string, precondition?: (state: State) => void): Stream<Command, Event, State> {
    return { id: this.streamOf(id), decider: this.decider, precondition };
  }

  /** The same stream, taking a list of commands decided and appended all together or not at all. */
  batch(id: string, precondition?: (state: State) => void): Stream<Command[], Event, State> {
    return { id: this.streamOf(id), decider: this.batchDecider, precondition };
  }
}
