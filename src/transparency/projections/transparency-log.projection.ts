import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@gongzhi/domain/shared/domain-error.js';
import type { RecordedEvent } from '@gongzhi/event-store/event-store.js';
import { eventLeafHash } from '@gongzhi/ledger-log/event-leaf.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config.js';
import type { Projection } from '../../platform/projections/projection.js';
import { ProjectionRegistry } from '../../platform/projections/projection-registry.js';
import { CheckpointLedger, type CheckpointCandidate } from '../checkpoints/checkpoint-ledger.js';
import { CommunityLogs } from '../community-logs.js';
import { LOG_EVENT_TYPES } from '../log-event-types.js';
import { LogRepository } from '../log.repository.js';

/**
 * Each community's events, in the global order, as the leaves of an RFC 6962 log; every
 * GONGZHI_CHECKPOINT_EVERY leaves a signed checkpoint in the same transaction (the timer in
 * CheckpointScheduler signs the rest). Checkpoints outlive a rebuild, so a replay meets them again:
 * at each signed size the replayed leaves must give the signed root, or the rebuild stops.
 */
@Injectable()
export class TransparencyLogProjection implements Projection, OnModuleInit {
  readonly name = 'transparency-log';
  readonly tables = ['log_leaves', 'log_heads'];
  readonly eventTypes = LOG_EVENT_TYPES;

  constructor(
    private readonly registry: ProjectionRegistry,
    private readonly repository: LogRepository,
    private readonly logs: CommunityLogs,
    private readonly ledger: CheckpointLedger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  /**
   * Leaf hashes worked out ahead (prepare), by the very RecordedEvent objects the batch will hold: the
   * same function over the same object, so the same hash as the live path. Weak: a batch that is never
   * applied (a failed rebuild) leaves nothing behind.
   */
  private readonly hashed = new WeakMap<RecordedEvent, string>();

  /**
   * A rebuild reads the next batch while this one is written: its leaf hashes (canonical JSON and
   * SHA-256, the CPU of this projection) are made then, while PostgreSQL works on the writes.
   */
  prepare(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      if (!event.metadata?.communityId) continue;
      try {
        this.hashed.set(event, eventLeafHash(event));
      } catch {
        // An event the log cannot hash fails in applyBatch, which names it and its community.
      }
    }
  }

  private leafHash(event: RecordedEvent): string {
    const hash = this.hashed.get(event);
    if (hash === undefined) return eventLeafHash(event);
    this.hashed.delete(event);
    return hash;
  }

  apply(event: RecordedEvent, db: EntityManager): Promise<void> {
    return this.applyBatch([event], db);
  }

  /** A batch takes each community's head lock once and writes its leaves in one statement. */
  async applyBatch(events: readonly RecordedEvent[], db: EntityManager): Promise<void> {
    const byCommunity = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      const communityId = event.metadata?.communityId;
      if (!communityId) continue;
      const mine = byCommunity.get(communityId);
      if (mine) mine.push(event);
      else byCommunity.set(communityId, [event]);
    }
    for (const [communityId, mine] of byCommunity) await this.appendAll(communityId, mine, db);
  }

  private async appendAll(communityId: string, events: readonly RecordedEvent[], db: EntityManager): Promise<void> {
    const head = await this.repository.lockHeadForAppend(
      db,
      communityId,
      events.map((e) => e.eventId),
    );
    const fresh = events.filter((e) => !head.logged.has(e.eventId)); // applied before: one event, one leaf
    if (fresh.length === 0) return;
    const hashes = fresh.map((event) => this.leafHash(event));
    // The checkpoint kept outside the database counts as signed too: deleting log_checkpoints does not unsign it.
    const kept = this.ledger.keptRoot(communityId);
    const signedRoots =
      kept && !head.signedRoots.has(kept.treeSize)
        ? new Map([...head.signedRoots, [kept.treeSize, kept.rootHash]])
        : head.signedRoots;
    const { due, diverged } = await this.logs.forWriter(db, head, (log) => {
      const due: CheckpointCandidate[] = [];
      let signedSize = head.latestSignedSize;
      for (const [i, leafHash] of hashes.entries()) {
        const size = log.append(leafHash) + 1;
        const signedRoot = signedRoots.get(size);
        if (signedRoot !== undefined && log.root(size) !== signedRoot)
          return { due, diverged: { index: i, size, root: log.root(size), signedRoot } };
        if (size - signedSize >= this.config.checkpointEvery) {
          due.push(this.ledger.candidate(communityId, log, signedSize, size));
          signedSize = size;
        }
      }
      return { due, diverged: null };
    });
    if (diverged) {
      const event = fresh[diverged.index];
      throw new DomainError(
        'LOG_DIVERGED',
        `replaying the events of community ${communityId} gives root ${diverged.root} at ${diverged.size} leaves, but the signed checkpoint ` +
          `${head.signedRoots.has(diverged.size) ? '' : '(kept outside the database, in the key folder) '}says ${diverged.signedRoot}: ` +
          `the events changed since they were signed (event ${event.eventId}, ${event.streamId} revision ${event.revision} is the last leaf of that tree)`,
        'conflict',
      );
    }
    const leaves = fresh.map((event, i) => ({
      communityId,
      leafIndex: head.treeSize + i,
      eventId: event.eventId,
      streamId: event.streamId,
      revision: event.revision,
      position: event.position,
      leafHash: hashes[i],
    }));
    const signedSize = Math.max(head.latestSignedSize, ...due.map((c) => c.treeSize));
    await this.repository.appendLeaves(db, communityId, leaves, {
      unsigned: head.treeSize + leaves.length > signedSize,
      signed: due.length > 0,
    });
    for (const candidate of due) await this.ledger.append(db, candidate);
  }
}
