import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@gongzhi/event-store/event-store.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config.js';
import { EVENT_STORE } from '../../platform/event-sourcing/event-sourcing.service.js';
import { CheckpointScheduler } from '../checkpoints/checkpoint-scheduler.js';
import { LogNoteKey } from '../checkpoints/log-note-key.js';
import { publishCheckpoint } from '../checkpoints/published-checkpoint.js';
import { SigningKey } from '../checkpoints/signing-key.js';
import { type LeafRow, LogRepository } from '../log.repository.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type BundleCheckpoint,
  type BundleEvent,
  type BundleLine,
  type BundleMissingEvent,
} from './bundle-format.js';

/**
 * Produces a community's export bundle line by line, a page of leaves at a time (GONGZHI_EXPORT_PAGE_SIZE),
 * so memory stays flat however long the log is; the caller writes each line before asking for the next. The events come through the EventStore port, looked up by the stream and
 * revision each leaf recorded: whatever the store holds now is what the verifier gets to judge.
 * The export stops at a signed size: it first signs the log at its current size when leaves are unsigned
 * (the same path as the checkpoint timer), then stops at the latest checkpoint, so a fresh export is
 * covered by a signature to its last event and leaves appended meanwhile cannot tear it.
 */
@Injectable()
export class BundleExporter {
  constructor(
    private readonly repository: LogRepository,
    private readonly key: SigningKey,
    private readonly scheduler: CheckpointScheduler,
    private readonly noteKey: LogNoteKey,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async *lines(communityId: string, exportedAt: Date): AsyncIterable<BundleLine> {
    const page = this.config.exportPageSize;
    await this.scheduler.signLatest(communityId);
    const treeSize = (await this.repository.latestCheckpoint(communityId))?.treeSize ?? 0;
    const { publicKey, fingerprint } = this.key.publicKey;
    yield {
      record: 'header',
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      communityId,
      publicKey,
      keyFingerprint: fingerprint,
      vkey: this.noteKey.vkey,
      origin: this.noteKey.originOf(communityId),
      treeSize,
      exportedAt: exportedAt.toISOString(),
    };
    let events = 0;
    for (let from = 0; from < treeSize;) {
      const leaves = await this.repository.leaves(communityId, from, treeSize, page);
      if (leaves.length === 0) break;
      const stored = await this.eventsOf(leaves);
      for (const leaf of leaves) {
        yield toLine(leaf, stored.get(leaf.eventId));
        events++;
      }
      from = leaves[leaves.length - 1].leafIndex + 1;
    }
    let checkpoints = 0;
    for (let after = 0; ;) {
      const signed = await this.repository.checkpoints(communityId, after, treeSize, page);
      const cosignatures = signed.length
        ? await this.repository.cosignatures(communityId, signed[0].treeSize, signed[signed.length - 1].treeSize)
        : [];
      for (const c of signed) {
        const { keyFingerprint, consistencyProof } = c;
        const line: BundleCheckpoint = {
          record: 'checkpoint',
          ...publishCheckpoint(c, cosignatures),
          keyFingerprint,
          consistencyProof,
        };
        yield line;
        checkpoints++;
      }
      if (signed.length < page) break;
      after = signed[signed.length - 1].treeSize;
    }
    yield { record: 'end', events, checkpoints };
  }

  /** The stored events of a page of leaves, by event id: one read per stream touched. */
  private async eventsOf(leaves: LeafRow[]): Promise<Map<string, RecordedEvent>> {
    const ranges = new Map<string, { from: number; to: number }>();
    for (const leaf of leaves) {
      const range = ranges.get(leaf.streamId);
      if (!range) ranges.set(leaf.streamId, { from: leaf.revision, to: leaf.revision });
      else {
        range.from = Math.min(range.from, leaf.revision);
        range.to = Math.max(range.to, leaf.revision);
      }
    }
    const byId = new Map<string, RecordedEvent>();
    for (const [streamId, { from, to }] of ranges) {
      for (const event of await this.store.readStream(streamId, { fromRevision: from, maxCount: to - from + 1 }))
        byId.set(event.eventId, event);
    }
    return byId;
  }
}

function toLine(leaf: LeafRow, event: RecordedEvent | undefined): BundleEvent | BundleMissingEvent {
  const { leafIndex, leafHash, eventId } = leaf;
  if (!event)
    return {
      record: 'event',
      leafIndex,
      leafHash,
      eventId,
      streamId: leaf.streamId,
      revision: leaf.revision,
      missing: true,
    };
  return {
    record: 'event',
    leafIndex,
    leafHash,
    eventId,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position.toString(),
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}
