import type pg from 'pg';
import {
  EventIdConflictError,
  WrongExpectedRevisionError,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
} from '../event-store.js';
import { assertAppendable, MAX_EVENTS_PER_APPEND, normalizeEventId } from '../shared/append-validation.js';

export const DEFAULT_NOTIFICATION_CHANNEL = 'gongzhi_events';

/** 2^20: a position is the appending transaction's id times this, plus the event's index in the append. */
export const POSITIONS_PER_TRANSACTION = BigInt(MAX_EVENTS_PER_APPEND);

type Queryable = Pick<pg.ClientBase, 'query'>;
type RevisionCheck = 'any' | 'no_stream' | 'stream_exists' | 'exact';

// $1 stream id, $2 number of events, $5 the expected revision (exact only). Each statement returns the
// stream's new last revision, or no row when the expectation fails: the row lock it takes makes a
// concurrent append with the same expectation wait for this one, then find the revision moved.
const STREAM_STEP: Record<RevisionCheck, string> = {
  exact: `UPDATE streams SET revision = $5::bigint + $2::bigint WHERE stream_id = $1 AND revision = $5::bigint RETURNING revision`,
  no_stream: `INSERT INTO streams (stream_id, revision) VALUES ($1, $2::bigint - 1) ON CONFLICT (stream_id) DO NOTHING RETURNING revision`,
  any: `INSERT INTO streams AS s (stream_id, revision) VALUES ($1, $2::bigint - 1)
        ON CONFLICT (stream_id) DO UPDATE SET revision = s.revision + $2::bigint RETURNING revision`,
  stream_exists: `UPDATE streams SET revision = revision + $2::bigint WHERE stream_id = $1 RETURNING revision`,
};

/**
 * One statement, so one round trip and (outside an explicit transaction) one transaction per append.
 * $3 is the events as one JSON array, unpacked in order by jsonb_to_recordset … WITH ORDINALITY.
 * $4 is the channel to NOTIFY inside the transaction, or null not to (see AppendAnnouncer).
 */
const appendStatement = (check: RevisionCheck) => `
WITH stream AS (${STREAM_STEP[check]}),
appended AS (
  INSERT INTO events (position, transaction_id, event_id, stream_id, revision, type, data, metadata)
  SELECT pg_current_xact_id()::text::bigint * ${POSITIONS_PER_TRANSACTION} + e.ord - 1,
         pg_current_xact_id(), e.event_id, $1, stream.revision - $2::bigint + e.ord, e.type, e.data, e.metadata
  FROM stream
  CROSS JOIN ROWS FROM (jsonb_to_recordset($3::jsonb) AS (event_id uuid, type text, data jsonb, metadata jsonb))
    WITH ORDINALITY AS e(event_id, type, data, metadata, ord)
  RETURNING position
)
SELECT stream.revision, (SELECT max(position) FROM appended) AS position,
       CASE WHEN $4::text IS NOT NULL THEN pg_notify($4::text, '') END AS notified
FROM stream`;

const STATEMENTS = Object.fromEntries(
  (Object.keys(STREAM_STEP) as RevisionCheck[]).map((check) => [
    check,
    { name: `gongzhi_append_${check}`, text: appendStatement(check) },
  ]),
) as Record<RevisionCheck, { name: string; text: string }>;

/**
 * Why the append wrote nothing: the stream's revision now, and whether these event ids are stored,
 * and if the first one is, every event of the append that stored it (the events sharing its
 * transaction id, found through the position range of that transaction).
 */
