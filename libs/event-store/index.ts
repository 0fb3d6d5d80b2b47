export * from './event-store.js';
export { MAX_EVENTS_PER_APPEND } from './shared/append-validation.js';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './in-memory/in-memory-event-store.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
export {
  EVENTS_IMMUTABLE_ROW_TRIGGER,
  EVENTS_IMMUTABLE_TRUNCATE_TRIGGER,
  installEventStoreSchema,
  POSTGRES_EVENT_STORE_SCHEMA,
} from './postgres/schema.js';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
