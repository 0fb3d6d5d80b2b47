import type { Decider } from '@gongzhi/domain/shared/decider.js';
import { conflict } from '@gongzhi/domain/shared/domain-error.js';
import {
  type EventStore,
  EventStoreUnavailableError,
  type ReadStreamOptions,
} from '@gongzhi/event-store/event-store.js';
import { InMemoryEventStore } from '@gongzhi/event-store/in-memory/in-memory-event-store.js';
import type { CommandContext } from './command-context.js';
import { EventSourcing } from './event-sourcing.service.js';

type Counted = { type: 'Counted'; data: { by: number } };
const counter: Decider<{ add: number; max?: number }, Counted, number> = {
  initialState: () => 0,
  decide: (c, total) => {
    if (c.max !== undefined && total + c.add > c.max) throw conflict('TOO_MUCH', 'over the maximum');
    return [{ type: 'Counted', data: { by: c.add } }];
  },
  evolve: (total, e) => total + e.data.by,
};

const context = (commandId: string): CommandContext => ({
  actor: { id: 'tester', role: 'committee' },
  communityId: 'c1',
  commandId,
  correlationId: commandId,
  causationId: commandId,
  now: new Date('2026-01-01T00:00:00Z'),
});

/** Counts how many events each readStream hands back: what the state cache is meant to keep small. */
function countingReads(store: EventStore) {
  const reads: number[] = [];
  const readStream = store.readStream.bind(store);
  store.readStream = async (streamId: string, options?: ReadStreamOptions) => {
    const events = await readStream(streamId, options);
    reads.push(events.length);
    return events;
  };
  return reads;
}

