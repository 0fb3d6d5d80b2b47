import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { conflict } from '../../../libs/domain/shared/domain-error.js';
import { signCheckpoint } from '../../../libs/ledger-log/checkpoint-signing.js';
import { EMPTY_TREE_ROOT } from '../../../libs/ledger-log/merkle.js';
import type { MerkleLog } from '../../../libs/ledger-log/merkle-log.js';
import { verifyConsistency } from '../../../libs/ledger-log/proofs.js';
import { CLOCK, type Clock } from '../../platform/clock.js';
import { LogRepository, type StoredCheckpoint } from '../log.repository.js';
import { KeptCheckpoints } from './kept-checkpoints.js';
import { SigningKey } from './signing-key.js';

export interface CheckpointCandidate {
  communityId: string;
  treeSize: number;
  rootHash: string;
  /** RFC 6962 consistency proof from the latest kept checkpoint (or from the empty tree) to this one. */
  proof: string[];
  /** This log's root at the size of the checkpoint kept outside the database, when it reaches that size. */
  rootAtKept?: { treeSize: number; rootHash: string };
}

/**
 * The only way a checkpoint enters log_checkpoints. A candidate is signed only once its proof shows the
 * latest checkpoint in the database is a prefix of it, and its root at the size of the checkpoint kept
 * outside the database (KeptCheckpoints) is that checkpoint's: a signed statement that the log shrank
 * or forked can then never be published, whatever state the leaves or checkpoint tables are in — even
 * after someone with write access to the database edited an event, deleted the checkpoints and rebuilt.
 * The caller holds the community's head lock.
 */
@Injectable()
export class CheckpointLedger {
  constructor(
    private readonly repository: LogRepository,
    private readonly key: SigningKey,
    private readonly kept: KeptCheckpoints,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The checkpoint of `log` at `treeSize`, extending the one at `fromSize`; built while the caller has the log in hand. */
  candidate(communityId: string, log: MerkleLog, fromSize: number, treeSize: number): CheckpointCandidate {
    const kept = this.kept.latest(communityId);
    const rootAtKept = kept && kept.treeSize <= treeSize ? { treeSize: kept.treeSize, rootHash: log.root(kept.treeSize) } : undefined;
    return { communityId, treeSize, rootHash: log.root(treeSize), proof: log.consistencyProof(fromSize, treeSize), rootAtKept };
  }

  /** The root this server signed at `treeSize` as kept outside the database, if that is its latest kept checkpoint. */
  keptRoot(communityId: string): { treeSize: number; rootHash: string } | null {
    return this.kept.latest(communityId);
  }

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
    this.checkAgainstKept(candidate);
    const signed = signCheckpoint({ communityId, treeSize, rootHash, timestamp: this.clock.now().toISOString() }, this.key.privateKey);
    const stored: StoredCheckpoint = { ...signed, keyFingerprint: this.key.publicKey.fingerprint, consistencyProof: proof };
    await this.repository.insertCheckpoint(db, stored);
    this.kept.keepOnCommit(db, stored);
    return stored;
  }

  private checkAgainstKept({ communityId, treeSize, rootHash, rootAtKept }: CheckpointCandidate): void {
    const kept = this.kept.latest(communityId);
    if (!kept) return;
    const where = `the checkpoint this server signed at ${kept.treeSize} leaves (root ${kept.rootHash}, kept outside the database in ${this.kept.fileOf(communityId)} of the key folder)`;
    if (treeSize < kept.treeSize) {
      throw conflict(
        'LOG_DIVERGED',
        `the log of community ${communityId} is to be signed at ${treeSize} leaves, short of ${where}: the database lost signed history (checkpoints deleted, or restored from an older backup); refusing to sign`,
        { keptSize: kept.treeSize, keptRoot: kept.rootHash, treeSize, rootHash },
      );
    }
    const root = treeSize === kept.treeSize ? rootHash : rootAtKept?.treeSize === kept.treeSize ? rootAtKept.rootHash : null;
    if (root !== kept.rootHash) {
      throw conflict(
        'LOG_DIVERGED',
        `the log of community ${communityId} gives root ${root ?? '(not computed)'} at ${kept.treeSize} leaves, not the root of ${where}: its events changed after they were signed; refusing to sign`,
        { keptSize: kept.treeSize, keptRoot: kept.rootHash, treeSize, rootHash },
      );
    }
  }
}
