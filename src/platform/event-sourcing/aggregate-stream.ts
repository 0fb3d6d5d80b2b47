import type { Decider, DomainEvent } from '../../../libs/domain/shared/decider.js';
import type { CommandContext } from './command-context.js';
import { type Decision, EventSourcing } from './event-sourcing.service.js';

/**
 * One kind of aggregate: its decider and how its stream is named. A module subclasses this once
 * per aggregate (CommunityStream, ResolutionStream) so handlers inject it by name.
 */
export abstract class AggregateStream<Command, Event extends DomainEvent, State> {
  protected constructor(
    private readonly eventSourcing: EventSourcing,
    private readonly decider: Decider<Command, Event, State>,
    readonly streamOf: (id: string) => string,
  ) {}

  /** `precondition` sees the loaded state before the decider, e.g. to 404 an aggregate of another community. */
  execute(
    id: string,
    command: Command,
    context: CommandContext,
    precondition?: (state: State) => void,
  ): Promise<Decision<State, Event>> {
    return this.eventSourcing.execute(this.streamOf(id), this.decider, command, context, precondition);
  }

  /** Current state folded from the events: what deciders of other aggregates may consult. */
  async state(id: string): Promise<State> {
    return (await this.eventSourcing.load(this.streamOf(id), this.decider)).state;
  }
}
