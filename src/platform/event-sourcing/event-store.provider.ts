import { Logger, type Provider } from '@nestjs/common';
import pg from 'pg';
import { PostgresEventStore } from '@gongzhi/event-store/postgres/postgres-event-store.js';
import type { EventStore } from '@gongzhi/event-store/event-store.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { poolOptions } from '../database/session-options.js';
import { databaseTarget } from '../database/writable-node.js';
import { EVENT_STORE } from './event-sourcing.service.js';

/** The server's own pool (sized for concurrent writers), ended with the store. */
class ServerPostgresEventStore extends PostgresEventStore {
  override async close(): Promise<void> {
    await super.close();
    await this.pool.end().catch(() => {});
  }
}

/** EVENT_STORE=postgres (the default) or eventstoredb; the port hides which. */
export const eventStoreProvider: Provider = {
  provide: EVENT_STORE,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig): Promise<EventStore> => {
    const log = new Logger('EventStore');
    if (config.eventStore === 'eventstoredb') {
      // Loaded only when chosen: the gRPC client is heavy and the default path does not need it.
      const { EventStoreDbEventStore } = await import('@gongzhi/event-store/eventstoredb/eventstoredb-event-store.js');
      log.log('events in EventStoreDB');
      return new EventStoreDbEventStore(config.eventStoreConnectionString!);
    }
    // With several hosts in DATABASE_URL, each new session finds the writable one (writable-node.ts).
    const { url, Client } = databaseTarget(config.databaseUrl!);
    const pool = new pg.Pool({
      connectionString: url,
      Client,
      max: 24,
      ...poolOptions(config.databaseTimeouts),
    });
    pool.on('error', (error) => log.warn(`idle connection lost: ${error.message}`));
    return new ServerPostgresEventStore(pool);
  },
};
