import { describe, expect, it } from '@jest/globals';
import { derive, insert, table, update, upsert, writeRows } from './row-writes.js';

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
