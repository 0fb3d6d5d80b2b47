import { Injectable } from '@nestjs/common';
import { conflict, invalid, notFound } from '@gongzhi/domain/shared/domain-error.js';
import { LogNoteKey } from '../checkpoints/log-note-key.js';
import { type PublishedCheckpoint, publishCheckpoint } from '../checkpoints/published-checkpoint.js';
import { SigningKey } from '../checkpoints/signing-key.js';
import { CommunityLogs } from '../community-logs.js';
import { type LogHead, LogRepository, type StoredCheckpoint } from '../log.repository.js';

/** What anyone may ask of the log: the key, the signed checkpoints, and proofs against them. */
@Injectable()
export class LogQueries {
  constructor(
    private readonly repository: LogRepository,
    private readonly logs: CommunityLogs,
    private readonly key: SigningKey,
    private readonly noteKey: LogNoteKey,
  ) {}

  publicKey() {
    return { ...this.key.publicKey, vkey: this.noteKey.vkey };
  }

  async latestCheckpoint(communityId: string): Promise<PublishedCheckpoint> {
    const latest = await this.requireLatest(communityId);
    return publishCheckpoint(latest, await this.repository.cosignatures(communityId, latest.treeSize, latest.treeSize));
  }

  /** Every checkpoint, smallest first: a client checks each against the next with a consistency proof. */
  async checkpoints(communityId: string): Promise<PublishedCheckpoint[]> {
    const out: PublishedCheckpoint[] = [];
    for (let after = 0; ;) {
      const page = await this.repository.checkpoints(communityId, after, Number.MAX_SAFE_INTEGER, 1000);
      const cosignatures = page.length
        ? await this.repository.cosignatures(communityId, page[0].treeSize, page[page.length - 1].treeSize)
        : [];
      out.push(...page.map((c) => publishCheckpoint(c, cosignatures)));
      if (page.length < 1000) return out;
      after = page[page.length - 1].treeSize;
    }
  }

  /** The RFC 6962 audit path of an event's leaf in the tree of `treeSize` leaves (default: the latest checkpoint's). */
  async inclusion(communityId: string, eventId: string, treeSize?: number) {
    const leaf = await this.repository.leafOfEvent(communityId, eventId);
    if (!leaf)
      throw notFound(
        'EVENT_NOT_IN_LOG',
        `the log of community ${communityId} has no leaf for event ${eventId} (yet); retry with ?after=<position> from the receipt`,
      );
    const size = treeSize ?? (await this.requireLatest(communityId)).treeSize;
    if (leaf.leafIndex >= size) {
      throw conflict(
        'EVENT_NOT_IN_TREE',
        `event ${eventId} is leaf ${leaf.leafIndex}, outside the tree of ${size} leaves; ask again once a checkpoint covers it`,
        { leafIndex: leaf.leafIndex, treeSize: size },
      );
    }
    const head = await this.headCovering(communityId, size);
    const { rootHash, auditPath } = await this.logs.forReader(head, (log) => ({
      rootHash: log.root(size),
      auditPath: log.inclusionProof(leaf.leafIndex, size),
    }));
    const checkpoint = await this.repository.checkpointAt(communityId, size);
    const cosignatures = checkpoint ? await this.repository.cosignatures(communityId, size, size) : [];
    return {
      communityId,
      eventId,
      streamId: leaf.streamId,
      revision: leaf.revision,
      leafIndex: leaf.leafIndex,
      leafHash: leaf.leafHash,
      treeSize: size,
      rootHash,
      auditPath,
      checkpoint: checkpoint ? publishCheckpoint(checkpoint, cosignatures) : null,
    };
  }

  /** The RFC 6962 proof that the tree of `first` leaves is a prefix of the tree of `second` (default: the latest checkpoint's). */
  async consistency(communityId: string, first: number, second?: number) {
    const to = second ?? (await this.requireLatest(communityId)).treeSize;
    if (first > to) throw invalid('TREE_SIZE_OUT_OF_RANGE', `first (${first}) must not exceed second (${to})`);
    const head = await this.headCovering(communityId, to);
    const answer = await this.logs.forReader(head, (log) => ({
      firstRoot: log.root(first),
      secondRoot: log.root(to),
      proof: log.consistencyProof(first, to),
    }));
    return { communityId, first, second: to, ...answer };
  }

  private async requireLatest(communityId: string): Promise<StoredCheckpoint> {
    const latest = await this.repository.latestCheckpoint(communityId);
    if (!latest) throw notFound('CHECKPOINT_NOT_FOUND', `community ${communityId} has no signed checkpoint yet`);
    return latest;
  }

  private async headCovering(communityId: string, treeSize: number): Promise<LogHead> {
    const head = await this.repository.head(communityId);
    if (treeSize > head.treeSize) {
      throw invalid(
        'TREE_SIZE_OUT_OF_RANGE',
        `the log of community ${communityId} has ${head.treeSize} leaves; there is no tree of ${treeSize}`,
      );
    }
    return head;
  }
}
