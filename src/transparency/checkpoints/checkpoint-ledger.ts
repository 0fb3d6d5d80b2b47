import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { conflict } from '../../../libs/domain/shared/domain-error.js';
import { signCheckpoint } from '../../../libs/ledger-log/checkpoint-signing.js';
import { EMPTY_TREE_ROOT } from '../../../libs/ledger-log/merkle.js';
import { verifyConsistency } from '../../../libs/ledger-log/proofs.js';
import { CLOCK, type Clock } from '../../platform/clock.js';
import { LogRepository, type StoredCheckpoint } from '../log.repository.js';
import { SigningKey } from './signing-key.js';

export interface CheckpointCandidate {
  communityId: string;
  treeSize: number;
  rootHash: string;
  /** RFC 6962 consistency proof from the latest kept checkpoint (or from the empty tree) to this one. */
  proof: string[];
}

/**
 * The only way a checkpoint enters log_checkpoints. A candidate is signed only once its proof shows the
 * latest kept checkpoint is a prefix of it: a signed statement that the log shrank or forked can then
 * never be published, whatever state the leaves table is in. The caller holds the community's head lock.
 */
@Injectable()
export class CheckpointLedger {
  constructor(
    private readonly repository: LogRepository,
    private readonly key: SigningKey,
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
      throw conflict(
        'CHECKPOINT_INCONSISTENT',
        `the log of community ${communityId} at ${treeSize} leaves (root ${rootHash}) does not extend its checkpoint at ${previousSize} leaves (root ${previousRoot}); refusing to sign it`,
        { previousSize, previousRoot, treeSize, rootHash },
      );
    }
    const signed = signCheckpoint({ communityId, treeSize, rootHash, timestamp: this.clock.now().toISOString() }, this.key.privateKey);
    const stored: StoredCheckpoint = { ...signed, keyFingerprint: this.key.publicKey.fingerprint, consistencyProof: proof };
    await this.repository.insertCheckpoint(db, stored);
    return stored;
  }
}
