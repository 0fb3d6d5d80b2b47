import type pg from 'pg';
import type { EventMetadata, ReadStreamOptions, RecordedEvent } from '../event-store.js';
import type { NormalizedFilter } from '../shared/filter.js';
import type { Page } from '../shared/polling-subscription.js';
import { POSITIONS_PER_TRANSACTION } from './append.js';

type Queryable = Pick<pg.ClientBase, 'query'>;

interface EventRow {
  position: string;
  event_id: string;
  stream_id: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
}

const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';
const MAX_BIGINT = '9223372036854775807';

const toRecorded = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  streamId: row.stream_id,
  revision: Number(row.revision),
  position: BigInt(row.position),
  recordedAt: row.recorded_at,
});

// A stream is read by revision, with no visibility rule: appends to one stream commit in revision order,
// because each waits for the row lock on the stream that the one before held.
const READ_STREAM_FORWARDS = {
  name: 'gongzhi_read_stream_forwards',
  text: `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
};
const READ_STREAM_BACKWARDS = {
  name: 'gongzhi_read_stream_backwards',
  text: `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`,
};

export async function readStream(
  db: Queryable,
  streamId: string,
  options: ReadStreamOptions,
): Promise<RecordedEvent[]> {
  const backwards = options.direction === 'backwards';
  const from = options.fromRevision ?? (backwards ? MAX_BIGINT : 0);
  const { rows } = await db.query<EventRow>({
    ...(backwards ? READ_STREAM_BACKWARDS : READ_STREAM_FORWARDS),
    values: [streamId, from, options.maxCount ?? null],
  });
  return rows.map(toRecorded);
}

/*
 * The global order. A position is derived from the transaction id, which PostgreSQL hands out when a
 * transaction first writes, not when it commits: a transaction can take id 100, stay open, and commit
 * after the one with id 101. A reader that saw 101's events and checkpointed its position would skip
 * 100's events for ever (the bug of ordering by a plain bigserial).
 *
 * So readers see only events of transactions with an id below the xmin of the current snapshot. Every
 * transaction below xmin has finished, committed or not, and any transaction that commits later has an
 * id at or above xmin, so its events land above everything a reader has been shown. A late commit is
 * delayed until it is visible, never skipped. Transaction ids and xmin are server-wide: any transaction
 * holding an id, in any database of the server, holds readers back until it ends (see Page.pending).
 *
 * `position < xmin * 2^20` says the same as `transaction_id < xmin` (an append holds fewer than 2^20
 * events) and bounds the scan of the primary key.
 */
const HORIZON = `SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin`;
const VISIBLE = `transaction_id < horizon.xmin AND position < horizon.xmin::text::bigint * ${POSITIONS_PER_TRANSACTION}`;

const READ_ALL_PAGE = {
  name: 'gongzhi_read_all_page',
  text: `
WITH horizon AS (${HORIZON})
SELECT horizon.xmin::text AS horizon_xid,
       EXISTS (SELECT 1 FROM events WHERE position >= horizon.xmin::text::bigint * ${POSITIONS_PER_TRANSACTION}) AS pending,
       e.*
FROM horizon
LEFT JOIN LATERAL (
  SELECT ${COLUMNS} FROM events
  WHERE position > $1 AND ${VISIBLE}
    AND ($2::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($2::text[]) AS p(prefix) WHERE starts_with(stream_id, p.prefix)))
    AND ($3::text[] IS NULL OR type = ANY($3::text[]))
  ORDER BY position
  LIMIT $4
) e ON true
ORDER BY e.position`,
};

/** Events after `after` in the global order; also how far the read is final (see Page.scannedTo). */
export async function readAllPage(
  db: Queryable,
  after: bigint,
  maxCount: number | null,
  filter: NormalizedFilter,
): Promise<Page> {
  const { rows } = await db.query<EventRow & { horizon_xid: string; pending: boolean }>({
    ...READ_ALL_PAGE,
    values: [after.toString(), filter.streamPrefixes ?? null, filter.eventTypes ?? null, maxCount],
  });
  const events = rows.filter((row) => row.position !== null).map(toRecorded);
  const full = maxCount !== null && events.length > 0 && events.length >= maxCount;
  const horizonEnd = BigInt(rows[0].horizon_xid) * POSITIONS_PER_TRANSACTION - 1n;
  const scannedTo = full ? events[events.length - 1].position : horizonEnd > after ? horizonEnd : after;
  return { events, scannedTo, pending: rows[0].pending };
}

const HEAD_POSITION = {
  name: 'gongzhi_head_position',
  text: `WITH horizon AS (${HORIZON}) SELECT coalesce(max(position), 0) AS head FROM events, horizon WHERE ${VISIBLE}`,
};

export async function headPosition(db: Queryable): Promise<bigint> {
  const { rows } = await db.query<{ head: string }>(HEAD_POSITION);
  return BigInt(rows[0].head);
}
