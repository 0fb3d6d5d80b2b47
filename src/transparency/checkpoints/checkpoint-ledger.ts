import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { conflict } from '../../../libs/domain/shared/domain-error.js';
import { signCheckpoint } from '../../../libs/ledger-log/checkpoint-signing.js';
import { extendRange, rangeRoot } from '../../../libs/ledger-log/compact-range.js';
import { EMPTY_TREE_ROOT } from '../../../libs/ledger-log/merkle.js';
import { verifyConsistency } from '../../../libs/ledger-log/proofs.js';
import { signNote } from '../../../libs/ledger-log/signed-note.js';
import { formatCheckpointText } from '../../../libs/ledger-log/tlog-checkpoint.js';
import { CLOCK, type Clock } from '../../platform/clock.js';
import { LogRepository, type StoredCheckpoint } from '../log.repository.js';
import { LogNoteKey } from './log-note-key.js';
import { SigningKey } from './signing-key.js';

export interface CheckpointCandidate {
  communityId: string;
  treeSize: number;
  rootHash: string;
  /** RFC 6962 consistency proof from the latest kept checkpoint (or from the empty tree) to this one. */
  proof: string[];
  /** The in-memory tree's frontier (MerkleLog.frontier) at the latest kept checkpoint's size. */
  previousFrontier: string[];
}

/**
 * The only way a checkpoint enters log_checkpoints. A candidate is signed only once its proof shows the
 * latest kept checkpoint is a prefix of it: a signed statement that the log shrank or forked can then
 * never be published, whatever state the leaves table is in. And only once its root is re-derived from
 * the stored leaves: the in-memory tree is a cache, and a cache is not what the key vouches for. The
 * caller holds the community's head lock.
 */
@Injectable()
export class CheckpointLedger {
  private readonly log = new Logger('Checkpoints');

  constructor(
    private readonly repository: LogRepository,
    private readonly key: SigningKey,
    private readonly noteKey: LogNoteKey,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async append(db: EntityManager, candidate: CheckpointCandidate): Promise<StoredCheckpoint> {
    const { communityId, treeSize, rootHash, proof } = candidate;
    const previous = await this.repository.latestCheckpoint(communityId, db);
    const previousSize = previous?.treeSize ?? 0;
    const previousRoot = previous?.rootHash ?? EMPTY_TREE_ROOT;
    if (treeSize <= previousSize) {
      throw conflict('CHECKPOINT_NOT_NEWER', `community ${communityId} has a checkpoint of ${previousSize} leaves already; a new one must cover more than that, not ${treeSize}`);
    }
    if (!verifyConsistency(previousSize, treeSize, previousRoot, rootHash, proof)) {
      this.log.error(`refusing to sign a checkpoint of community ${communityId} at ${treeSize} leaves: root ${rootHash} does not extend the signed root ${previousRoot} at ${previousSize} leaves`);
      throw conflict(
        'CHECKPOINT_INCONSISTENT',
        `the log of community ${communityId} at ${treeSize} leaves (root ${rootHash}) does not extend its checkpoint at ${previousSize} leaves (root ${previousRoot}); refusing to sign it`,
        { previousSize, previousRoot, treeSize, rootHash },
      );
    }
    await this.checkAgainstStoredLeaves(db, candidate, previousSize, previousRoot);
    const signed = signCheckpoint({ communityId, treeSize, rootHash, timestamp: this.clock.now().toISOString() }, this.key.privateKey);
    const origin = this.noteKey.originOf(communityId);
    const note = signNote(formatCheckpointText({ origin, treeSize, rootHash }), this.noteKey.noteSigner);
    const stored: StoredCheckpoint = { ...signed, keyFingerprint: this.key.publicKey.fingerprint, consistencyProof: proof, origin, note };
    await this.repository.insertCheckpoint(db, stored);
    return stored;
  }

  /**
   * The root at treeSize re-derived from what is stored: the signed root at the previous size (its frontier
   * must fold into it) extended with the stored leaves after it. O(new leaves) per checkpoint, not O(log).
   */
  private async checkAgainstStoredLeaves(db: EntityManager, candidate: CheckpointCandidate, previousSize: number, previousRoot: string): Promise<void> {
    const { communityId, treeSize, rootHash, previousFrontier } = candidate;
    let range = { size: previousSize, frontier: previousFrontier };
    let problem: string | null = null;
    try {
      if (rangeRoot(range) !== previousRoot) problem = `the in-memory tree at ${previousSize} leaves does not fold into the signed root ${previousRoot}`;
      else {
        for await (const page of this.repository.leafHashes(db, communityId, previousSize, treeSize)) range = extendRange(range, page);
        if (range.size !== treeSize) problem = `log_leaves holds ${range.size} of the ${treeSize} leaves`;
        else if (rangeRoot(range) !== rootHash) problem = `the stored leaves give root ${rangeRoot(range)} at ${treeSize} leaves, the in-memory tree ${rootHash}`;
      }
    } catch (error) {
      problem = `the tree could not be re-derived: ${(error as Error).message}`;
    }
    if (!problem) return;
    this.log.error(`refusing to sign a checkpoint of community ${communityId} at ${treeSize} leaves: ${problem}`);
    throw conflict('CHECKPOINT_NOT_DERIVED', `refusing to sign the log of community ${communityId} at ${treeSize} leaves: ${problem}`, { treeSize, rootHash });
  }
}
