import pg from 'pg';
import { RUNNER_LOCK_KEY } from '../../../src/platform/projections/projection-runner.js';
import type { SpecBody } from '../../support/test-server.js';

export interface StoredBallot {
  eventId: string;
  position: bigint;
  ownerId: string;
  choice: string;
  late: boolean;
}

/**
 * Reads the database under the server directly: the event store as the truth a fault test checks
 * the server's answers and read models against, and the runner's lock and checkpoint.
 */
export class StoreProbe {
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // The database may be stopped on purpose under the probe: a dropped idle connection is no failure.
    this.pool.on('error', () => {});
  }

  /** Every ballot event of a stream, in the global order. */
  async ballots(streamId: string): Promise<StoredBallot[]> {
    const { rows } = await this.pool.query<{
      event_id: string;
      position: string;
      owner_id: string;
      choice: string;
      type: string;
    }>(
      `SELECT event_id::text, position::text, data->>'ownerId' AS owner_id, data->>'choice' AS choice, type
       FROM events WHERE stream_id = $1 AND type IN ('BallotCast', 'LateBallotRecorded') ORDER BY events.position`,
      [streamId],
    );
    return rows.map((r) => ({
      eventId: r.event_id,
      position: BigInt(r.position),
      ownerId: r.owner_id,
      choice: r.choice,
      late: r.type === 'LateBallotRecorded',
    }));
  }

  /** When each Idempotency-Key was first used (its window), by "account id\nkey". */
  idempotencyWindows = async (keys: { accountId: string; key: string }[]): Promise<Map<string, Date>> => {
    const { rows } = await this.pool.query<{ account_id: string; key: string; first_used_at: Date }>(
      'SELECT account_id::text, key, first_used_at FROM idempotency_records WHERE key = ANY($1::text[]) AND first_used_at IS NOT NULL',
      [keys.map((k) => k.key)],
    );
    return new Map(rows.map((r) => [`${r.account_id}\n${r.key}`, r.first_used_at]));
  };

  /** The transparency log's leaf hash of each event (its projection), to hold receipts against. */
  async leafHashes(eventIds: string[]): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ event_id: string; leaf_hash: string }>(
      'SELECT event_id::text, leaf_hash FROM log_leaves WHERE event_id = ANY($1::uuid[])',
      [eventIds],
    );
    return new Map(rows.map((r) => [r.event_id, r.leaf_hash]));
  }

  /** How many events lie at or below a position (all of them without one): a checkpoint in events. */
  async eventCount(upTo?: bigint): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM events WHERE $1::bigint IS NULL OR position <= $1::bigint',
      [upTo?.toString() ?? null],
    );
    return rows[0].n;
  }

  /** The last position written; with no append in flight, what the read models must reach. */
  async head(): Promise<bigint> {
    const { rows } = await this.pool.query<{ head: string }>(
      'SELECT coalesce(max(position), 0)::text AS head FROM events',
    );
    return BigInt(rows[0].head);
  }

  async checkpoint(): Promise<bigint> {
    const { rows } = await this.pool.query<{ position: string }>(
      `SELECT position::text FROM projection_checkpoint WHERE id = 'main'`,
    );
    return rows.length ? BigInt(rows[0].position) : 0n;
  }

  /** The sessions holding the projection runner's advisory lock: one while a runner runs. */
  async runnerLockHolders(): Promise<number[]> {
    const { rows } = await this.pool.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = $1
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [RUNNER_LOCK_KEY],
    );
    return rows.map((r) => r.pid);
  }

  /** Ends a server session as an administrator (or a failover) would. */
  async terminate(pid: number): Promise<void> {
    await this.pool.query('SELECT pg_terminate_backend($1)', [pid]);
  }

  /**
   * Every table but the checkpoint (which records when it moved) and the migrations: its row count and
   * a digest of its rows in a fixed order, leaving out the columns `ignoring` names (clock readings).
   * Two snapshots are equal when the tables hold the same rows.
   */
  async snapshot(ignoring: Record<string, string[]> = {}): Promise<Map<string, { rows: number; digest: string }>> {
    const { rows: tables } = await this.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
         AND table_name NOT IN ('projection_checkpoint', 'migrations') ORDER BY table_name`,
    );
    const snapshot = new Map<string, { rows: number; digest: string }>();
    for (const { table_name: table } of tables) {
      const { rows } = await this.pool.query<{ n: number; digest: string }>(
        `SELECT count(*)::int AS n, coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '') AS digest FROM (SELECT (to_jsonb(t) - $1::text[])::text AS r FROM "${table}" t) rows`,
        [ignoring[table] ?? []],
      );
      snapshot.set(table, { rows: rows[0].n, digest: rows[0].digest });
    }
    return snapshot;
  }

  /**
   * A transaction that has locked the projection checkpoint row and not yet committed: a batch being
   * applied (BatchApplier reads the checkpoint FOR UPDATE first and moves it last). Its backend pid, or null.
   */
  async batchInFlight(): Promise<{ pid: number; openMs: number } | null> {
    const { rows } = await this.pool.query<{ pid: number; open_ms: number }>(
      `SELECT a.pid, (extract(epoch FROM clock_timestamp() - a.xact_start) * 1000)::int AS open_ms
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'relation' AND l.relation = 'projection_checkpoint'::regclass AND l.mode = 'RowShareLock' AND l.granted
         AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL
       LIMIT 1`,
    );
    return rows.length ? { pid: rows[0].pid, openMs: rows[0].open_ms } : null;
  }

  /** Whether a server backend is still there (PostgreSQL notices a killed client's socket and rolls back). */
  async backendAlive(pid: number): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
    return rows.length > 0;
  }

  /** Any query: a spec's rows are SpecBody unless it names their type, as support code does. */
  query<R extends pg.QueryResultRow = SpecBody>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(text, values);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
