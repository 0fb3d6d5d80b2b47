import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@gongzhi/event-store/event-store.js';
import { derive, fold, insert, storedRows, table, update, upsert, writeRows } from './row-writes.js';

interface ThingRow {
  thing_id: string;
  name: string;
  position: string;
  seen_at: Date | null;
}
interface PartRow {
  thing_id: string;
  part: string;
}
const THINGS = table<ThingRow>('things');
const PARTS = table<PartRow>('parts');

/** The statements writeRows sends, in order, with their parameters. */
async function statementsOf(writes: Parameters<typeof writeRows>[1]) {
  const sent: { sql: string; params: unknown[] }[] = [];
  await writeRows(
    { query: async (sql, params = []) => void sent.push({ sql: sql.replace(/\s+/g, ' '), params }) },
    writes,
  );
  return sent;
}

describe('writeRows', () => {
  it('writes the inserts of a batch as one statement per table, rows in order, until another kind of write', async () => {
    const sent = await statementsOf([
      insert(THINGS, { thing_id: 't1', name: 'a', position: '1' }),
      insert(PARTS, { thing_id: 't1', part: 'x' }),
      insert(THINGS, { thing_id: 't2', name: 'b', position: '2', seen_at: '2026-01-01T00:00:00.000Z' }),
      update(THINGS, { name: 'c' }, { thing_id: 't1' }),
      insert(PARTS, { thing_id: 't2', part: 'y' }),
    ]);
    expect(sent.map((s) => s.sql.split(' ').slice(0, 3).join(' '))).toEqual([
      'INSERT INTO things',
      'INSERT INTO parts',
      'UPDATE things AS',
      'INSERT INTO parts',
    ]);
    expect(sent[0].sql).toContain('INSERT INTO things (thing_id, name, position, seen_at)');
    expect(sent[0].sql).toContain('ON CONFLICT DO NOTHING');
    expect(JSON.parse(sent[0].params[0] as string)).toEqual([
      { thing_id: 't1', name: 'a', position: '1' },
      { thing_id: 't2', name: 'b', position: '2', seen_at: '2026-01-01T00:00:00.000Z' },
    ]);
    expect(sent[2].sql).toContain('SET name = v.name');
    expect(sent[2].sql).toContain('WHERE t.thing_id = k.thing_id');
    expect(sent[2].params.map((p) => JSON.parse(p as string))).toEqual([{ name: 'c' }, { thing_id: 't1' }]);
  });

  it('upserts only over an older position, and runs a derived statement after the pending inserts', async () => {
    const sent = await statementsOf([
      insert(PARTS, { thing_id: 't1', part: 'x' }),
      derive('INSERT INTO parts SELECT $1, part FROM parts WHERE thing_id = $2', ['t9', 't1']),
      upsert(THINGS, { thing_id: 't1', name: 'a', position: '5' }, ['thing_id'], 'position'),
    ]);
    expect(sent[0].sql).toContain('INSERT INTO parts (thing_id, part)');
    expect(sent[1]).toEqual({
      sql: 'INSERT INTO parts SELECT $1, part FROM parts WHERE thing_id = $2',
      params: ['t9', 't1'],
    });
    expect(sent[2].sql).toContain(
      'ON CONFLICT (thing_id) DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position WHERE things.position <= EXCLUDED.position',
    );
  });

  it('sends nothing for no rows, and refuses a column name that is not one', async () => {
    expect(await statementsOf([insert(PARTS)])).toEqual([]);
    await expect(
      statementsOf([update(THINGS, { name: 'c' }, { ['x; DROP TABLE things' as 'name']: 'a' })]),
    ).rejects.toThrow('not a column name');
  });
});

/** A hand-made event of a thing: its key in the stream id, a name to add, at a position. */
const event = (thing: string, name: string, position: number) =>
  ({
    streamId: `thing-${thing}`,
    type: 'Named',
    data: { name },
    position: BigInt(position),
  }) as unknown as RecordedEvent;

describe('fold', () => {
  /** Names folded per thing, stored in THINGS with the position reached; t1 is stored at position 5. */
  const names = fold<string>({
    keyOf: (e) => (e.streamId.startsWith('thing-') ? e.streamId.slice('thing-'.length) : undefined),
    load: storedRows(THINGS, 'thing_id', (row) => ({ state: row.name, position: BigInt(row.position) }), 'lock'),
    initial: () => '',
    evolve: (state, e) => state + (e.data as { name: string }).name,
    rowsOf: (thing, state, last) => [
      upsert(THINGS, { thing_id: thing, name: state, position: last.position.toString() }, ['thing_id']),
    ],
  });
  const stored = { query: async () => [{ thing_id: 't1', name: 'ab', position: '5', seen_at: null }] };

  it('reads the states of the batch in one statement, folds in order, and writes each key once', async () => {
    const read: { sql: string; params: unknown[] }[] = [];
    const writes = await names.writesOf(
      [event('t2', 'x', 6), event('t1', 'c', 7), { ...event('t9', 'z', 8), streamId: 'other-t9' }, event('t2', 'y', 9)],
      {
        query: async (sql, params = []) => {
          read.push({ sql: sql.replace(/\s+/g, ' '), params });
          return stored.query();
        },
      },
    );
    expect(read).toEqual([
      { sql: 'SELECT * FROM things WHERE thing_id = ANY($1::text[]) FOR UPDATE', params: [['t2', 't1']] },
    ]);
    expect(writes).toEqual([
      upsert(THINGS, { thing_id: 't2', name: 'xy', position: '9' }, ['thing_id']),
      upsert(THINGS, { thing_id: 't1', name: 'abc', position: '7' }, ['thing_id']),
    ]);
  });

  it('passes over an event at or before the stored position, and reads nothing for a batch it has no key in', async () => {
    expect(await names.writesOf([event('t1', 'a', 4), event('t1', 'b', 5)], stored)).toEqual([]);
    expect(
      await names.writesOf([{ ...event('t1', 'a', 9), streamId: 'other-t1' }], {
        query: () => Promise.reject(new Error('read')),
      }),
    ).toEqual([]);
  });
});
