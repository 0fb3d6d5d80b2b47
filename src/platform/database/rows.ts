/**
 * Typed results of raw SQL. TypeORM's `query` answers `any`: every read model's rows go through these
 * instead, so a row's shape is declared once (an interface per table, in its module's queries/rows.ts) and
 * the compiler checks every use of a column.
 *
 * The type is a promise about the SELECT's columns, not a check at run time: name the columns (or `*` of
 * the table the interface describes), and cast in SQL what pg would otherwise turn into another type
 * (`::text` for sums of fen, `::int` for counts).
 */

import { DataSource } from 'typeorm';
import { routedReads } from './read-scope.js';
import type { Sql } from './sql.js';

export type { Sql } from './sql.js';

/**
 * Every row of a SELECT. A read on the server's DataSource during a public GET goes to the public-reads pool
 * when one is configured (GONGZHI_PUBLIC_READS=standby: public-reads.ts, read-scope.ts); a transaction's
 * EntityManager is never rerouted.
 */
export async function rows<T extends object>(db: Sql, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const on = db instanceof DataSource ? (routedReads() ?? db) : db;
  return (await on.query(sql, [...params])) as T[];
}

/** The first row of a SELECT, or undefined when there is none. */
export async function firstRow<T extends object>(
  db: Sql,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T | undefined> {
  const [first] = await rows<T>(db, sql, params);
  return first;
}

/** The first row of a SELECT that always answers one (an aggregate without GROUP BY). */
export async function oneRow<T extends object>(db: Sql, sql: string, params: readonly unknown[] = []): Promise<T> {
  const first = await firstRow<T>(db, sql, params);
  if (!first) throw new Error(`expected a row from: ${sql.slice(0, 80)}`);
  return first;
}

/**
 * The RETURNING rows of an UPDATE or DELETE: TypeORM answers those as [rows, affected count] (an INSERT's
 * RETURNING comes as the rows alone: read it with `rows`).
 */
export async function returning<T extends object>(db: Sql, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const [changed] = (await db.query(sql, [...params])) as [T[], number];
  return changed;
}

/** How many rows an UPDATE or DELETE changed. */
export async function affected(db: Sql, sql: string, params: readonly unknown[] = []): Promise<number> {
  const [, count] = (await db.query(sql, [...params])) as [unknown[], number];
  return Number(count);
}
