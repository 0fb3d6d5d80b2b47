import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Decider, DomainEvent } from '@gongzhi/domain/shared/decider.js';
import { conflict } from '@gongzhi/domain/shared/domain-error.js';
import {
  EventIdConflictError,
  type EventStore,
  type NewEvent,
  WrongExpectedRevisionError,
} from '@gongzhi/event-store/event-store.js';
import { type CommandContext, eventIdFor, metadataOf } from './command-context.js';
import { StreamBatcher } from './stream-batcher.js';
import { StreamStateCache } from './stream-state-cache.js';
import type { Stream } from './stream.js';

export const EVENT_STORE = Symbol('EVENT_STORE');

export interface Decision<State, Event> {
  /** The events this command appended (empty when the decider decided nothing). */
  events: AppendedEvent[];
  domainEvents: Event[];
  /** State after the command. */
  state: State;
  /**
   * Global position up to which this command's events are stored: its last event's, or, when it was
   * appended together with commands queued behind it, the last of that append. Null when nothing was appended.
   */
  position: bigint | null;
}

/** An event as this command appended it: enough to compute its transparency-log leaf. */
export type AppendedEvent = NewEvent & { streamId: string; revision: number };

const MAX_ATTEMPTS = 8;

/**
 * The one generic command path (STYLE.md): load the stream's state, decide, append with the revision
 * read; on a concurrent append (another process), start again from the load, a bounded number of
 * times, then 409. Within this process, commands on one stream queue, and those that queued during an
 * append are decided in order and appended together (StreamBatcher).
 */
@Injectable()
export class EventSourcing implements OnApplicationShutdown {
  private readonly cache = new StreamStateCache();
  // A failure outside the append (the load's read, with the database gone) refuses every job still waiting:
  // settling one twice is harmless, leaving one unsettled hangs its request for good.
  private readonly batcher = new StreamBatcher<AnyJob>((streamId, jobs) =>
    this.decideAndAppend(streamId, jobs).catch((error: unknown) => jobs.forEach((job) => job.reject(error))),
  );

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

  /**
   * What every command handler calls: `stream` names the stream, its decider and its precondition
   * (`Aggregate.stream(id)`); the command is decided on the stream's current state and its events appended.
   */
  handle<Command, Event extends DomainEvent, State>(
    stream: Stream<Command, Event, State>,
    command: Command,
    context: CommandContext,
  ): Promise<Decision<State, Event>> {
    return this.execute(stream.id, stream.decider, command, context, stream.precondition);
  }

  /** A stream's current state folded from its events, its precondition checked: what handlers consult before deciding. */
  async state<Command, Event extends DomainEvent, State>(stream: Stream<Command, Event, State>): Promise<State> {
    const { state } = await this.load(stream.id, stream.decider);
    stream.precondition?.(state);
    return state;
  }

