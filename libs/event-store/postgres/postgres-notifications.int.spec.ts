import type { RecordedEvent } from '../event-store.js';
import { eventually, idsOf, newArea, newEvents, sleep } from '../contract/fixtures.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { createEventStoreDatabase } from './test-database.js';

// Polling so rarely that only a notification can deliver within the test's deadlines.
const NEVER_POLL = { pollIntervalMs: 600_000 };

describe.each(['after-commit', 'in-transaction'] as const)(
  'postgres subscriptions woken by notifications sent %s',
  (notify) => {
    let database: Awaited<ReturnType<typeof createEventStoreDatabase>>;
    let subscriber: PostgresEventStore;
    let writer: PostgresEventStore;

    beforeAll(async () => {
      database = await createEventStoreDatabase('event_store_notify');
      subscriber = new PostgresEventStore(database.url, NEVER_POLL);
      writer = new PostgresEventStore(database.url, { ...NEVER_POLL, notify });
    });
    afterAll(async () => {
      await subscriber.close();
      await writer.close();
      await database.drop();
    });

    it('deliver events appended through another pool (another process) without waiting for a poll, and after the listening connection is killed', async () => {
      const area = newArea();
      const delivered: RecordedEvent[] = [];
      const subscription = subscriber.subscribeAll(
        { fromPosition: await subscriber.headPosition(), streamPrefixes: [area] },
        async (batch) => {
          delivered.push(...batch);
        },
      );
      const listener = await subscriber.listenerProcessId();
      expect(listener).toEqual(expect.any(Number));

      const first = newEvents(1);
      await writer.append(`${area}s`, first, { expectedRevision: 'no_stream' });
      await eventually(() => delivered.length === 1, 'the notified event is delivered', 5_000);

      await database.pool.query('SELECT pg_terminate_backend($1)', [listener]);
      let replacement: number | undefined;
      const deadline = Date.now() + 5_000;
      while (replacement === undefined || replacement === listener) {
        if (Date.now() > deadline) throw new Error('the subscription did not listen again');
        await sleep(20);
        replacement = await subscriber.listenerProcessId();
      }

      const second = newEvents(2);
      await writer.append(`${area}s`, second, { expectedRevision: 0 });
      await eventually(() => delivered.length === 3, 'the event appended after reconnecting is delivered', 5_000);
      expect(idsOf(delivered)).toEqual(idsOf([...first, ...second]));
      await subscription.close();
    });

    it('deliver an event held back by an unrelated open transaction soon after that ends, though its end notifies nobody', async () => {
      const area = newArea();
      const delivered: RecordedEvent[] = [];
      const subscription = subscriber.subscribeAll(
        { fromPosition: await subscriber.headPosition(), streamPrefixes: [area] },
        async (batch) => {
          delivered.push(...batch);
        },
      );
      const unrelated = await database.pool.connect();
      try {
        await unrelated.query('BEGIN');
        await unrelated.query('SELECT pg_current_xact_id()'); // now it holds back the horizon, as any writer does
        const events = newEvents(1);
        await writer.append(`${area}s`, events, { expectedRevision: 'no_stream' });
        await sleep(300);
        expect(delivered).toEqual([]);
        await unrelated.query('COMMIT');
        await eventually(() => delivered.length === 1, 'the held-back event is delivered', 2_000);
        expect(idsOf(delivered)).toEqual(idsOf(events));
      } finally {
        unrelated.release();
        await subscription.close();
      }
    });
  },
);
