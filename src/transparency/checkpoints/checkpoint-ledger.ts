import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { conflict } from '@gongzhi/domain/shared/domain-error.js';
import { signCheckpoint } from '@gongzhi/ledger-log/checkpoint-signing.js';
import { extendRange, rangeRoot } from '@gongzhi/ledger-log/compact-range.js';
import { EMPTY_TREE_ROOT } from '@gongzhi/ledger-log/merkle.js';
import type { MerkleLog } from '@gongzhi/ledger-log/merkle-log.js';
import { verifyConsistency } from '@gongzhi/ledger-log/proofs.js';
import { signNote } from '@gongzhi/ledger-log/signed-note.js';
import { formatCheckpointText } from '@gongzhi/ledger-log/tlog-checkpoint.js';
import { CLOCK, type Clock } from '../../platform/clock.js';
import { LogRepository, type StoredCheckpoint } from '../log.repository.js';
import { LogNoteKey } from './log-note-key.js';
import { KeptCheckpoints } from './kept-checkpoints.js';
import { SigningKey } from './signing-key.js';

export interface CheckpointCandidate {
  communityId: string;
  treeSize: number;
  rootHash: string;
  /** RFC 6962 consistency proof from the latest kept checkpoint (or from the empty tree) to this one. */
  proof: string[];
  /** The in-memory tree's frontier (MerkleLog.frontier) at the latest kept checkpoint's size. */
  previousFrontier: string[];
  /** This log's root at the size of the checkpoint kept outside the database, when it reaches that size. */
  rootAtKept?: { treeSize: number; rootHash: string };
}

/**
 * The only way a checkpoint enters log_checkpoints. A candidate is signed only once its proof shows the
 * latest checkpoint in the database is a prefix of it, and its root at the size of the checkpoint kept
 * outside the database (KeptCheckpoints) is that checkpoint's: a signed statement that the log shrank
 * or forked can then never be published, whatever state the leaves or checkpoint tables are in — even
 * after someone with write access to the database edited an event, deleted the checkpoints and rebuilt.
 * And only once its root is re-derived from the stored leaves: the in-memory tree is a cache, and a
 * cache is not what the key vouches for. The caller holds the community's head lock.
 */
@Injectable()
export class CheckpointLedger {
  private readonly log = new Logger('Checkpoints');

  constructor(
    private readonly repository: LogRepository,
    private readonly key: SigningKey,
    private readonly noteKey: LogNoteKey,
    private readonly kept: KeptCheckpoints,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The checkpoint of `log` at `treeSize`, extending the one at `fromSize`; built while the caller has the log in hand. */
  candidate(communityId: string, log: MerkleLog, fromSize: number, treeSize: number): CheckpointCandidate {
    const kept = this.kept.latest(communityId);
    const rootAtKept =
      kept && kept.treeSize <= treeSize ? { treeSize: kept.treeSize, rootHash: log.root(kept.treeSize) } : undefined;
    return {
      communityId,
      treeSize,
      rootHash: log.root(treeSize),
      proof: log.consistencyProof(fromSize, treeSize),
      previousFrontier: log.frontier(fromSize),
      rootAtKept,
    };
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
      throw conflict(
        'CHECKPOINT_NOT_NEWER',
        `community ${communityId} has a checkpoint of ${previousSize} leaves already; a new one must cover more than that, not ${treeSize}`,
      );
    }
    if (!verifyConsistency(previousSize, treeSize, previousRoot, rootHash, proof)) {
      this.log.error(
        `refusing to sign a checkpoint of community ${communityId} at ${treeSize} leaves: root ${rootHash} does not extend the signed root ${previousRoot} at ${previousSize} leaves`,
      );
      throw conflict(
        'CHECKPOINT_INCONSISTENT',
        `the log of community ${communityId} at ${treeSize} leaves (root ${rootHash}) does not extend its checkpoint at ${previousSize} leaves (root ${previousRoot}); refusing to sign it`,
        { previousSize, previousRoot, treeSize, rootHash },
      );
    }
    await this.checkAgainstStoredLeaves(db, candidate, previousSize, previousRoot);
    this.checkAgainstKept(candidate);
    const signed = signCheckpoint(
      { communityId, treeSize, rootHash, timestamp: this.clock.now().toISOString() },
      this.key.privateKey,
    );
    const origin = this.noteKey.originOf(communityId);
    const note = signNote(formatCheckpointText({ origin, treeSize, rootHash }), this.noteKey.noteSigner);
    const stored: StoredCheckpoint = {
      ...signed,
      keyFingerprint: this.key.publicKey.fingerprint,
      consistencyProof: proof,
      origin,
      note,
    };
    await this.repository.insertCheckpoint(db, stored);
    this.kept.keepOnCommit(db, stored);
    return stored;
  }

  /**
   * The root at treeSize re-derived from what is stored: the signed root at the previous size (its frontier
   * must fold into it) extended with the stored leaves after it. O(new leaves) per checkpoint, not O(log).
   */
  private async checkAgainstStoredLeaves(
    db: EntityManager,
    candidate: CheckpointCandidate,
    previousSize: number,
    previousRoot: string,
  ): Promise<void> {
    const { communityId, treeSize, rootHash, previousFrontier } = candidate;
    let range = { size: previousSize, frontier: previousFrontier };
    let problem: string | null = null;
    try {
      if (rangeRoot(range) !== previousRoot)
        problem = `the in-memory tree at ${previousSize} leaves does not fold into the signed root ${previousRoot}`;
      else {
        for await (const page of this.repository.leafHashes(db, communityId, previousSize, treeSize))
          range = extendRange(range, page);
        if (range.size !== treeSize) problem = `log_leaves holds ${range.size} of the ${treeSize} leaves`;
        else if (rangeRoot(range) !== rootHash)
          problem = `the stored leaves give root ${rangeRoot(range)} at ${treeSize} leaves, the in-memory tree ${rootHash}`;
      }
    } catch (error) {
      problem = `the tree could not be re-derived: ${(error as Error).message}`;
    }
    if (!problem) return;
    this.log.error(`refusing to sign a checkpoint of community ${communityId} at ${treeSize} leaves: ${problem}`);
    throw conflict(
      'CHECKPOINT_NOT_DERIVED',
      `refusing to sign the log of community ${communityId} at ${treeSize} leaves: ${problem}`,
      { treeSize, rootHash },
    );
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
    const root =
      treeSize === kept.treeSize ? rootHash : rootAtKept?.treeSize === kept.treeSize ? rootAtKept.rootHash : null;
    if (root !== kept.rootHash) {
      throw conflict(
        'LOG_DIVERGED',
        `the log of community ${communityId} gives root ${root ?? '(not computed)'} at ${kept.treeSize} leaves, not the root of ${where}: its events changed after they were signed; refusing to sign`,
        { keptSize: kept.treeSize, keptRoot: kept.rootHash, treeSize, rootHash },
      );
    }
  }
}