  /** The path under `handle`, by stream id and decider. */
  execute<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
    command: Command,
    context: CommandContext,
    precondition?: (state: State) => void,
  ): Promise<Decision<State, Event>> {
    return new Promise((resolve, reject) => {
      const job: Job<Command, Event, State> = { decider, command, context, precondition, resolve, reject };
      this.batcher.add(streamId, job as unknown as AnyJob);
    });
  }

  /** Decides the queued commands of one stream in order, each on the state the previous left, and appends them together. */
  private async decideAndAppend(streamId: string, jobs: AnyJob[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      // First on the cached state, unread: every append to the stream from this process passes through
      // here, so it is current unless another process appended — and then the expected revision fails
      // and the retry reads forward. One query less per batch on a vote's busiest evening.
      const cached = attempt === 1 ? this.cache.get<unknown>(streamId) : undefined;
      const { state, revision } = cached
        ? { state: cached.state, revision: cached.revision as number | null }
        : await this.load(streamId, jobs[0].decider);
      let current = state;
      const outcomes = jobs.map((job) => {
        try {
          job.precondition?.(current);
          const domainEvents = job.decider.decide(job.command, current);
          current = domainEvents.reduce(job.decider.evolve, current);
          return { job, domainEvents, state: current };
        } catch (error) {
          return { job, error };
        }
      });
      const planned = outcomes.map((o) =>
        'error' in o
          ? []
          : o.domainEvents.map((e, index) => ({
              eventId: eventIdFor(o.job.context.commandId, streamId, index),
              type: e.type,
              data: e.data,
              metadata: metadataOf(o.job.context),
            })),
      );
      const toAppend = planned.flat();
      let result: { nextExpectedRevision: number; position: bigint } | null = null;
      if (toAppend.length) {
        try {
          result = await this.store.append(streamId, toAppend, {
            expectedRevision: revision === null ? 'no_stream' : revision,
          });
        } catch (error) {
          if (error instanceof WrongExpectedRevisionError && attempt < MAX_ATTEMPTS) continue;
          if (error instanceof WrongExpectedRevisionError) {
            const refusal = conflict(
              'CONCURRENCY_CONFLICT',
              `${streamId} kept changing while this request was decided; please retry`,
            );
            return jobs.forEach((job) => job.reject(refusal));
          }
          // One command's events may be what the store refused (a retried command's ids): alone, each gets its own answer.
          if (jobs.length > 1) {
            for (const job of jobs) await this.decideAndAppend(streamId, [job]);
            return;
          }
          if (error instanceof EventIdConflictError) return this.answerAsStored(streamId, jobs[0], error);
          return jobs[0].reject(error);
        }
        // The store answered for an identical append made before this load: the command ran already.
        if (result.nextExpectedRevision !== (revision ?? -1) + toAppend.length) {
          for (const job of jobs)
            await this.answerAsStored(streamId, job, new EventIdConflictError(toAppend[0].eventId));
          return;
        }
        this.cache.set(streamId, result.nextExpectedRevision, current);
      }
      let next = result ? result.nextExpectedRevision - toAppend.length + 1 : 0;
      outcomes.forEach((o, k) => {
        if ('error' in o) return o.job.reject(o.error);
        const events = planned[k].map((event) => ({ ...event, streamId, revision: next++ }));
        o.job.resolve({
          events,
          domainEvents: o.domainEvents,
          state: o.state,
          position: events.length ? result!.position : null,
        });
      });
      return;
    }
  }

  /**
   * A command retried under its Idempotency-Key after the answer to its first attempt was lost (a crash)
   * finds its events stored: it answers those — their data, revisions and position, so the receipt the
   * first attempt would have given — and appends nothing. Refused as `refusal` if none of them is stored
   * (the ids belong to another command). Reads the whole stream, but only on this rare path.
   */
  private async answerAsStored(streamId: string, job: AnyJob, refusal: unknown): Promise<void> {
    try {
      const stored = (await this.store.readStream(streamId)).filter(
        (event) => event.metadata?.commandId === job.context.commandId,
      );
      if (stored.length === 0) return job.reject(refusal);
      const { state } = await this.load(streamId, job.decider);
      job.resolve({
        events: stored.map(({ eventId, type, data, metadata, revision }) => ({
          eventId,
          type,
          data,
          metadata,
          streamId,
          revision,
        })),
        domainEvents: stored.map(({ type, data }) => ({ type, data })),
        state,
        position: stored[stored.length - 1].position,
      });
    } catch (error) {
      job.reject(error);
    }
  }
}

interface Job<Command, Event extends DomainEvent, State> {
  decider: Decider<Command, Event, State>;
  command: Command;
  context: CommandContext;
  precondition?: (state: State) => void;
  resolve(decision: Decision<State, Event>): void;
  reject(error: unknown): void;
}

// Jobs of one stream share its state type; the batcher holds them without knowing it.
type AnyJob = Job<unknown, DomainEvent, unknown>;
