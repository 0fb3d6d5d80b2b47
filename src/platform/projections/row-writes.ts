import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@gongzhi/event-store/event-store.js';
import { rows as selected, type Sql } from '../database/rows.js';
import type { Projection } from './projection.js';
import { ProjectionRegistry } from './projection-registry.js';

/**
 * A read model's table, named with the type of its rows (the interface in its module's queries/rows.ts):
 * a write to it is checked against that type, column by column.
 */
export interface Table<Row extends object> {
  readonly name: string;
  /** Never set: it only carries Row for the compiler. */
  readonly row?: Row;
}

export const table = <Row extends object>(name: string): Table<Row> => ({ name });

/**
 * A column's value as a projection writes it: what the row type reads back, and for a timestamptz (read as a
 * Date) the ISO string an event carries. Every value travels as JSON and takes the column's own type in
 * PostgreSQL (jsonb_populate_recordset): bigint as a decimal string, text[] as an array, jsonb as it is.
 */
type Written<Value> = Value extends Date ? Date | string : Value;
export type WrittenRow<Row extends object> = { [K in keyof Row]?: Written<Row[K]> };

/**
 * One write of a projection, as data: what a pure function of an event answers, and the batch applier
 * carries out (writeRows) in the batch's transaction.
 *
 * - insert: new rows; a row whose key is there already is left as it is (ON CONFLICT DO NOTHING), so a
 *   replayed event writes nothing twice.
 * - update: the columns of `set` in the rows matching every column of `where`.
 * - upsert: the row, or its `set` columns when its `key` is there already — only if `newer` (a position)
 *   is not behind the stored one, so an older event never overwrites a newer one.
 * - derive: a statement that computes its rows from rows already written (a reversal copies the entry it
 *   reverses): the one kind that is SQL, kept for what the event alone cannot say.
 */
export type RowWrite =
  | { kind: 'insert'; table: string; rows: readonly object[] }
  | { kind: 'update'; table: string; set: object; where: object }
  | { kind: 'upsert'; table: string; row: object; key: readonly string[]; newer?: string }
  | { kind: 'derive'; sql: string; params: readonly unknown[] };

export const insert = <Row extends object>(into: Table<Row>, ...rows: WrittenRow<Row>[]): RowWrite => ({
  kind: 'insert',
  table: into.name,
  rows,
});

export const update = <Row extends object>(of: Table<Row>, set: WrittenRow<Row>, where: WrittenRow<Row>): RowWrite => ({
  kind: 'update',
  table: of.name,
  set,
  where,
});

export const upsert = <Row extends object>(
  into: Table<Row>,
  row: WrittenRow<Row>,
  key: readonly (keyof Row & string)[],
  newer?: keyof Row & string,
): RowWrite => ({ kind: 'upsert', table: into.name, row, key, newer });

export const derive = (sql: string, params: readonly unknown[]): RowWrite => ({ kind: 'derive', sql, params });

const quoted = (column: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`not a column name: ${column}`);
  return column;
};

/** Every column any of the rows names, in the order first named. */
function columnsOf(rows: readonly object[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const column of Object.keys(row)) columns.add(quoted(column));
  return [...columns];
}

/**
 * Carries out a batch's writes in order. The inserts are held and written one statement per table (rows in
 * event order, the first of a key kept) until a write of another kind comes, which may read or change those
 * rows: then they are written first. So a batch costs a round trip per table, not one per event.
 */
export async function writeRows(db: Sql, writes: readonly RowWrite[]): Promise<void> {
  const pending = new Map<string, object[]>();
  const flush = async () => {
    for (const [name, rows] of pending) {
      const columns = columnsOf(rows).join(', ');
      await db.query(
        `INSERT INTO ${quoted(name)} (${columns})
         SELECT ${columns} FROM jsonb_populate_recordset(NULL::${quoted(name)}, $1::jsonb) ON CONFLICT DO NOTHING`,
        [JSON.stringify(rows)],
      );
    }
    pending.clear();
  };
  for (const write of writes) {
    if (write.kind === 'insert') {
      if (write.rows.length === 0) continue;
      const rows = pending.get(write.table) ?? [];
      rows.push(...write.rows);
      pending.set(write.table, rows);
      continue;
    }
    await flush();
    if (write.kind === 'update') await updateRows(db, write.table, write.set, write.where);
    else if (write.kind === 'upsert') await upsertRow(db, write.table, write.row, write.key, write.newer);
    else await db.query(write.sql, [...write.params]);
  }
  await flush();
}

async function updateRows(db: Sql, name: string, set: object, where: object): Promise<void> {
  const table = quoted(name);
  const assignments = columnsOf([set]).map((c) => `${c} = v.${c}`);
  const conditions = columnsOf([where]).map((c) => `t.${c} = k.${c}`);
  if (assignments.length === 0 || conditions.length === 0) throw new Error(`an update of ${name} needs set and where`);
  await db.query(
    `UPDATE ${table} AS t SET ${assignments.join(', ')}
     FROM jsonb_populate_record(NULL::${table}, $1::jsonb) AS v, jsonb_populate_record(NULL::${table}, $2::jsonb) AS k
     WHERE ${conditions.join(' AND ')}`,
    [JSON.stringify(set), JSON.stringify(where)],
  );
}

