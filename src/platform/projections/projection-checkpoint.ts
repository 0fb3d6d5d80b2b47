import type { EntityManager } from 'typeorm';
import { rows, type Sql } from '../database/rows.js';

/** One checkpoint for all projections: the position of the last event applied. */
export const CHECKPOINT_TABLE = 'projection_checkpoint';

export async function readCheckpoint(
  manager: Sql,
  lock: '' | 'FOR UPDATE' | 'FOR UPDATE NOWAIT' = '',
): Promise<bigint> {
  const found = await rows<{ position: string }>(
    manager,
    `SELECT position FROM ${CHECKPOINT_TABLE} WHERE id = 'main' ${lock}`,
  );
  return found.length ? BigInt(found[0].position) : 0n;
}

export async function writeCheckpoint(manager: EntityManager, position: bigint): Promise<void> {
  await manager.query(
    `INSERT INTO ${CHECKPOINT_TABLE} (id, position, updated_at) VALUES ('main', $1, now())
     ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
    [position.toString()],
  );
}
