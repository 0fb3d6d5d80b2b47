import { EventStoreUnavailableError, type RecordedEvent } from '../event-store.js';
import { type ContractContext, eventually, newArea, newEvents, rejectionOf, sleep } from './fixtures.js';

export function describeLifecycleContract({ setup }: ContractContext): void {
  describe('close()', () => {
    it('stops the running subscriptions, then refuses every call with EventStoreUnavailableError', async () => {
      const { store, teardown } = await setup();
      try {
        const area = newArea();
        const delivered: RecordedEvent[] = [];
        const subscription = store.subscribeAll(
          { fromPosition: await store.headPosition(), streamPrefixes: [area] },
          async (batch) => {
            delivered.push(...batch);
          },
        );
        await store.append(`${area}s`, newEvents(1), { expectedRevision: 'no_stream' });
        await eventually(() => delivered.length === 1, 'the event is delivered');

        await store.close();
        await expect(subscription.done).resolves.toBeUndefined();
        const calls: [string, () => Promise<unknown>][] = [
          ['append', () => store.append(`${area}s`, newEvents(1), { expectedRevision: 0 })],
          ['readStream', () => store.readStream(`${area}s`)],
          ['readAll', () => store.readAll()],
          ['headPosition', () => store.headPosition()],
          ['subscribeAll', async () => store.subscribeAll({}, async () => {})],
        ];
        for (const [name, call] of calls) {
          expect({ name, error: await rejectionOf(call()) }).toEqual({
            name,
            // jest's matchers are typed `any`: this one stands for the error it matches.
            error: expect.any(EventStoreUnavailableError) as unknown,
          });
        }
        await sleep(100);
        expect(delivered).toHaveLength(1);
      } finally {
        await teardown();
      }
    });
  });
}
