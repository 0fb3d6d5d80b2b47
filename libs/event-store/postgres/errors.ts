import { EventStoreUnavailableError } from '../event-store.js';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

// SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections, query_canceled
// (statement_timeout: a database too slow to answer within the bound is, for the caller, not there), and
// read_only_sql_transaction (a node being demoted or promoted in a failover: the write went nowhere).
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300', '57014', '25006']);

// node-postgres reports a lost or closed connection by message only.
const CLIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  // query_timeout: the database took the query and never answered (hung, or the network dropped it).
  'Query read timeout',
  'is not queryable',
  'Cannot use a pool after calling end on the pool',
];

export function isConnectionFailure(error: unknown): boolean {
  // Duck-typed: errors from node's own modules may come from another realm (jest's VM), failing instanceof.
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08')))
    return true;
  if (typeof message === 'string' && CLIENT_MESSAGES.some((text) => message.includes(text))) return true;
  // Node tries every address of a host name and reports the failures together (AggregateError).
  return Array.isArray(errors) && errors.some(isConnectionFailure);
}

/** Connection failures become EventStoreUnavailableError (the caller may retry); anything else passes through. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof EventStoreUnavailableError || !isConnectionFailure(error)) return error;
  const { message, code } = error as { message?: unknown; code?: unknown };
  const reason = typeof message === 'string' && message ? message : String(code);
  return new EventStoreUnavailableError(`PostgreSQL event store unavailable: ${reason}`, { cause: error });
}

export async function mapConnectionFailures<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toStoreError(error);
  }
}
