import { describeEventStoreContract } from '../event-store.contract.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const SKIPPED =
  'EventStoreDB contract suite skipped: EVENTSTORE_CONNECTION_STRING is unset (no EventStoreDB server can run on this machine)';

if (!connectionString) console.warn(SKIPPED);
const describeWithEventStoreDb = connectionString ? describe : describe.skip; // skipped: needs EVENTSTORE_CONNECTION_STRING

describeWithEventStoreDb(connectionString ? 'the EventStoreDB adapter' : SKIPPED, () => {
  describeEventStoreContract(
    'eventstoredb',
    async () => {
      const store = new EventStoreDbEventStore(connectionString!);
      return { store, teardown: () => store.close() };
    },
    // EventStoreDB checks event ids only where an append lands (see EventStoreDbEventStore).
    { refusesEveryReusedEventId: false },
  );
});
