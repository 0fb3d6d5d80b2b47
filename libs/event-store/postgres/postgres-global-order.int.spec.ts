import pg from 'pg';
import type { RecordedEvent } from '../event-store.js';
import { eventually, idsOf, newArea, newEvents, sleep } from '../contract/fixtures.js';
import { appendEvents } from './append.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { createEventStoreDatabase } from './test-database.js';

describe('the postgres global order, with transactions that commit out of order', () => {
  let database: Awaited<ReturnType<typeof createEventStoreDatabase>>;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createEventStoreDatabase('event_store_order');
    store = new PostgresEventStore(database.pool, { pollIntervalMs: 50 });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  /** An append held uncommitted on its own connection, as a slow request would. */
  async function openAppend(streamId: string, count = 1) {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('BEGIN');
    const events = newEvents(count);
    const result = await appendEvents(client, streamId, events, 'no_stream');
    return {
      events,
      result,
      async commit() {
        await client.query('COMMIT');
        await client.end();
      },
      async rollback() {
        await client.query('ROLLBACK');
        await client.end();
      },
    };
  }

  it('hides an event committed after an open transaction that began appending earlier, then delivers both in order, skipping neither', async () => {
    const area = newArea();
    const start = await store.headPosition();
    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribeAll({ fromPosition: start, streamPrefixes: [area] }, async (batch) => {
      delivered.push(...batch);
    });

    const slow = await openAppend(`${area}slow`);
    const fast = newEvents(1);
    const fastResult = await store.append(`${area}fast`, fast, { expectedRevision: 'no_stream' });
    // The trap: the committed event is numbered after the uncommitted one.
    expect(fastResult.position).toBeGreaterThan(slow.result.position);

    await sleep(250); // five poll intervals
    expect(await store.readAll({ fromPosition: start, streamPrefixes: [area] })).toEqual([]);
    expect(await store.headPosition()).toBe(start);
    expect(delivered).toEqual([]);

    await slow.commit();
    await eventually(() => delivered.length >= 2, 'both events are delivered');
    await sleep(200);
    expect(idsOf(delivered)).toEqual(idsOf([...slow.events, ...fast]));
    expect(idsOf(await store.readAll({ fromPosition: start, streamPrefixes: [area] }))).toEqual(
      idsOf([...slow.events, ...fast]),
    );
    expect(await store.headPosition()).toBe(fastResult.position);
    await subscription.close();
  });

  it('never lets a reader that checkpoints the last position it saw miss an event, under concurrent writers that commit late or roll back', async () => {
    const area = newArea();
    const start = await store.headPosition();
    const committed: string[] = [];
    let writing = true;

    const seen: RecordedEvent[] = [];
    const reader = (async () => {
      let checkpoint = start;
      // Until the writers are done and everything they committed has been seen (or a deadline, so that a
      // reader that skipped something fails the assertions below instead of spinning).
      const deadline = () => !writing && (seen.length >= committed.length || Date.now() > stopBy);
      let stopBy = Infinity;
      while (!deadline()) {
        if (!writing && stopBy === Infinity) stopBy = Date.now() + 10_000;
        const page = await store.readAll({ fromPosition: checkpoint, streamPrefixes: [area], maxCount: 7 });
        seen.push(...page);
        if (page.length > 0) checkpoint = page[page.length - 1].position;
        else await sleep(3);
      }
    })();

    const writer = async (w: number) => {
      for (let i = 0; i < 6; i++) {
        const held = await openAppend(`${area}w${w}-${i}`, 1 + ((w + i) % 3));
        await sleep(Math.floor(Math.random() * 25));
        if ((w + i) % 5 === 0) {
          await held.rollback();
        } else {
          await held.commit();
          committed.push(...idsOf(held.events));
        }
      }
    };
    await Promise.all(Array.from({ length: 12 }, (_, w) => writer(w)));
    writing = false;
    await reader;

    expect(new Set(idsOf(seen)).size).toBe(seen.length);
    expect(new Set(idsOf(seen))).toEqual(new Set(committed));
    seen.slice(1).forEach((event, i) => expect(event.position).toBeGreaterThan(seen[i].position));
  });
});
