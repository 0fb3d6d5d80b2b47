import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { NewEvent } from '@gongzhi/event-store/event-store.js';
import { PostgresEventStore } from '@gongzhi/event-store/postgres/postgres-event-store.js';
import { installEventStoreSchema } from '@gongzhi/event-store/postgres/schema.js';
import { figure, type Figure } from './support/report.js';
import { interleaved, type Throughput } from './support/measure.js';

const WRITERS = 32;
const BATCH = 16;
/** Each side runs ROUNDS slices of SLICE seconds, taking turns. */
const ROUNDS = Number(process.env.BENCH_APPEND_ROUNDS ?? 6);
const SLICE = 1;

/** A ballot as the server records it: the typical event, about 450 bytes of JSON. */
function ballotEvent(writer: number, n: number): NewEvent {
  const commandId = randomUUID();
  return {
    eventId: randomUUID(),
    type: 'BallotCast',
    data: {
      ownerId: `O${String(writer).padStart(5, '0')}`,
      voterIds: [`O${String(writer).padStart(5, '0')}+O${String(n % 100000).padStart(5, '0')}`],
      choice: 'FOR',
      channel: 'ONLINE',
      castBy: randomUUID(),
      proxyOwnerId: null,
      evidenceSha256: null,
      castAt: '2026-01-12T20:41:07.123Z',
    },
    metadata: {
      communityId: '0b5e6f4e-4f7a-4c55-9d3a-3f1e0f6d2a11',
      actor: { id: randomUUID(), role: 'owner' },
      commandId,
      correlationId: commandId,
      causationId: commandId,
      occurredAt: '2026-01-12T20:41:07.123Z',
    },
  };
}

/**
 * Figure 1: appends through the PostgreSQL adapter, one stream per writer with the expected revision
 * checked (as the command path appends), single events and batches of BATCH, against raw `pg`
 * single-row INSERTs of the same JSON text. Both sides: 32 connections, 32 concurrent writers, every
 * statement its own committed transaction, fsync on.
 */
export async function appendsBench(databaseUrl: string): Promise<Figure[]> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: WRITERS });
  try {
    await installEventStoreSchema(pool);
    await pool.query(
      `CREATE TABLE raw_inserts (id bigserial PRIMARY KEY, stream_id text NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL)`,
    );
    // Connections opened before the clock starts, on both sides.
    await Promise.all(Array.from({ length: WRITERS }, () => pool.query('SELECT 1')));

    const store = new PostgresEventStore(pool);
    const revisions = {
      single: new Array<number | null>(WRITERS).fill(null),
      batch: new Array<number | null>(WRITERS).fill(null),
    };
    const append = async (kind: 'single' | 'batch', writer: number, size: number) => {
      const events = Array.from({ length: size }, (_, i) => ballotEvent(writer, i));
      const expected = revisions[kind][writer];
      const result = await store.append(`${kind}-${writer}`, events, {
        expectedRevision: expected === null ? 'no_stream' : expected,
      });
      revisions[kind][writer] = result.nextExpectedRevision;
      return size;
    };
    const { raw, single, batched } = await interleaved(ROUNDS, SLICE, WRITERS, {
      raw: async (writer) => {
        const event = ballotEvent(writer, 0);
        await pool.query({
          name: 'raw_insert',
          text: 'INSERT INTO raw_inserts (stream_id, type, data, metadata) VALUES ($1, $2, $3::jsonb, $4::jsonb)',
          values: [`raw-${writer}`, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)],
        });
        return 1;
      },
      single: (writer) => append('single', writer, 1),
      batched: (writer) => append('batch', writer, BATCH),
    });
    await store.close();

    const baseline = { name: 'raw pg INSERT, one row per transaction', value: raw.perSecond };
    const goal = { ratio: 0.5, direction: 'at least', source: 'issue 8' } as const;
    const latency = (r: { p50ms: number; p99ms: number }) =>
      `p50 ${r.p50ms.toFixed(1)} ms, p99 ${r.p99ms.toFixed(1)} ms`;
    const details = (r: Throughput) => ({
      writers: WRITERS,
      seconds: r.seconds,
      events: r.units,
      appends: r.operations,
      p50ms: r.p50ms,
      p99ms: r.p99ms,
    });
    return [
      figure({
        id: '1a',
        name: `event appends, single events, ${WRITERS} writers`,
        value: single.perSecond,
        unit: 'events/s',
        baseline,
        goal,
        notes: { measured: latency(single), baseline: latency(raw) },
        details: { single: details(single), raw: details(raw) },
      }),
      figure({
        id: '1b',
        name: `event appends, batches of ${BATCH}, ${WRITERS} writers`,
        value: batched.perSecond,
        unit: 'events/s',
        baseline,
        goal,
        notes: { measured: latency(batched), baseline: latency(raw) },
        details: { batched: { ...details(batched), eventsPerAppend: BATCH }, raw: details(raw) },
      }),
    ];
  } finally {
    await pool.end();
  }
}
