import pg from 'pg';
import type { SpecBody } from '../../support/test-server.js';

/**
 * Tables a refused request may legitimately touch, or that change on their own: everything else in
 * the database is a read model or identity data, and a 4xx must leave it exactly as it was.
 */
const NOT_READ_MODELS: Record<string, string> = {
  events: 'compared on its own, by count and head',
  streams: 'moves with events',
  idempotency_records: 'a refusal with an Idempotency-Key is recorded so that a retry gets the same refusal (API.md)',
  log_checkpoints: 'signed on a timer (GONGZHI_CHECKPOINT_SECONDS), not by requests',
  log_heads: 'marked signed by the same timer',
  projection_checkpoint: 'the projection runner’s bookkeeping',
  settings: 'server bookkeeping (keys no longer: they live in the key folder)',
  migrations: 'schema history',
};

export interface StoreState {
  events: number;
  head: string;
  /** A digest of every read-model and identity table, row by row. */
  readModels: string;
}

/** Looks into the server's database from outside, to tell whether a request wrote anything. */
export class StoreProbe {
  private constructor(
    private readonly client: pg.Client,
    readonly tables: string[],
    private readonly stateQuery: string,
  ) {}

  static async open(databaseUrl: string): Promise<StoreProbe> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const tables = rows.map((r) => r.name).filter((name) => !(name in NOT_READ_MODELS));
    // A sum of row hashes: any changed, added or removed row moves it, and no sort is needed.
    const digests = tables.map(
      (t) => `(SELECT count(*) || ':' || coalesce(sum(hashtextextended(x::text, 0)), 0) FROM "${t}" x)`,
    );
    const query = `SELECT (SELECT count(*) FROM events)::int AS events, (SELECT coalesce(max(position), 0) FROM events)::text AS head,
                          md5(concat_ws('|', ${digests.join(', ')})) AS read_models`;
    return new StoreProbe(client, tables, query);
  }

  async state(): Promise<StoreState> {
    const { rows } = await this.client.query<{ events: number; head: string; read_models: string }>(this.stateQuery);
    return { events: rows[0].events, head: rows[0].head, readModels: rows[0].read_models };
  }

  /** The event store alone: count and head. */
  async events(): Promise<{ events: number; head: string }> {
    const { rows } = await this.client.query<{ events: number; head: string }>(
      'SELECT count(*)::int AS events, coalesce(max(position), 0)::text AS head FROM events',
    );
    return rows[0];
  }

  /** Row counts of every table, events included: "the tables are intact". */
  async rowCounts(): Promise<Record<string, number>> {
    const names = ['events', 'streams', ...this.tables];
    const { rows } = await this.client.query<Record<string, number>>(
      `SELECT ${names.map((t) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(', ')}`,
    );
    return rows[0];
  }

  /** The `data` of the newest events, as the store holds them. */
  async latestEventData(count: number): Promise<unknown[]> {
    const { rows } = await this.client.query<{ data: unknown }>(
      'SELECT data FROM events ORDER BY position DESC LIMIT $1',
      [count],
    );
    return rows.map((r) => r.data);
  }

  /** Any query: a spec's rows are SpecBody unless it names their type, as support code does. */
  query<T extends pg.QueryResultRow = SpecBody>(text: string, values?: unknown[]) {
    return this.client.query<T>(text, values);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
