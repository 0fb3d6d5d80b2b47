import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MerkleLog } from '@gongzhi/ledger-log/merkle-log.js';
import { KeyedQueue } from '../platform/event-sourcing/keyed-queue.js';
import { type LogHead, LogRepository } from './log.repository.js';

/**
 * One MerkleLog per community in memory, loaded lazily from log_leaves, so a proof costs hashes, not a
 * scan. The database is the truth: before every use the cached log is checked against the head the
 * caller read (size and last leaf hash) and extended, cut back or reloaded to match. That covers a batch
 * that appended in memory and then rolled back, leaves written by another process, and a rebuild.
 * Work on one community's log runs one task at a time, so no check interleaves with an append.
 */
@Injectable()
export class CommunityLogs {
  private readonly logs = new Map<string, MerkleLog>();
  private readonly queue = new KeyedQueue();

  constructor(private readonly repository: LogRepository) {}

  /**
   * For a writer holding the head's row lock: `work` gets a log of exactly head.treeSize leaves and
   * may append to it (the appends are in memory only; the caller writes them in its transaction).
   */
  forWriter<T>(db: EntityManager, head: LogHead, work: (log: MerkleLog) => T): Promise<T> {
    return this.queue.run(head.communityId, async () => work(await this.synced(db, head, true)));
  }

  /**
   * For a reader: `work` gets a log whose first head.treeSize leaves are the committed ones. It may hold
   * more (a batch in flight), so ask it for sizes up to head.treeSize only.
   */
  forReader<T>(head: LogHead, work: (log: MerkleLog) => T): Promise<T> {
    return this.queue.run(head.communityId, async () => work(await this.synced(this.repository.manager, head, false)));
  }

  private async synced(db: EntityManager, head: LogHead, exact: boolean): Promise<MerkleLog> {
    const cached = this.logs.get(head.communityId);
    let log = cached ? await this.reconcile(db, cached, head, exact) : null;
    if (!log) log = await this.load(db, head);
    this.logs.set(head.communityId, log);
    return log;
  }

  /** The cached log brought in line with `head`, or null when it cannot be and must be reloaded. */
  private async reconcile(db: EntityManager, log: MerkleLog, head: LogHead, exact: boolean): Promise<MerkleLog | null> {
    const size = head.treeSize;
    if (log.size >= size) {
      if (size > 0 && log.leafHash(size - 1) !== head.lastLeafHash) return null;
      if (!exact || log.size === size) return log;
      // Leaves of a batch that rolled back: keep the committed prefix.
      return MerkleLog.from(Array.from({ length: size }, (_, i) => log.leafHash(i)));
    }
    const from = Math.max(0, log.size - 1);
    let first = true;
    for await (const page of this.repository.leafHashes(db, head.communityId, from, size)) {
      for (const hash of page) {
        if (first && log.size > 0) {
          if (hash !== log.leafHash(log.size - 1)) return null;
        } else {
          log.append(hash);
        }
        first = false;
      }
    }
    return log.size === size && (size === 0 || log.leafHash(size - 1) === head.lastLeafHash) ? log : null;
  }

  private async load(db: EntityManager, head: LogHead): Promise<MerkleLog> {
    const log = new MerkleLog();
    for await (const page of this.repository.leafHashes(db, head.communityId, 0, head.treeSize))
      for (const hash of page) log.append(hash);
    if (log.size !== head.treeSize || (log.size > 0 && log.leafHash(log.size - 1) !== head.lastLeafHash)) {
      throw new Error(
        `log_leaves of community ${head.communityId} disagree with its head (size ${head.treeSize}); rebuild the projections`,
      );
    }
    return log;
  }
}
