import { expect } from '@jest/globals';
import type { Decider } from '@gongzhi/domain/shared/decider.js';
import { DomainError } from '@gongzhi/domain/shared/domain-error.js';

/**
 * given(events).when(command).then(events) — or .thenRefuses(code) — for any decider (STYLE.md).
 */
export function deciderSpec<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return (given: Event[]) => ({
    when: (command: Command) => {
      const run = () => decider.decide(command, given.reduce(decider.evolve, decider.initialState()));
      return {
        then(expected: Event[]) {
          expect(run()).toEqual(expected);
        },
        thenRefuses(code: string, message?: RegExp, details?: Record<string, unknown>) {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(DomainError);
          expect((caught as DomainError).code).toBe(code);
          if (message) expect((caught as DomainError).message).toMatch(message);
          if (details) expect((caught as DomainError).details).toMatchObject(details);
        },
      };
    },
  });
}

/** The code of the DomainError `fn` throws, or undefined when it throws none. */
export function refusalCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}
