/**
 * The decider contract (STYLE.md): an aggregate is three pure functions over plain data.
 * decide throws a DomainError to refuse; it never reads a clock or makes ids (they come in the command).
 */
export interface Decider<Command, Event, State> {
  initialState(): State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

/** Events as the domain sees them: a type and its data. Ids and metadata are the infrastructure's. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve'>,
  state: State,
  events: Event[],
): State {
  return events.reduce((s, e) => decider.evolve(s, e), state);
}

/**
 * Several commands decided as one: each sees the state the previous ones left, and either all of
 * their events are appended together or none (a batch of paper ballots is entered whole).
 */
export function batchDecider<Command, Event, State>(
  decider: Decider<Command, Event, State>,
): Decider<Command[], Event, State> {
  return {
    initialState: decider.initialState,
    evolve: decider.evolve,
    decide(commands, state) {
      const events: Event[] = [];
      let current = state;
      for (const command of commands) {
        const decided = decider.decide(command, current);
        current = decided.reduce(decider.evolve, current);
        events.push(...decided);
      }
      return events;
    },
  };
}
