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