async function upsertRow(
  db: Sql,
  name: string,
  row: object,
  key: readonly string[],
  newer: string | undefined,
): Promise<void> {
  const table = quoted(name);
  const columns = columnsOf([row]);
  const keys = key.map(quoted);
  const set = columns.filter((c) => !keys.includes(c)).map((c) => `${c} = EXCLUDED.${c}`);
  await db.query(
    `INSERT INTO ${table} (${columns.join(', ')})
     SELECT ${columns.join(', ')} FROM jsonb_populate_record(NULL::${table}, $1::jsonb)
     ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${set.join(', ')}
     ${newer ? `WHERE ${table}.${quoted(newer)} <= EXCLUDED.${quoted(newer)}` : ''}`,
    [JSON.stringify(row)],
  );
}

/**
 * The rows of a table whose `key` column is one of `keys`, as its row type: how a fold reads the states
 * its batch goes on from, in one statement. `lock`: FOR UPDATE, for a state read to be written back.
 */
export async function rowsByKey<Row extends object>(
  db: Sql,
  of: Table<Row>,
  key: keyof Row & string,
  keys: readonly string[],
  lock?: 'lock',
): Promise<Row[]> {
  if (keys.length === 0) return [];
  return selected<Row>(
    db,
    `SELECT * FROM ${quoted(of.name)} WHERE ${quoted(key)} = ANY($1::text[])${lock ? ' FOR UPDATE' : ''}`,
    [keys],
  );
}

/** A key's stored state, and the position of the last event in it where its table keeps one. */
export interface Stored<State> {
  state: State;
  position?: bigint;
}

/**
 * A read model whose rows follow from an event together with what the events before it built (a request's
 * state, a community's committee view, a roster's totals). `evolve` and `rowsOf` are pure; what the fold
 * goes on from is read once per batch (`load`, through rowsByKey), the batch's events are folded in order,
 * and each key's rows are written once, after the batch's per-event writes. An event at or before a key's
 * stored position was folded in already, and is passed over.
 */
export interface FoldSpec<State> {
  /** The key of the state an event changes, or undefined for an event that changes none. */
  keyOf(event: RecordedEvent): string | undefined;
  load(db: Sql, keys: readonly string[]): Promise<Map<string, Stored<State>>>;
  /** The state of a key nothing is stored for yet. */
  initial(key: string): State;
  evolve(state: State, event: RecordedEvent): State;
  /** The writes that store a key's state, `last` the batch's last event folded into it. */
  rowsOf(key: string, state: State, last: RecordedEvent): readonly RowWrite[];
}

/** The `load` of a fold that keeps a row per key: each stored row's state, as `stateOf` reads it. */
export function storedRows<Row extends object, State>(
  from: Table<Row>,
  key: keyof Row & string,
  stateOf: (row: Row) => Stored<State>,
  lock?: 'lock',
): FoldSpec<State>['load'] {
  return async (db, keys) =>
    new Map((await rowsByKey(db, from, key, keys, lock)).map((row) => [String(row[key]), stateOf(row)]));
}

/** A fold with its State hidden: the writes of a batch's events. */
export interface Fold {
  writesOf(events: readonly RecordedEvent[], db: Sql): Promise<RowWrite[]>;
}

export function fold<State>(spec: FoldSpec<State>): Fold {
  return {
    async writesOf(events, db) {
      const keyed: { key: string; event: RecordedEvent }[] = [];
      for (const event of events) {
        const key = spec.keyOf(event);
        if (key !== undefined) keyed.push({ key, event });
      }
      if (keyed.length === 0) return [];
      const stored = await spec.load(db, [...new Set(keyed.map((k) => k.key))]);
      const folded = new Map<string, { state: State; last: RecordedEvent }>();
      for (const { key, event } of keyed) {
        const before = stored.get(key);
        if (before?.position !== undefined && event.position <= before.position) continue;
        // Not `??`: a state may be null (no body acting yet), and null is a state like any other.
        const current = folded.get(key) ?? before;
        folded.set(key, { state: spec.evolve(current ? current.state : spec.initial(key), event), last: event });
      }
      return [...folded].flatMap(([key, { state, last }]) => spec.rowsOf(key, state, last));
    },
  };
}

/**
 * A projection as typed row writes: `rowsOf`, a pure function from an event to the rows it writes, and
 * `folds`, pure functions of an event and the state before it, are all a subclass says; writeRows carries
 * them out inside the batch's transaction, with the checkpoint. It registers itself when its module starts.
 */
@Injectable()
export abstract class RowsProjection implements Projection, OnModuleInit {
  abstract readonly name: string;
  abstract readonly tables: readonly string[];
  abstract readonly eventTypes: readonly string[];
  /** The read model's states folded over the events, each written once a batch. */
  protected readonly folds: readonly Fold[] = [];

  constructor(private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** The rows an event writes by itself: none, for a projection of folds alone. */
  rowsOf(_event: RecordedEvent): readonly RowWrite[] {
    return [];
  }

  async apply(event: RecordedEvent, manager: EntityManager): Promise<void> {
    await this.applyBatch([event], manager);
  }

  /** The batch's writes at once: its inserts are one statement per table, each fold's key written once. */
  async applyBatch(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    const writes = events.flatMap((event) => this.rowsOf(event));
    for (const folded of this.folds) writes.push(...(await folded.writesOf(events, manager)));
    await writeRows(manager, writes);
  }
}
