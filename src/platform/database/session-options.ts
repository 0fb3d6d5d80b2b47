import type pg from 'pg';
import type { DatabaseTimeouts } from '../config/app-config.js';

/**
 * The bounds every PostgreSQL session of the server runs under, for a pg.Pool, a pg.Client or TypeORM's
 * `extra`: one place, so no pool or client is left able to wait forever on a database that hangs.
 */
export function sessionOptions(timeouts: DatabaseTimeouts): pg.ClientConfig & pg.PoolConfig {
  return {
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.queryMs,
    connectionTimeoutMillis: timeouts.connectMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: timeouts.keepAliveInitialDelayMs,
  };
}

/**
 * sessionOptions for a pool, and one thing more. A connection the database ends while its client is
 * checked out between two queries (a restart, a failover, an administrator's termination) emits 'error'
 * on the client, and pg-pool listens only while a client is idle: unheard, that error ends the process —
 * the server died this way once in about forty PostgreSQL restarts of the outage fault test. So every
 * pooled client listens from the moment it connects. Nothing is lost by it: the client is marked
 * unusable, a query on it fails as a connection failure (a 503), and the pool discards it on release.
 */
export function poolOptions(timeouts: DatabaseTimeouts): pg.PoolConfig {
  return {
    ...sessionOptions(timeouts),
    onConnect: (client) => {
      client.on('error', () => {});
    },
  };
}
