import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SignedCheckpoint } from '@gongzhi/ledger-log/checkpoint.js';
import { firstRow, oneRow, rows, type Sql } from '../platform/database/rows.js';
import type {
  CheckpointTableRow,
  CosignatureTableRow,
  HeadForAppendRow,
  HeadTableRow,
  LeafTableRow,
} from './log-rows.js';

/** How far a community's log has grown, as committed (or as seen inside the caller's transaction). */
export interface LogHead {
  communityId: string;
  treeSize: number;
  lastLeafHash: string | null;
}

/** What a batch of appends needs to know, read under the head's row lock in one round trip. */
export interface HeadForAppend extends LogHead {
  /** Those of the batch's events that are leaves already. */
  logged: ReadonlySet<string>;
  /** Signed roots at the sizes the batch will reach (a replay after a rebuild meets them again). */
  signedRoots: ReadonlyMap<number, string>;
  /** The largest signed tree size, 0 when nothing is signed yet. */
  latestSignedSize: number;
}

export interface LeafRow {
  communityId: string;
  leafIndex: number;
  eventId: string;
  streamId: string;
  revision: number;
  position: bigint;
  leafHash: string;
}

export interface StoredCheckpoint extends SignedCheckpoint {
  keyFingerprint: string;
  /** RFC 6962 consistency proof from the checkpoint before this one (empty for the first). */
  consistencyProof: string[];
  /** The C2SP checkpoint origin line; null for checkpoints signed before notes existed. */
  origin: string | null;
  /** The C2SP signed note as the log signed it (no cosignature); null as for origin. */
  note: string | null;
}

/** A witness's cosignature of one checkpoint (c2sp.org/tlog-cosignature). */
export interface StoredCosignature {
  communityId: string;
  treeSize: number;
  /** The witness's vkey as configured in GONGZHI_WITNESSES. */
  witnessVkey: string;
  witnessName: string;
  /** POSIX seconds, as the cosignature carries it. */
  cosignedAt: number;
  /** "— <name> <base64>", no newline. */
  line: string;
}

const LEAF_PAGE = 50_000;

