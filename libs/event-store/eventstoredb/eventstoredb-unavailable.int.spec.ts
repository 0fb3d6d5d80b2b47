import { closedPort } from '../testing/closed-port.js';
import { EventStoreUnavailableError } from '../event-store.js';
import { newEvents, rejectionOf } from '../contract/fixtures.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

// Needs no EventStoreDB server: it checks what the adapter says when there is none.
describe('the EventStoreDB event store when the server is out of reach', () => {
  it('throws EventStoreUnavailableError from every call', async () => {
    const store = new EventStoreDbEventStore(`esdb://127.0.0.1:${await closedPort()}?tls=false`);
    try {
      const calls: [string, () => Promise<unknown>][] = [
        ['append', () => store.append('s-1', newEvents(1), { expectedRevision: 'no_stream' })],
        ['readStream', () => store.readStream('s-1')],
        ['readAll', () => store.readAll()],
        ['headPosition', () => store.headPosition()],
      ];
      for (const [name, call] of calls) {
        const error = await rejectionOf(call());
        expect({ name, error }).toEqual({ name, error: expect.any(EventStoreUnavailableError) });
      }
    } finally {
      await store.close();
    }
  });
});
