import pg from 'pg';
import type { DatabaseTimeouts } from '../config/app-config.js';
import { ChosenNode } from './chosen-node.js';
import { type DatabaseHost, databaseHosts } from './database-hosts.js';
import { readsTo } from './read-scope.js';
import type { Sql } from './sql.js';
import { poolOptions } from './session-options.js';

/** How the public-reads pool names its sessions, so an operator (and a test) sees them in pg_stat_activity. */
export const PUBLIC_READS_APPLICATION = 'gongzhi-public-reads';

/**
 * Which node a public read goes to: libpq's `target_session_attrs=prefer-standby`, which node-postgres lacks.
 * A new session asks each listed host, in order, whether it is in recovery and takes the first standby; with
 * no standby up (one host listed, the standby down, a failover under way) it takes the first host that
 * answers, so a public page is served from the primary rather than not at all. A session that loses its
 * connection forgets the node, and the next one looks again.
 */
class ReadingNode extends ChosenNode {
  protected async search(config: pg.ClientConfig): Promise<DatabaseHost> {
    let reachable: DatabaseHost | null = null;
    for (const host of this.hosts) {
      try {
        if (await this.ask(config, host, 'SELECT pg_is_in_recovery() AS answer')) return host;
        reachable ??= host;
      } catch {
        // Down or unreachable: the next host is asked.
      }
    }
    if (reachable) return reachable;
    // As a failed connect: the request is a 503 (SERVICE_UNAVAILABLE), as when the primary is down.
    throw Object.assign(new Error('no listed PostgreSQL answers for public reads'), { code: '08001' });
  }
}

/**
 * Public read pages on a standby (GONGZHI_PUBLIC_READS=standby): a pool of its own over DATABASE_URL's hosts
 * that prefers a standby. What a resident or a visitor reads without signing in (the ledgers, the votes'
 * results, the log) then takes nothing from the primary, which keeps its sessions for writes, the committee's
 * desk and the projections. A standby replays the primary's WAL a moment behind it: `?after=` waits for the
 * standby's own read models too (read-after.ts), so a read after a write still shows it.
 */
export class PublicReads {
  private constructor(private readonly pool: pg.Pool | null) {}

  static off(): PublicReads {
    return new PublicReads(null);
  }

  static on(databaseUrl: string, timeouts: DatabaseTimeouts): PublicReads {
    const { hosts, urlFor } = databaseHosts(databaseUrl);
    const node = new ReadingNode(hosts, urlFor);
    const pool = new pg.Pool({
      connectionString: hosts.length ? urlFor(hosts[0]) : databaseUrl,
      Client: hosts.length ? node.client() : pg.Client,
      application_name: PUBLIC_READS_APPLICATION,
      max: 8,
      ...poolOptions(timeouts),
    });
    // An idle session's node gone (the standby stopped, a failover): the pool drops it, and an 'error' with no
    // listener would end the process.
    pool.on('error', () => {});
    return new PublicReads(pool);
  }

  get enabled(): boolean {
    return this.pool !== null;
  }

  /** Sends the reads of the request being served to the public-reads pool. */
  route(): void {
    if (this.pool) readsTo(this.sql);
  }

  /** Sends them back to the primary: the standby has not caught up with what the reader must see. */
  unroute(): void {
    readsTo(undefined);
  }

  readonly sql: Sql = {
    query: async (text: string, params?: unknown[]): Promise<unknown> =>
      (await this.pool!.query<object>(text, params)).rows,
  };

  async onModuleDestroy(): Promise<void> {
    await this.pool?.end();
  }
}