const DIAGNOSIS = {
  name: 'gongzhi_append_diagnosis',
  text: `
WITH first AS (SELECT position / ${POSITIONS_PER_TRANSACTION} AS tx FROM events WHERE event_id = $2::uuid)
SELECT (SELECT revision FROM streams WHERE stream_id = $1) AS actual,
       (SELECT coalesce(array_agg(event_id::text), '{}') FROM events WHERE event_id = ANY($3::uuid[])) AS reused,
       (SELECT coalesce(json_agg(json_build_object('eventId', e.event_id, 'streamId', e.stream_id,
                                                   'revision', e.revision, 'position', e.position::text)
                                 ORDER BY e.position), '[]')
          FROM events e, first
         WHERE e.position >= first.tx * ${POSITIONS_PER_TRANSACTION}
           AND e.position < (first.tx + 1) * ${POSITIONS_PER_TRANSACTION}) AS original`,
};

interface Diagnosis {
  actual: string | null;
  reused: string[];
  original: { eventId: string; streamId: string; revision: number; position: string }[];
}

export interface AppendStatementOptions {
  /** NOTIFY this channel inside the append's transaction (see AppendAnnouncer for why the store does not). */
  notifyInTransaction?: string;
}

/**
 * Appends through `db`: a pool (the adapter) or a client, possibly inside a transaction the caller
 * opened (tests use that to hold an append uncommitted). One transaction holds at most one append,
 * since positions derive from the transaction id. Inside a caller's transaction a refused append aborts
 * that transaction, so it is not diagnosed (no idempotent answer, no actual revision).
 */
export async function appendEvents(
  db: Queryable,
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
  options: AppendStatementOptions = {},
): Promise<AppendResult> {
  assertAppendable(streamId, events, expectedRevision);
  const ids = events.map((event) => normalizeEventId(event.eventId));
  const check: RevisionCheck = typeof expectedRevision === 'number' ? 'exact' : expectedRevision;
  const payload = JSON.stringify(
    events.map((event, i) => ({ event_id: ids[i], type: event.type, data: event.data, metadata: event.metadata })),
  );
  const values: unknown[] = [streamId, events.length, payload, options.notifyInTransaction ?? null];
  // $5 appears only in the exact statement, and a bound value without its placeholder is an error.
  if (check === 'exact') values.push(expectedRevision);

  let rows: { revision: string; position: string }[];
  try {
    ({ rows } = await db.query({ ...STATEMENTS[check], values }));
  } catch (error) {
    if (isUniqueViolation(error, 'events_pkey')) {
      throw new Error('one transaction can hold only one append: event positions derive from its transaction id', {
        cause: error,
      });
    }
    if (!isUniqueViolation(error, 'events_event_id_unique')) throw error;
    // Another append stored one of these ids first (a concurrent retry, or a reuse): answer as it decides.
    return answerRefusedAppend(db, streamId, ids, expectedRevision, error);
  }
  if (rows.length === 0) return answerRefusedAppend(db, streamId, ids, expectedRevision);
  return { nextExpectedRevision: Number(rows[0].revision), position: BigInt(rows[0].position) };
}

async function answerRefusedAppend(
  db: Queryable,
  streamId: string,
  ids: string[],
  expectedRevision: ExpectedRevision,
  uniqueViolation?: unknown,
): Promise<AppendResult> {
  const { rows } = await db.query<Diagnosis>({ ...DIAGNOSIS, values: [streamId, ids[0], ids] });
  const { actual, reused, original } = rows[0];
  if (reused.length === 0) {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the driver's error, rethrown as it came
    if (uniqueViolation) throw uniqueViolation;
    throw new WrongExpectedRevisionError(streamId, expectedRevision, actual === null ? 'no_stream' : Number(actual));
  }
  const sameAppend =
    original.length === ids.length &&
    original.every((event, i) => event.eventId === ids[i] && event.streamId === streamId);
  if (!sameAppend) {
    const stored = new Set(reused);
    throw new EventIdConflictError(ids.find((id) => stored.has(id)) ?? ids[0]);
  }
  const last = original[original.length - 1];
  return { nextExpectedRevision: last.revision, position: BigInt(last.position) };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return (
    (error as { code?: unknown })?.code === '23505' && (error as { constraint?: unknown }).constraint === constraint
  );
}
