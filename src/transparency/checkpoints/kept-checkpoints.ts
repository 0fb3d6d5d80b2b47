import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  DataSource,
  type EntitySubscriberInterface,
  type EntityManager,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { ServerKeys } from '../../platform/keys/server-keys.js';
import type { StoredCheckpoint } from '../log.repository.js';

export interface KeptCheckpoint {
  communityId: string;
  treeSize: number;
  rootHash: string;
  timestamp: string;
  signature: string;
}

const SAFE_ID = /^[0-9A-Za-z_-]{1,100}$/;

/**
 * The latest checkpoint this server signed for each community, kept beside the keys
 * (`<key folder>/checkpoints/<communityId>.json`), outside the database. The database's own
 * log_checkpoints can be deleted by whoever can write it; this copy cannot, so the signer checks every
 * new root against it: a history edited in the database, its checkpoints removed and the log rebuilt,
 * gives a root at the kept size that differs, and is never signed.
 *
 * A checkpoint is kept once its transaction commits (a rolled-back one was never published), so the
 * file may lag the database after a crash, never lead it.
 */
@Injectable()
export class KeptCheckpoints implements OnModuleInit, EntitySubscriberInterface {
  private readonly log = new Logger('Checkpoints');
  private readonly pending = new WeakMap<QueryRunner, Map<string, KeptCheckpoint>>();
  /** Read once per community per process (each batch asks); another process's newer file only makes this one lag, which is safe. */
  private readonly cache = new Map<string, KeptCheckpoint | null>();

  constructor(
    private readonly keys: ServerKeys,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  /** Where a community's kept checkpoint lives. */
  fileOf(communityId: string): string {
    if (!SAFE_ID.test(communityId)) throw new Error(`community id ${JSON.stringify(communityId)} cannot name a file`);
    return `checkpoints/${communityId}.json`;
  }

  latest(communityId: string): KeptCheckpoint | null {
    if (!this.cache.has(communityId)) this.cache.set(communityId, this.read(communityId));
    return this.cache.get(communityId)!;
  }

  private read(communityId: string): KeptCheckpoint | null {
    const text = this.keys.folder.read(this.fileOf(communityId));
    if (text === null) return null;
    const kept = JSON.parse(text) as KeptCheckpoint;
    if (kept.communityId !== communityId || !Number.isInteger(kept.treeSize) || typeof kept.rootHash !== 'string') {
      throw new Error(
        `${this.keys.folder.file(this.fileOf(communityId))} is not a checkpoint of community ${communityId}`,
      );
    }
    return kept;
  }

  /** Keeps `signed` once the transaction of `db` commits. */
  keepOnCommit(db: EntityManager, signed: StoredCheckpoint): void {
    const { communityId, treeSize, rootHash, timestamp, signature } = signed;
    const kept = { communityId, treeSize, rootHash, timestamp, signature };
    const runner = db.queryRunner;
    if (!runner?.isTransactionActive) {
      this.keep(kept);
      return;
    }
    const mine = this.pending.get(runner) ?? new Map<string, KeptCheckpoint>();
    mine.set(communityId, kept);
    this.pending.set(runner, mine);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // Also called when a savepoint is released: only the outer commit makes the checkpoint public.
    if (event.queryRunner.isTransactionActive) return;
    const mine = this.pending.get(event.queryRunner);
    if (!mine) return;
    this.pending.delete(event.queryRunner);
    for (const kept of mine.values()) this.keep(kept);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.pending.delete(event.queryRunner);
  }

  private keep(kept: KeptCheckpoint): void {
    try {
      // Two processes sharing the folder may finish out of order: never replace a larger checkpoint.
      const current = this.read(kept.communityId);
      if (current && current.treeSize >= kept.treeSize) {
        this.cache.set(kept.communityId, current);
        return;
      }
      this.keys.folder.replace(this.fileOf(kept.communityId), JSON.stringify(kept));
      this.cache.set(kept.communityId, kept);
    } catch (error) {
      // The checkpoint is committed and published; only the extra check on later roots lags behind.
      this.log.error(
        `could not keep the checkpoint of community ${kept.communityId} at ${kept.treeSize} leaves in the key folder: ${(error as Error).message}`,
      );
    }
  }
}
