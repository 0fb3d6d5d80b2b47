import type pg from 'pg';

/** Disable these (ALTER TABLE events DISABLE TRIGGER …) only in a test that tampers with history on purpose. */
export const EVENTS_IMMUTABLE_ROW_TRIGGER = 'events_immutable_row';
export const EVENTS_IMMUTABLE_TRUNCATE_TRIGGER = 'events_immutable_truncate';

/**
 * The event store's tables, idempotent so that it can run at every start and from a TypeORM migration
 * (`queryRunner.query(POSTGRES_EVENT_STORE_SCHEMA)`). Needs PostgreSQL 13+ (xid8, pg_current_xact_id).
 *
 * Positions are pg_current_xact_id() * 2^20 + the event's index in its append (see append.ts), so the
 * primary key on position doubles as the index for reading the global order and for finding the events
 * of one append. `streams` holds each stream's revision: appends lock its row for optimistic concurrency.
 */
export const POSTGRES_EVENT_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position bigint NOT NULL,
  transaction_id xid8 NOT NULL,
  event_id uuid NOT NULL,
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_pkey PRIMARY KEY (position),
  CONSTRAINT events_event_id_unique UNIQUE (event_id),
  CONSTRAINT events_stream_revision_unique UNIQUE (stream_id, revision)
);

CREATE TABLE IF NOT EXISTS streams (
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  CONSTRAINT streams_pkey PRIMARY KEY (stream_id)
);

CREATE OR REPLACE FUNCTION events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'events are immutable: % on events is refused; correct a mistake with a new event', TG_OP
    USING ERRCODE = 'restrict_violation';
END
$fn$;

DO $do$
BEGIN
  -- Created only when missing, so a rerun never re-enables a trigger a test disabled deliberately.
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'events'::regclass AND tgname = '${EVENTS_IMMUTABLE_ROW_TRIGGER}') THEN
    CREATE TRIGGER ${EVENTS_IMMUTABLE_ROW_TRIGGER} BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_reject_change();
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'events'::regclass AND tgname = '${EVENTS_IMMUTABLE_TRUNCATE_TRIGGER}') THEN
    CREATE TRIGGER ${EVENTS_IMMUTABLE_TRUNCATE_TRIGGER} BEFORE TRUNCATE ON events
      FOR EACH STATEMENT EXECUTE FUNCTION events_reject_change();
  END IF;
END
$do$;
`;

/** Runs the schema under an advisory lock: concurrent CREATE … IF NOT EXISTS can still collide. */
export async function installEventStoreSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('gongzhi_event_store_schema'))`);
    await client.query(POSTGRES_EVENT_STORE_SCHEMA);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
