import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../../libs/domain/shared/domain-error.js';
import type { RecordedEvent } from '../../../libs/event-store/event-store.js';
import { eventLeafHash } from '../../../libs/ledger-log/event-leaf.js';
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

  async apply(event: RecordedEvent, db: EntityManager): Promise<void> {
    const communityId = event.metadata?.communityId;
    if (!communityId) return;
    const head = await this.repository.lockHeadForAppend(db, communityId, event.eventId);
    if (head.leafOfEvent !== null) return; // applied before: one event, one leaf
    const leafHash = eventLeafHash(event);
    const { leafIndex, root, due } = await this.logs.forWriter(db, head, (log) => {
      const leafIndex = log.append(leafHash);
      const size = leafIndex + 1;
      const due: CheckpointCandidate | null =
        size - head.latestSignedSize >= this.config.checkpointEvery
          ? { communityId, treeSize: size, rootHash: log.root(size), proof: log.consistencyProof(head.latestSignedSize, size) }
          : null;
      return { leafIndex, root: head.signedRootAtNext === null ? null : log.root(size), due };
    });
    if (head.signedRootAtNext !== null && root !== head.signedRootAtNext) {
      throw new DomainError(
        'LOG_DIVERGED',
        `replaying the events of community ${communityId} gives root ${root} at ${leafIndex + 1} leaves, but the signed checkpoint says ${head.signedRootAtNext}: ` +
          `the events changed since they were signed (event ${event.eventId}, ${event.streamId} revision ${event.revision} is the last leaf of that tree)`,
        'conflict',
      );
    }
    const unsigned = leafIndex + 1 > head.latestSignedSize;
    await this.repository.appendLeaf(
      db,
      { communityId, leafIndex, eventId: event.eventId, streamId: event.streamId, revision: event.revision, position: event.position, leafHash },
      unsigned,
    );
    if (due) {
      await this.ledger.append(db, due);
      await this.repository.markSigned(db, communityId);
    }
  }
}
