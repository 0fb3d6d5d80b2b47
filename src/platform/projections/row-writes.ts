import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../../../libs/event-store/event-store.js';
import type { Sql } from '../database/rows.js';
import type { Projection } from './projection.js';

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
 * A projection as typed row writes: `rowsOf`, a pure function from an event to the rows it writes, is all a
 * subclass says; writeRows carries them out inside the batch's transaction, with the checkpoint. For a read
 * model whose rows follow from the event alone (one that must read its own state first is a Projection
 * with its own apply: the registry's totals, a request's fold).
 */
export abstract class RowsProjection implements Projection {
  abstract readonly name: string;
  abstract readonly tables: readonly string[];
  abstract readonly eventTypes: readonly string[];

  abstract rowsOf(event: RecordedEvent): readonly RowWrite[];

  async apply(event: RecordedEvent, manager: EntityManager): Promise<void> {
    await writeRows(manager, this.rowsOf(event));
  }

  /** The batch's writes at once: its inserts are one statement per table. */
  async applyBatch(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    await writeRows(
      manager,
      events.flatMap((event) => this.rowsOf(event)),
    );
  }
}
