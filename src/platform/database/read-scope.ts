import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { Sql } from './sql.js';

/** Where the reads of the request being served go: the public-reads pool, or (unset) the server's DataSource. */
interface ReadScope {
  sql?: Sql;
}

const scope = new AsyncLocalStorage<ReadScope>();

/**
 * Express middleware: each request runs in a read scope of its own, which an interceptor that knows the route
 * (read-after.ts) fills. A scope set there would not reach the handler: Nest subscribes to the handler outside
 * the interceptor's own async context, so the scope is made here, around the whole request, and filled later.
 */
export function readScopes() {
  return (_request: Request, _response: Response, next: NextFunction) => scope.run({}, next);
}

/** The pool the request being served reads its read models from, when it was routed to one; else undefined. */
export function routedReads(): Sql | undefined {
  return scope.getStore()?.sql;
}

/** Routes the request being served (undefined: back to the server's DataSource). */
export function readsTo(sql: Sql | undefined): void {
  const current = scope.getStore();
  if (current) current.sql = sql;
}