describe('the command path: load, decide, append with the revision read', () => {
  it('reads only the events after the cached revision, so the n-th command does not refold n events', async () => {
    const store = new InMemoryEventStore();
    const reads = countingReads(store);
    const es = new EventSourcing(store);
    for (let i = 0; i < 50; i++) await es.execute('counter-1', counter, { add: 1 }, context(`c${i}`));
    expect(Math.max(...reads)).toBe(0);
    expect((await es.load('counter-1', counter)).state).toBe(50);
  });

  it('sees events another process appended, reading forward from the cache', async () => {
    const store = new InMemoryEventStore();
    const es = new EventSourcing(store);
    await es.execute('counter-1', counter, { add: 1 }, context('a'));
    const other = new EventSourcing(store);
    await other.execute('counter-1', counter, { add: 10 }, context('b'));
    const decision = await es.execute('counter-1', counter, { add: 100, max: 111 }, context('c'));
    expect(decision.state).toBe(111);
  });

  it('retries the whole load–decide–append when another process appended in between, deciding on the new state', async () => {
    const store = new InMemoryEventStore();
    const es = new EventSourcing(store);
    await es.execute('counter-1', counter, { add: 1 }, context('a'));
    const append = store.append.bind(store);
    let interfered = false;
    store.append = async (streamId, events, options) => {
      if (!interfered) {
        interfered = true;
        await new EventSourcing(store).execute('counter-1', counter, { add: 5 }, context('rival'));
      }
      return append(streamId, events, options);
    };
    // Decided again on the rival's total: the rule sees 1 + 5 + 5 = 11, within the maximum of 11.
    await expect(es.execute('counter-1', counter, { add: 5, max: 11 }, context('b'))).resolves.toMatchObject({
      state: 11,
    });
    await expect(es.execute('counter-1', counter, { add: 1, max: 11 }, context('c'))).rejects.toMatchObject({
      code: 'TOO_MUCH',
    });
  });

  it('gives up with CONCURRENCY_CONFLICT after a bounded number of lost races', async () => {
    const store = new InMemoryEventStore();
    const es = new EventSourcing(store);
    const append = store.append.bind(store);
    let rivals = 0;
    store.append = async (streamId, events, options) => {
      if (streamId === 'counter-1' && events[0].metadata.commandId === 'loser') {
        rivals++;
        await append(
          streamId,
          [
            {
              ...events[0],
              eventId: crypto.randomUUID(),
              metadata: { ...events[0].metadata, commandId: `rival-${rivals}` },
            },
          ],
          { expectedRevision: 'any' },
        );
      }
      return append(streamId, events, options);
    };
    await expect(es.execute('counter-1', counter, { add: 1 }, context('loser'))).rejects.toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
    });
    expect(rivals).toBeGreaterThan(1);
    expect(rivals).toBeLessThan(20);
  });

  it('appends nothing twice when the same command (same command id) is executed again', async () => {
    const store = new InMemoryEventStore();
    const es = new EventSourcing(store);
    const first = await es.execute('counter-1', counter, { add: 1 }, context('same'));
    const fresh = new EventSourcing(store); // a retry after a lost answer, e.g. in another process
    await fresh.execute('counter-1', counter, { add: 1 }, context('same')).catch(() => undefined);
    const events = await store.readStream('counter-1');
    expect(events.map((e) => e.eventId)).toEqual([first.events[0].eventId]);
  });

  it('answers a command retried after a lost answer with the events its first attempt stored, and keeps the cached state true', async () => {
    const store = new InMemoryEventStore();
    const first = await new EventSourcing(store).execute('counter-1', counter, { add: 1 }, context('same'));
    const fresh = new EventSourcing(store); // the restarted server
    const retried = await fresh.execute(
      'counter-1',
      counter,
      { add: 1 },
      { ...context('same'), now: new Date('2026-01-01T00:00:30Z') },
    );
    expect(retried.events).toEqual(first.events);
    expect(retried.position).toBe(first.position);
    expect((await fresh.load('counter-1', counter)).state).toBe(1);
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('answers a retried command with its stored events when its first attempt was appended together with others', async () => {
    const store = new InMemoryEventStore();
    const es = new EventSourcing(store);
    const [, first] = await Promise.all(
      ['a', 'same', 'b'].map((id) => es.execute('counter-1', counter, { add: 1 }, context(id))),
    );
    const retried = await new EventSourcing(store).execute(
      'counter-1',
      counter,
      { add: 1 },
      { ...context('same'), now: new Date('2026-01-01T00:00:30Z') },
    );
    expect(retried.events).toEqual(first.events);
    expect(retried.events[0].metadata.occurredAt).toBe('2026-01-01T00:00:00.000Z');
    expect(await store.readStream('counter-1')).toHaveLength(3);
  });

  it('refuses the queued commands when loading the stream fails (the database gone), leaving none waiting', async () => {
    const store = new InMemoryEventStore();
    await new EventSourcing(store).execute('counter-1', counter, { add: 1 }, context('a'));
    const es = new EventSourcing(store); // a process started since: nothing cached, so it must load
    store.readStream = async () => {
      throw new EventStoreUnavailableError('the database is down');
    };
    const answers = await Promise.allSettled(
      ['b', 'c', 'd'].map((id) => es.execute('counter-1', counter, { add: 1 }, context(id))),
    );
    expect(answers.map((a) => a.status === 'rejected' && (a.reason as Error).message)).toEqual([
      'the database is down',
      'the database is down',
      'the database is down',
    ]);
  });

  it('decides on its cached state without reading the stream, and reads forward when another process appended', async () => {
    const store = new InMemoryEventStore();
    const here = new EventSourcing(store);
    const there = new EventSourcing(store);
    await here.execute('counter-1', counter, { add: 1 }, context('a'));
    let reads = 0;
    const read = store.readStream.bind(store);
    store.readStream = (streamId, options) => {
      reads++;
      return read(streamId, options);
    };
    await here.execute('counter-1', counter, { add: 1 }, context('b'));
    expect(reads).toBe(0);
    await there.execute('counter-1', counter, { add: 10 }, context('c'));
    const after = await here.execute('counter-1', counter, { add: 1 }, context('d'));
    expect(after.state).toBe(13); // the expected revision failed on the stale cache; the retry read the other's event
    expect((await new EventSourcing(store).load('counter-1', counter)).state).toBe(13);
  });

  it('serves concurrent commands on one stream in turn, none lost', async () => {
    const store = new InMemoryEventStore();
    const es = new EventSourcing(store);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => es.execute('counter-1', counter, { add: 1 }, context(`p${i}`))),
    );
    expect((await es.load('counter-1', counter)).state).toBe(100);
  });

  it('appends commands that queued during an append together, each decided on the state the previous left', async () => {
    const store = new InMemoryEventStore();
    const es = new EventSourcing(store);
    let appends = 0;
    const append = store.append.bind(store);
    store.append = (streamId, events, options) => {
      appends++;
      return append(streamId, events, options);
    };
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => es.execute('counter-1', counter, { add: 1, max: 30 }, context(`g${i}`))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(30);
    // The ten over the maximum are refused, each on the state the ones before it left.
    expect(
      results.slice(30).every((r) => r.status === 'rejected' && (r.reason as { code: string }).code === 'TOO_MUCH'),
    ).toBe(true);
    expect(appends).toBeLessThan(30);
    const revisions = results
      .slice(0, 30)
      .map((r) => (r as PromiseFulfilledResult<{ events: { revision: number }[] }>).value.events[0].revision);
    expect(revisions).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect((await es.load('counter-1', counter)).state).toBe(30);
  });
});
