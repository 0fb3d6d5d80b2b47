import { createPublicKey, type KeyObject } from 'node:crypto';
import { publicKeyFingerprint, verifyCheckpointSignature } from '../../../libs/ledger-log/checkpoint-signing.js';
import { eventLeafHash } from '../../../libs/ledger-log/event-leaf.js';
import { EMPTY_TREE_ROOT } from '../../../libs/ledger-log/merkle.js';
import { MerkleLog } from '../../../libs/ledger-log/merkle-log.js';
import { verifyConsistency } from '../../../libs/ledger-log/proofs.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type BundleCheckpoint,
  type BundleEnd,
  type BundleEvent,
  type BundleHeader,
  type BundleMissingEvent,
} from '../../transparency/export/bundle-format.js';
import { describeEvent, type EventRef, type Findings } from './findings.js';

export const CHECKS = {
  bundle: 'bundle',
  leafHashes: 'leaf hashes',
  order: 'log order',
  membership: 'community',
  signatures: 'checkpoint signatures',
  consistency: 'checkpoint consistency',
  roots: 'checkpoint roots',
} as const;

/**
 * The log-level checks, fed one bundle line at a time: every leaf hash recomputed from its event,
 * the order of the leaves (index, global position, each stream's revisions), every checkpoint's
 * signature, each checkpoint against the one before (its consistency proof), and each signed root
 * against the tree the bundle's events actually give. Memory: the leaf hashes (64 bytes each) and
 * one revision per stream.
 */
export class LogChecker {
  header: BundleHeader | null = null;
  private publicKey: KeyObject | null = null;
  private readonly tree = new MerkleLog();
  private lastPosition: { position: bigint; ref: EventRef } | null = null;
  private readonly revisions = new Map<string, number>();
  private previousCheckpoint: BundleCheckpoint | null = null;
  private firstBadLeaf: EventRef | null = null;
  private checkpoints = 0;
  private ended = false;

  constructor(private readonly findings: Findings) {}

  get events(): number {
    return this.tree.size;
  }

  onHeader(header: BundleHeader, line: number): void {
    const f = this.findings;
    if (this.header) {
      f.fail(CHECKS.bundle, { line, message: 'a second header line: this is not one bundle' });
      return;
    }
    this.header = header;
    f.expect(CHECKS.bundle, header.format === BUNDLE_FORMAT && header.version === BUNDLE_VERSION, () => ({
      line,
      message: `format ${JSON.stringify(header.format)} version ${JSON.stringify(header.version)}; this verifier reads ${BUNDLE_FORMAT} version ${BUNDLE_VERSION}`,
    }));
    let fingerprint: string | null = null;
    try {
      // Parsed once: a long bundle carries a checkpoint every N events, each checked with this key.
      this.publicKey = createPublicKey(header.publicKey);
      fingerprint = publicKeyFingerprint(this.publicKey);
    } catch {
      // reported just below
    }
    f.expect(CHECKS.bundle, fingerprint !== null && fingerprint === header.keyFingerprint, () => ({
      line,
      message: fingerprint === null ? 'the header\'s publicKey is not a public key PEM' : `the header's key fingerprint ${header.keyFingerprint} is not its key's (${fingerprint})`,
    }));
  }

  onEvent(event: BundleEvent | BundleMissingEvent, line: number): void {
    const f = this.findings;
    if (!this.requireHeader(line) || !this.beforeCheckpoints(line, 'an event')) return;
    const ref: EventRef = { leafIndex: event.leafIndex, streamId: event.streamId, revision: event.revision, eventId: event.eventId };
    const disorder: string[] = [];
    if (event.leafIndex !== this.tree.size) disorder.push(`leaf index ${event.leafIndex} where ${this.tree.size} comes next: a leaf is missing or out of place`);
    const leafHash = 'missing' in event ? this.checkMissing(event, ref, line) : this.checkStored(event, ref, line, disorder);
    try {
      this.tree.append(leafHash);
    } catch {
      this.tree.append(EMPTY_TREE_ROOT); // an unreadable recorded hash: keep counting leaves; the roots will say the rest
    }
    this.checkRevision(ref, disorder);
    f.expectAll(CHECKS.order, disorder.map((message) => ({ line, event: ref, message })));
  }

