import { describeEventStoreContract } from '../event-store.contract.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { createEventStoreDatabase } from './test-database.js';

describeEventStoreContract('postgres', async () => {
  const database = await createEventStoreDatabase('event_store_contract');
  const store = new PostgresEventStore(database.pool);
  return {
    store,
    async teardown() {
      await store.close();
      await database.drop();
    },
  };
});
