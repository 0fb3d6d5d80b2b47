import type { RecordedEvent, Subscription } from '../event-store.js';
import {
  type ContractContext,
  eventually,
  idsOf,
  newArea,
  newEvent,
  newEvents,
  rejectionOf,
  sleep,
} from './fixtures.js';

/** Long enough for a running subscription to pick up an append (adapters poll every 500 ms at worst). */
const QUIET_MS = 1_200;

export function describeSubscriptionContract({ store }: ContractContext): void {
  describe('subscribeAll', () => {
    const running: Subscription[] = [];
    afterEach(async () => {
      await Promise.all(running.splice(0).map((subscription) => subscription.close()));
    });

    const collect = (options: Parameters<ReturnType<ContractContext['store']>['subscribeAll']>[0]) => {
      const batches: RecordedEvent[][] = [];
      const subscription = store().subscribeAll(options, async (batch) => {
        batches.push(batch);
      });
      running.push(subscription);
      return { batches, delivered: () => batches.flat(), subscription };
    };

    it('delivers the events that existed (catch-up), then those appended after it started (live), in order, each once', async () => {
      const area = newArea();
      const start = await store().headPosition();
      const before = newEvents(3);
      await store().append(`${area}a`, before.slice(0, 2), { expectedRevision: 'no_stream' });
      await store().append(`${area}b`, before.slice(2), { expectedRevision: 'no_stream' });

      const { delivered } = collect({ fromPosition: start, streamPrefixes: [area] });
      await eventually(() => delivered().length >= 3, 'the existing events are delivered');

      const after = newEvents(4);
      await store().append(`${area}a`, after.slice(0, 1), { expectedRevision: 1 });
      await store().append(`${area}c`, after.slice(1), { expectedRevision: 'no_stream' });
      await eventually(() => delivered().length >= 7, 'the new events are delivered');
      await sleep(QUIET_MS);

      expect(idsOf(delivered())).toEqual(idsOf([...before, ...after]));
      delivered()
        .slice(1)
        .forEach((event, i) => expect(event.position).toBeGreaterThan(delivered()[i].position));
    });

    it('delivers batches of at most batchSize, the next only after the handler finished the last', async () => {
      const area = newArea();
      const start = await store().headPosition();
      await store().append(`${area}s`, newEvents(7), { expectedRevision: 'no_stream' });
      const batches: number[] = [];
      let inHandler = 0;
      let overlapped = false;
      const subscription = store().subscribeAll(
        { fromPosition: start, streamPrefixes: [area], batchSize: 3 },
        async (batch) => {
          overlapped ||= inHandler++ > 0;
          await sleep(20);
          batches.push(batch.length);
          inHandler--;
        },
      );
      running.push(subscription);
      await eventually(() => batches.reduce((sum, size) => sum + size, 0) >= 7, 'seven events are delivered');
      expect(Math.max(...batches)).toBeLessThanOrEqual(3);
      expect(overlapped).toBe(false);
    });

    it('starts strictly after fromPosition and keeps only what the filters ask for', async () => {
      const area = newArea();
      const first = await store().append(`${area}vote`, [newEvent('VoteOpened')], { expectedRevision: 'no_stream' });
      const wanted = [newEvent('BallotCast'), newEvent('BallotCast')];
      await store().append(`${area}vote`, [wanted[0], newEvent('VoteClosed')], { expectedRevision: 0 });
      await store().append(`${area}other`, [newEvent('BallotCast')], { expectedRevision: 'no_stream' });

      const { delivered } = collect({
        fromPosition: first.position,
        streamPrefixes: [`${area}vote`],
        eventTypes: ['BallotCast'],
      });
      await store().append(`${area}vote`, [wanted[1]], { expectedRevision: 2 });
      await eventually(() => delivered().length >= 2, 'the matching events are delivered');
      await sleep(QUIET_MS);
      expect(idsOf(delivered())).toEqual(idsOf(wanted));
    });

    it('delivers nothing more after close(), and close() waits for the running handler', async () => {
      const area = newArea();
      const start = await store().headPosition();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const delivered: RecordedEvent[] = [];
      const subscription = store().subscribeAll({ fromPosition: start, streamPrefixes: [area] }, async (batch) => {
        delivered.push(...batch);
        await gate;
      });
      await store().append(`${area}s`, newEvents(1), { expectedRevision: 'no_stream' });
      await eventually(() => delivered.length === 1, 'the first event is delivered');

      let closed = false;
      const closing = subscription.close().then(() => (closed = true));
      await sleep(100);
      expect(closed).toBe(false);
      release();
      await closing;
      await expect(subscription.done).resolves.toBeUndefined();

      await store().append(`${area}s`, newEvents(2), { expectedRevision: 0 });
      await sleep(QUIET_MS);
      expect(delivered).toHaveLength(1);
    });

    it('rejects done with the error of a throwing handler, and delivers nothing more', async () => {
      const area = newArea();
      const start = await store().headPosition();
      let calls = 0;
      const subscription = store().subscribeAll({ fromPosition: start, streamPrefixes: [area] }, async () => {
        calls++;
        throw new Error('projection failed');
      });
      running.push(subscription);
      await store().append(`${area}s`, newEvents(1), { expectedRevision: 'no_stream' });
      const error = await rejectionOf(subscription.done);
      expect(error).toMatchObject({ message: 'projection failed' });
      await store().append(`${area}s`, newEvents(1), { expectedRevision: 0 });
      await sleep(QUIET_MS);
      expect(calls).toBe(1);
    });

    it('delivers data and metadata exactly as appended', async () => {
      const area = newArea();
      const start = await store().headPosition();
      const event = newEvent('StatementPublished', {
        标题: '2024年度公共收益收支情况',
        明细: [{ 项目: '广告位', 金额分: '1250000' }],
      });
      const { delivered } = collect({ fromPosition: start, streamPrefixes: [area] });
      await store().append(`${area}s`, [event], { expectedRevision: 'no_stream' });
      await eventually(() => delivered().length === 1, 'the event is delivered');
      const [{ eventId, type, data, metadata }] = delivered();
      expect({ eventId, type, data, metadata }).toEqual(event);
    });
  });
}