  onCheckpoint(checkpoint: BundleCheckpoint, line: number): void {
    const f = this.findings;
    if (!this.requireHeader(line)) return;
    this.checkpoints++;
    const header = this.header!;
    const at = { line, treeSize: checkpoint.treeSize };
    f.expect(
      CHECKS.signatures,
      checkpoint.communityId === header.communityId && verifyCheckpointSignature(checkpoint, this.publicKey ?? header.publicKey),
      () => ({
        ...at,
        message:
          checkpoint.communityId !== header.communityId
            ? `the checkpoint is of community ${checkpoint.communityId}, not ${header.communityId}`
            : `the signature does not hold under the published key ${header.keyFingerprint}${checkpoint.keyFingerprint !== header.keyFingerprint ? ` (the checkpoint names key ${checkpoint.keyFingerprint})` : ''}: the checkpoint was altered or not signed by this log`,
      }),
    );

    const previous = this.previousCheckpoint;
    const fromSize = previous?.treeSize ?? 0;
    const fromRoot = previous?.rootHash ?? EMPTY_TREE_ROOT;
    f.expect(CHECKS.consistency, checkpoint.treeSize > fromSize && verifyConsistency(fromSize, checkpoint.treeSize, fromRoot, checkpoint.rootHash, checkpoint.consistencyProof), () => ({
      ...at,
      message:
        checkpoint.treeSize <= fromSize
          ? `the checkpoint of ${checkpoint.treeSize} leaves follows one of ${fromSize}: the signed log did not grow`
          : `its consistency proof does not show the tree of ${fromSize} leaves (root ${fromRoot}) as a prefix of this one (root ${checkpoint.rootHash}): the log was rewritten between them`,
    }));
    this.previousCheckpoint = checkpoint;

    if (checkpoint.treeSize > this.tree.size) {
      f.fail(CHECKS.roots, { ...at, message: `the checkpoint covers ${checkpoint.treeSize} leaves but the bundle holds ${this.tree.size} events` });
      return;
    }
    const root = this.tree.root(checkpoint.treeSize);
    f.expect(CHECKS.roots, root === checkpoint.rootHash, () => ({
      ...at,
      message:
        `the bundle's first ${checkpoint.treeSize} events give root ${root}, the signed checkpoint says ${checkpoint.rootHash}` +
        (this.firstBadLeaf && this.firstBadLeaf.leafIndex < checkpoint.treeSize ? `; the first event that differs from the log is ${describeEvent(this.firstBadLeaf)}` : ''),
    }));
  }

  onEnd(end: BundleEnd, line: number): void {
    this.ended = true;
    this.findings.expect(CHECKS.bundle, end.events === this.tree.size && end.checkpoints === this.checkpoints, () => ({
      line,
      message: `the end line counts ${end.events} events and ${end.checkpoints} checkpoints; the bundle holds ${this.tree.size} and ${this.checkpoints}`,
    }));
  }

  /** After the last line. */
  finish(): void {
    const f = this.findings;
    if (!this.header) {
      f.fail(CHECKS.bundle, { message: 'no header line: this is not a Gongzhi export bundle' });
      return;
    }
    f.expect(CHECKS.bundle, this.ended, () => ({ message: 'the bundle stops before its end line: the download is incomplete' }));
    f.expect(CHECKS.bundle, this.header.treeSize === this.tree.size, () => ({
      message: `the header announces ${this.header!.treeSize} events; the bundle holds ${this.tree.size}`,
    }));
    const signed = this.previousCheckpoint?.treeSize ?? 0;
    if (this.tree.size > signed) f.note(`${this.tree.size - signed} event(s) after the last checkpoint are not covered by a signature yet`);
  }

  private checkStored(event: BundleEvent, ref: EventRef, line: number, disorder: string[]): string {
    const f = this.findings;
    let recomputed: string | null = null;
    let problem = '';
    try {
      recomputed = eventLeafHash(event);
    } catch (error) {
      problem = (error as Error).message;
    }
    const ok = recomputed !== null && recomputed === event.leafHash;
    f.expect(CHECKS.leafHashes, ok, () => ({
      line,
      event: ref,
      message:
        recomputed === null
          ? `the event cannot be hashed: ${problem}`
          : `the event hashes to ${recomputed}, but the log recorded leaf ${event.leafHash}: the event was changed after it was logged`,
    }));
    if (!ok && !this.firstBadLeaf) this.firstBadLeaf = ref;

    let position: bigint | null = null;
    try {
      position = BigInt(event.position);
    } catch {
      // reported below
    }
    const last = this.lastPosition;
    if (position === null) disorder.push(`position ${JSON.stringify(event.position)} is not a number`);
    else if (last && position <= last.position) {
      disorder.push(`position ${position} is not after position ${last.position} of the leaf before it (${describeEvent(last.ref)}): the events were reordered`);
    }
    if (position !== null) this.lastPosition = { position, ref };

    const communityId = (event.metadata as { communityId?: unknown } | null)?.communityId;
    f.expect(CHECKS.membership, communityId === this.header!.communityId, () => ({
      line,
      event: ref,
      message: `the event belongs to community ${JSON.stringify(communityId)}, not ${this.header!.communityId}`,
    }));
    return recomputed ?? event.leafHash;
  }

  private checkMissing(event: BundleMissingEvent, ref: EventRef, line: number): string {
    this.findings.fail(CHECKS.leafHashes, { line, event: ref, message: 'the log recorded this event, but the event store no longer holds it: it was deleted or moved' });
    if (!this.firstBadLeaf) this.firstBadLeaf = ref;
    return event.leafHash;
  }

  private checkRevision(ref: EventRef, disorder: string[]): void {
    const previous = this.revisions.get(ref.streamId);
    const expected = previous === undefined ? 0 : previous + 1;
    if (ref.revision !== expected) {
      disorder.push(
        previous === undefined
          ? `the stream's first event in the log has revision ${ref.revision}, not 0`
          : `revision ${ref.revision} follows revision ${previous} of the same stream: its events were reordered or one is missing`,
      );
    }
    this.revisions.set(ref.streamId, ref.revision);
  }

  private requireHeader(line: number): boolean {
    if (this.header) return true;
    this.findings.fail(CHECKS.bundle, { line, message: 'a record before the header line' });
    this.header = { record: 'header', format: BUNDLE_FORMAT, version: -1, communityId: '', publicKey: '', keyFingerprint: '', treeSize: -1, exportedAt: '' };
    return false;
  }

  private beforeCheckpoints(line: number, what: string): boolean {
    if (this.checkpoints === 0) return true;
    this.findings.fail(CHECKS.bundle, { line, message: `${what} after the checkpoints: the bundle is out of order` });
    return false;
  }
}