/** The SQL of the transparency log, and nothing else: the rules live in the callers. */
@Injectable()
export class LogRepository {
  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Locks the community's head row (creating it empty on first use) for the rest of the transaction, and
   * reads which of `eventIds` are leaves already and the signed roots up to `count` leaves further.
   *
   * Two statements, not one: a statement that waits for the row lock reads the row as the lock holder
   * committed it, but its subqueries keep the snapshot taken before the wait (READ COMMITTED). Read in
   * one, a checkpoint the lock holder (the checkpoint scheduler) had just signed would be missing from
   * `latestSignedSize`, and the batch would build its next checkpoint's proof from the one before it.
   */
  async lockHeadForAppend(db: EntityManager, communityId: string, eventIds: readonly string[]): Promise<HeadForAppend> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const head = await firstRow<Pick<HeadForAppendRow, 'tree_size' | 'last_leaf_hash'>>(
        db,
        'SELECT tree_size, last_leaf_hash FROM log_heads WHERE community_id = $1 FOR UPDATE',
        [communityId],
      );
      if (head) {
        const row = await oneRow<Omit<HeadForAppendRow, 'tree_size' | 'last_leaf_hash'>>(
          db,
          `SELECT (SELECT coalesce(array_agg(event_id::text), '{}') FROM log_leaves WHERE event_id = ANY($2::uuid[])) AS logged,
                  (SELECT coalesce(jsonb_object_agg(tree_size, root_hash), '{}') FROM log_checkpoints
                    WHERE community_id = $1 AND tree_size > $3 AND tree_size <= $3 + $4) AS signed_roots,
                  (SELECT max(tree_size) FROM log_checkpoints WHERE community_id = $1) AS latest_signed_size`,
          [communityId, eventIds, head.tree_size, eventIds.length],
        );
        return {
          communityId,
          treeSize: Number(head.tree_size),
          lastLeafHash: head.last_leaf_hash,
          logged: new Set<string>(row.logged),
          signedRoots: new Map(Object.entries(row.signed_roots).map(([size, root]) => [Number(size), root])),
          latestSignedSize: row.latest_signed_size === null ? 0 : Number(row.latest_signed_size),
        };
      }
      await db.query('INSERT INTO log_heads (community_id, tree_size) VALUES ($1, 0) ON CONFLICT DO NOTHING', [
        communityId,
      ]);
    }
    throw new Error(`the log head of community ${communityId} could not be created`);
  }

  /** Locks an existing head row; null when the community has no leaf yet. */
  async lockHead(db: EntityManager, communityId: string): Promise<(LogHead & { unsigned: boolean }) | null> {
    const row = await firstRow<HeadTableRow>(
      db,
      'SELECT tree_size, last_leaf_hash, first_unsigned_at FROM log_heads WHERE community_id = $1 FOR UPDATE',
      [communityId],
    );
    return row
      ? {
          communityId,
          treeSize: Number(row.tree_size),
          lastLeafHash: row.last_leaf_hash,
          unsigned: row.first_unsigned_at !== null,
        }
      : null;
  }

  async head(communityId: string, db: Sql = this.dataSource): Promise<LogHead> {
    const row = await firstRow<Pick<HeadTableRow, 'tree_size' | 'last_leaf_hash'>>(
      db,
      'SELECT tree_size, last_leaf_hash FROM log_heads WHERE community_id = $1',
      [communityId],
    );
    return { communityId, treeSize: row ? Number(row.tree_size) : 0, lastLeafHash: row?.last_leaf_hash ?? null };
  }

  /**
   * Adds the leaves (in leaf order) and moves the head past the last. `unsigned`: the last leaf is under no
   * checkpoint, which starts the clock of GONGZHI_CHECKPOINT_SECONDS unless it runs already; `signed`: a
   * checkpoint was signed among them, so any clock restarts from now.
   */
  async appendLeaves(
    db: EntityManager,
    communityId: string,
    leaves: readonly LeafRow[],
    state: { unsigned: boolean; signed: boolean },
  ): Promise<void> {
    const last = leaves[leaves.length - 1];
    await db.query(
      `WITH leaf AS (
         INSERT INTO log_leaves (community_id, leaf_index, event_id, stream_id, revision, position, leaf_hash)
         SELECT $1, * FROM unnest($2::bigint[], $3::uuid[], $4::text[], $5::bigint[], $6::bigint[], $7::text[])
       )
       UPDATE log_heads SET tree_size = $8, last_leaf_hash = $9,
              first_unsigned_at = CASE WHEN $10 THEN (CASE WHEN $11 THEN now() ELSE NULL END)
                                       WHEN $11 THEN COALESCE(first_unsigned_at, now()) ELSE first_unsigned_at END
       WHERE community_id = $1`,
      [
        communityId,
        leaves.map((l) => l.leafIndex),
        leaves.map((l) => l.eventId),
        leaves.map((l) => l.streamId),
        leaves.map((l) => l.revision),
        leaves.map((l) => l.position.toString()),
        leaves.map((l) => l.leafHash),
        last.leafIndex + 1,
        last.leafHash,
        state.signed,
        state.unsigned,
      ],
    );
  }

  async markSigned(db: EntityManager, communityId: string): Promise<void> {
    await db.query('UPDATE log_heads SET first_unsigned_at = NULL WHERE community_id = $1', [communityId]);
  }

  /** Communities whose oldest unsigned leaf has waited at least `seconds`. */
  async dueForCheckpoint(seconds: number): Promise<string[]> {
    const due = await rows<Pick<HeadTableRow, 'community_id'>>(
      this.manager,
      `SELECT community_id FROM log_heads WHERE first_unsigned_at <= now() - make_interval(secs => $1) ORDER BY first_unsigned_at`,
      [seconds],
    );
    return due.map((r) => r.community_id);
  }

  /** Leaf hashes [from, to) in pages, in leaf order. */
  async *leafHashes(db: EntityManager, communityId: string, from: number, to: number): AsyncIterable<string[]> {
    for (let start = from; start < to; start += LEAF_PAGE) {
      const page = await rows<Pick<LeafTableRow, 'leaf_hash'>>(
        db,
        'SELECT leaf_hash FROM log_leaves WHERE community_id = $1 AND leaf_index >= $2 AND leaf_index < $3 ORDER BY leaf_index',
        [communityId, start, Math.min(start + LEAF_PAGE, to)],
      );
      yield page.map((r) => r.leaf_hash);
    }
  }

  async leafOfEvent(communityId: string, eventId: string): Promise<LeafRow | null> {
    const row = await firstRow<LeafTableRow>(
      this.dataSource,
      'SELECT * FROM log_leaves WHERE community_id = $1 AND event_id = $2',
      [communityId, eventId],
    );
    return row ? toLeaf(row) : null;
  }

  /** Leaves with index in [from, to), at most `limit`, in leaf order. */
  async leaves(communityId: string, from: number, to: number, limit: number): Promise<LeafRow[]> {
    const found = await rows<LeafTableRow>(
      this.dataSource,
      'SELECT * FROM log_leaves WHERE community_id = $1 AND leaf_index >= $2 AND leaf_index < $3 ORDER BY leaf_index LIMIT $4',
      [communityId, from, to, limit],
    );
    return found.map(toLeaf);
  }

  async latestCheckpoint(communityId: string, db: Sql = this.dataSource): Promise<StoredCheckpoint | null> {
    const row = await firstRow<CheckpointTableRow>(
      db,
      'SELECT * FROM log_checkpoints WHERE community_id = $1 ORDER BY tree_size DESC LIMIT 1',
      [communityId],
    );
    return row ? toCheckpoint(row) : null;
  }

  async checkpointAt(communityId: string, treeSize: number): Promise<StoredCheckpoint | null> {
    const row = await firstRow<CheckpointTableRow>(
      this.dataSource,
      'SELECT * FROM log_checkpoints WHERE community_id = $1 AND tree_size = $2',
      [communityId, treeSize],
    );
    return row ? toCheckpoint(row) : null;
  }

  /** Checkpoints with tree size in (afterSize, upToSize], at most `limit`, smallest first. */
  async checkpoints(
    communityId: string,
    afterSize: number,
    upToSize: number,
    limit: number,
  ): Promise<StoredCheckpoint[]> {
    const found = await rows<CheckpointTableRow>(
      this.dataSource,
      'SELECT * FROM log_checkpoints WHERE community_id = $1 AND tree_size > $2 AND tree_size <= $3 ORDER BY tree_size LIMIT $4',
      [communityId, afterSize, upToSize, limit],
    );
    return found.map(toCheckpoint);
  }

  async insertCheckpoint(db: EntityManager, checkpoint: StoredCheckpoint): Promise<void> {
    await db.query(
      `INSERT INTO log_checkpoints (community_id, tree_size, root_hash, signed_at, signature, key_fingerprint, consistency_proof, origin, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        checkpoint.communityId,
        checkpoint.treeSize,
        checkpoint.rootHash,
        checkpoint.timestamp,
        checkpoint.signature,
        checkpoint.keyFingerprint,
        JSON.stringify(checkpoint.consistencyProof),
        checkpoint.origin,
        checkpoint.note,
      ],
    );
  }

  /** Cosignatures of the community's checkpoints with tree size in [fromSize, toSize], by size then witness. */
  async cosignatures(communityId: string, fromSize: number, toSize: number): Promise<StoredCosignature[]> {
    const found = await rows<CosignatureTableRow>(
      this.dataSource,
      'SELECT * FROM log_cosignatures WHERE community_id = $1 AND tree_size >= $2 AND tree_size <= $3 ORDER BY tree_size, received_at, witness_vkey',
      [communityId, fromSize, toSize],
    );
    return found.map(toCosignature);
  }

  /** A cosignature already kept for that checkpoint and witness is left as it is. */
  async insertCosignature(c: StoredCosignature): Promise<void> {
    await this.manager.query(
      `INSERT INTO log_cosignatures (community_id, tree_size, witness_vkey, witness_name, cosigned_at, line)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [c.communityId, c.treeSize, c.witnessVkey, c.witnessName, c.cosignedAt, c.line],
    );
  }

  /**
   * For one witness: each community whose latest noted checkpoint that witness has not cosigned, with that
   * checkpoint and the largest size the witness did cosign (0 when none).
   */
  async awaitingCosignature(
    witnessVkey: string,
    limit: number,
  ): Promise<{ checkpoint: StoredCheckpoint; lastCosignedSize: number }[]> {
    const found = await rows<CheckpointTableRow & { last_cosigned_size: string | number }>(
      this.dataSource,
      `SELECT c.*, coalesce((SELECT max(tree_size) FROM log_cosignatures s WHERE s.witness_vkey = $1 AND s.community_id = c.community_id), 0) AS last_cosigned_size
       FROM (SELECT DISTINCT ON (community_id) * FROM log_checkpoints ORDER BY community_id, tree_size DESC) c
       WHERE c.note IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM log_cosignatures s WHERE s.witness_vkey = $1 AND s.community_id = c.community_id AND s.tree_size = c.tree_size)
       LIMIT $2`,
      [witnessVkey, limit],
    );
    return found.map((row) => ({
      checkpoint: toCheckpoint(row),
      lastCosignedSize: Number(row.last_cosigned_size),
    }));
  }
}

function toCosignature(row: CosignatureTableRow): StoredCosignature {
  return {
    communityId: row.community_id,
    treeSize: Number(row.tree_size),
    witnessVkey: row.witness_vkey,
    witnessName: row.witness_name,
    cosignedAt: Number(row.cosigned_at),
    line: row.line,
  };
}

function toLeaf(row: LeafTableRow): LeafRow {
  return {
    communityId: row.community_id,
    leafIndex: Number(row.leaf_index),
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: BigInt(row.position),
    leafHash: row.leaf_hash,
  };
}

function toCheckpoint(row: CheckpointTableRow): StoredCheckpoint {
  return {
    communityId: row.community_id,
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    timestamp: row.signed_at,
    signature: row.signature,
    keyFingerprint: row.key_fingerprint,
    consistencyProof: row.consistency_proof,
    origin: row.origin ?? null,
    note: row.note ?? null,
  };
}
