import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Decider, DomainEvent } from '../../../libs/domain/shared/decider.js';
import { conflict } from '../../../libs/domain/shared/domain-error.js';
import { type EventStore, type NewEvent, WrongExpectedRevisionError } from '../../../libs/event-store/event-store.js';
import { type CommandContext, eventIdFor, metadataOf } from './command-context.js';
import { KeyedQueue } from './keyed-queue.js';
import { StreamStateCache } from './stream-state-cache.js';

export const EVENT_STORE = Symbol('EVENT_STORE');

export interface Decision<State, Event> {
  /** The events this command appended (empty when the decider decided nothing). */
  events: AppendedEvent[];
  domainEvents: Event[];
  /** State after the command. */
  state: State;
  /** Global position of the last event appended, or null when nothing was appended. */
  position: bigint | null;
}

/** An event as this command appended it: enough to compute its transparency-log leaf. */
export type AppendedEvent = NewEvent & { streamId: string; revision: number };

const MAX_ATTEMPTS = 8;

/**
 * The one generic command path (STYLE.md): load the stream's state, decide, append with the revision
 * read; on a concurrent append (another process), start again from the load, a bounded number of
 * times, then 409. Within this process, commands on one stream wait their turn (KeyedQueue).
 */
@Injectable()
export class EventSourcing implements OnApplicationShutdown {
  private readonly cache = new StreamStateCache();
  private readonly queue = new KeyedQueue();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }

  async load<State, Event extends DomainEvent>(
    streamId: string,
    decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  ): Promise<{ state: State; revision: number | null }> {
    const cached = this.cache.get<State>(streamId);
    const fromRevision = cached ? cached.revision + 1 : 0;
    const newer = await this.store.readStream(streamId, { fromRevision });
    let state = cached ? cached.state : decider.initialState();
    for (const event of newer) state = decider.evolve(state, event as unknown as Event);
    const revision = newer.length ? newer[newer.length - 1].revision : cached ? cached.revision : null;
    if (revision !== null) this.cache.set(streamId, revision, state);
    return { state, revision };
  }

  execute<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
    command: Command,
    context: CommandContext,
    precondition?: (state: State) => void,
  ): Promise<Decision<State, Event>> {
    return this.queue.run(streamId, () => this.decideAndAppend(streamId, decider, command, context, precondition));
  }

  private async decideAndAppend<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
    command: Command,
    context: CommandContext,
    precondition?: (state: State) => void,
  ): Promise<Decision<State, Event>> {
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await this.load(streamId, decider);
      precondition?.(state);
      const domainEvents = decider.decide(command, state);
      if (domainEvents.length === 0) return { events: [], domainEvents, state, position: null };
      const metadata = metadataOf(context);
      const toAppend = domainEvents.map((event, index) => ({
        eventId: eventIdFor(context.commandId, streamId, index),
        type: event.type,
        data: event.data,
        metadata,
      }));
      try {
        const result = await this.store.append(streamId, toAppend, {
          expectedRevision: revision === null ? 'no_stream' : revision,
        });
        const newState = domainEvents.reduce(decider.evolve, state);
        this.cache.set(streamId, result.nextExpectedRevision, newState);
        const firstRevision = result.nextExpectedRevision - toAppend.length + 1;
        const events = toAppend.map((event, index) => ({ ...event, streamId, revision: firstRevision + index }));
        return { events, domainEvents, state: newState, position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= MAX_ATTEMPTS) {
          throw conflict('CONCURRENCY_CONFLICT', `${streamId} kept changing while this request was decided; please retry`);
        }
      }
    }
  }
}
