import pg from 'pg';
import { ChosenNode } from './chosen-node.js';
import { type DatabaseHost, databaseHosts } from './database-hosts.js';

/** What a connection to PostgreSQL is made from: a one-host URL, and the client class that makes it. */
export interface DatabaseTarget {
  /** For node-postgres and TypeORM, which read one host only; with several, the first (the client picks). */
  url: string;
  Client: typeof pg.Client;
  /** The hosts listed, in order; one for a plain URL. */
  hosts: DatabaseHost[];
}

/** No listed host accepts writes: all down, or all standbys (a failover under way). A connection failure (class 08). */
export class NoWritableNodeError extends Error {
  readonly code = '08001';
}

/**
 * Host selection at connect time, for a DATABASE_URL that lists several hosts (a primary and its
 * standbys under pg_auto_failover or Patroni): libpq's `target_session_attrs=read-write`, which
 * node-postgres lacks. Each new session tries the node that last accepted writes; with none known it
 * asks every host in the listed order for `pg_is_in_recovery()` and keeps the first that answers false.
 * A session that loses its connection forgets the node, so after a failover the pools' next sessions
 * look again and find the promoted standby. Every session checks its own node once connected, so a
 * node demoted since it was chosen is never written to.
 */
class WritableNode extends ChosenNode {
  protected async search(config: pg.ClientConfig): Promise<DatabaseHost> {
    const answers: string[] = [];
    for (const host of this.hosts) {
      try {
        if (!(await this.ask(config, host, REFUSES_WRITES))) return host;
        answers.push(`${host.host}:${host.port} refuses writes`);
      } catch (error) {
        answers.push(`${host.host}:${host.port}: ${(error as Error).message}`);
      }
    }
    throw new NoWritableNodeError(`no listed PostgreSQL accepts writes (${answers.join('; ')})`);
  }

  /** A node chosen as writable may have been demoted since: each session asks its own once connected. */
  protected override async confirm(session: pg.Client, host: DatabaseHost): Promise<void> {
    const { rows } = await session.query<{ answer: boolean }>(REFUSES_WRITES);
    if (rows[0].answer) throw new NoWritableNodeError(`${host.host}:${host.port} refuses writes now`);
  }
}

/**
 * libpq's read-write test and more: a standby is in recovery, and a node in the middle of a failover may be
 * out of recovery yet read-only (pg_auto_failover keeps a promoted standby so until the old primary is
 * surely demoted).
 */
const REFUSES_WRITES = "SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on' AS answer";
/** SQLSTATE read_only_sql_transaction: the node this session is on stopped accepting writes. */
const READ_ONLY = '25006';

function clientOf(node: WritableNode): typeof pg.Client {
  return class WritableNodeClient extends node.client() {
    constructor(config: pg.ClientConfig = {}) {
      super(config);
      // A session whose node turned read-only under it is ended, so its pool drops it and the next
      // session looks for the writable node again.
      const query = this.query.bind(this) as (...args: unknown[]) => unknown;
      this.query = ((...args: unknown[]) => {
        const result = query(...args);
        if (result instanceof Promise)
          result.catch((error: { code?: string }) => {
            if (error?.code !== READ_ONLY) return;
            if (this.chosen) node.lost(this.chosen);
            void this.end().catch(() => {});
          });
        return result;
      }) as typeof this.query;
    }
  };
}

const targets = new Map<string, DatabaseTarget>();

/**
 * The target for a DATABASE_URL, one per URL in the process so that every pool and session shares what
 * was learnt about which node is writable. A URL with one host gets node-postgres' own client, unchanged.
 */
export function databaseTarget(databaseUrl: string): DatabaseTarget {
  let target = targets.get(databaseUrl);
  if (!target) {
    const { hosts, urlFor } = databaseHosts(databaseUrl);
    target =
      hosts.length > 1
        ? { url: urlFor(hosts[0]), Client: clientOf(new WritableNode(hosts, urlFor)), hosts }
        : { url: databaseUrl, Client: pg.Client, hosts };
    targets.set(databaseUrl, target);
  }
  return target;
}
