import { createPublicKey, type KeyObject } from 'node:crypto';
import { publicKeyFingerprint, verifyCheckpointSignature } from '@gongzhi/ledger-log/checkpoint-signing.js';
import { EMPTY_TREE_ROOT } from '@gongzhi/ledger-log/merkle.js';
import { MerkleLog } from '@gongzhi/ledger-log/merkle-log.js';
import { verifyConsistency } from '@gongzhi/ledger-log/proofs.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type BundleCheckpoint,
  type BundleEnd,
  type BundleEvent,
  type BundleHeader,
  type BundleMissingEvent,
} from '../../transparency/export/bundle-format.js';
import { cosignersOf, logNoteVerifier, noteProblem, type Witness } from './checkpoint-notes.js';
import { describeEvent, type EventRef, type Findings } from './findings.js';
import { hashOf } from './hashed-events.js';
import {
  checkOtherCheckpoints,
  OTHER_CHECKPOINTS,
  type OtherCheckpoint,
  type OtherOutcome,
  type OwnCheckpoint,
} from './other-checkpoints.js';
import type { PinnedKey } from './pinned-key.js';

export const CHECKS = {
  bundle: 'bundle',
  pinnedKey: 'pinned key',
  leafHashes: 'leaf hashes',
  order: 'log order',
  membership: 'community',
  signatures: 'checkpoint signatures',
  notes: 'checkpoint notes',
  consistency: 'checkpoint consistency',
  roots: 'checkpoint roots',
  witnesses: 'witness cosignatures',
  coverage: 'signed coverage',
  others: OTHER_CHECKPOINTS,
} as const;

/** What the bundle is held against, from outside it. */
export interface Trust {
  /** null: nothing pinned; the bundle is checked against its own key and cannot pass. */
  pinnedKey: PinnedKey | null;
  /** The street offices' witnesses named, and how many of them must have cosigned the checkpoint that covers the events (0: none asked). */
  witnesses: readonly Witness[];
  requiredCosignatures: number;
}

/** How far the signatures reach: leaves [0, events) are under the checkpoint `by`. */
export interface Coverage {
  events: number;
  by: OwnCheckpoint | null;
  /** Whose key signed it: the pinned key, or (nothing pinned) the key the bundle names itself. */
  key: 'pinned' | 'own';
}

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
  /** The bundle's own checkpoints whose signature held, smallest first. */
  private readonly signed: OwnCheckpoint[] = [];
  /** The header's key is the pinned one (false when nothing is pinned). */
  private signerIsPinned = false;
  /** Checks the log's signed notes; a string says why none can be. */
  private noteVerifier: ReturnType<typeof logNoteVerifier> = 'no header';
  coverage: Coverage = { events: 0, by: null, key: 'own' };
  otherOutcomes: OtherOutcome[] = [];
  private lastPosition: { position: bigint; ref: EventRef } | null = null;
  private readonly revisions = new Map<string, number>();
  private previousCheckpoint: BundleCheckpoint | null = null;
  private firstBadLeaf: EventRef | null = null;
  private checkpoints = 0;
  private ended = false;

  constructor(
    private readonly findings: Findings,
    private readonly trust: Trust = { pinnedKey: null, witnesses: [], requiredCosignatures: 0 },
  ) {}

  /** The bundle's checkpoints whose signature held, for other bundles of the community to be held against. */
  get signedCheckpoints(): readonly OwnCheckpoint[] {
    return this.signed;
  }

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
      message:
        fingerprint === null
          ? "the header's publicKey is not a public key PEM"
          : `the header's key fingerprint ${header.keyFingerprint} is not its key's (${fingerprint})`,
    }));
    this.checkPinnedKey(fingerprint, line);
    this.noteVerifier = logNoteVerifier(header, this.publicKey, this.trust.pinnedKey);
  }

  private checkPinnedKey(fingerprint: string | null, line: number): void {
    const pinned = this.trust.pinnedKey;
    if (!pinned) {
      this.findings.fail(CHECKS.pinnedKey, {
        line,
        message: `key not pinned: the bundle's checkpoints are signed by key ${fingerprint ?? '(unreadable)'}, which the bundle names itself, and anyone can sign a bundle with a key of their own; give --key with the fingerprint of GET /log/public-key as published where you trust it`,
      });
      return;
    }
    this.signerIsPinned = fingerprint === pinned.fingerprint;
    this.findings.expect(CHECKS.pinnedKey, this.signerIsPinned, () => ({
      line,
      message:
        fingerprint === null
          ? `the bundle's key cannot be read, so nothing in it is signed by the key you pinned, ${pinned.fingerprint}`
          : `signed by key ${fingerprint}, but you pinned ${pinned.fingerprint}`,
    }));
  }

  onEvent(event: BundleEvent | BundleMissingEvent, line: number): void {
    const f = this.findings;
    if (!this.requireHeader(line) || !this.beforeCheckpoints(line, 'an event')) return;
    const ref: EventRef = {
      leafIndex: event.leafIndex,
      streamId: event.streamId,
      revision: event.revision,
      eventId: event.eventId,
    };
    const disorder: string[] = [];
    if (event.leafIndex !== this.tree.size)
      disorder.push(
        `leaf index ${event.leafIndex} where ${this.tree.size} comes next: a leaf is missing or out of place`,
      );
    const leafHash =
      'missing' in event ? this.checkMissing(event, ref, line) : this.checkStored(event, ref, line, disorder);
    try {
      this.tree.append(leafHash);
    } catch {
      this.tree.append(EMPTY_TREE_ROOT); // an unreadable recorded hash: keep counting leaves; the roots will say the rest
    }
    this.checkRevision(ref, disorder);
    // Checked once per event: nothing is built for the messages unless one is needed.
    if (disorder.length === 0) f.pass(CHECKS.order);
    else
      f.expectAll(
        CHECKS.order,
        disorder.map((message) => ({ line, event: ref, message })),
      );
  }

  onCheckpoint(checkpoint: BundleCheckpoint, line: number): void {
    const f = this.findings;
    if (!this.requireHeader(line)) return;
    this.checkpoints++;
    const header = this.header!;
    const at = { line, treeSize: checkpoint.treeSize };
    const signatureHeld = f.expect(
      CHECKS.signatures,
      checkpoint.communityId === header.communityId &&
        verifyCheckpointSignature(checkpoint, this.publicKey ?? header.publicKey),
      () => ({
        ...at,
        message:
          checkpoint.communityId !== header.communityId
            ? `the checkpoint is of community ${checkpoint.communityId}, not ${header.communityId}`
            : `the signature does not hold under the published key ${header.keyFingerprint}${checkpoint.keyFingerprint !== header.keyFingerprint ? ` (the checkpoint names key ${checkpoint.keyFingerprint})` : ''}: the checkpoint was altered or not signed by this log`,
      }),
    );

    const note = checkpoint.note;
    let noteHeld = true;
    if (note) {
      const verifier = this.noteVerifier;
      const problem =
        typeof verifier === 'string'
          ? verifier
          : noteProblem(
              note,
              {
                communityId: header.communityId,
                origin: header.origin,
                treeSize: checkpoint.treeSize,
                rootHash: checkpoint.rootHash,
              },
              verifier,
            );
      noteHeld = f.expect(CHECKS.notes, problem === null, () => ({ ...at, message: problem! }));
    }
    const kept = signatureHeld && noteHeld;

    const previous = this.previousCheckpoint;
    const fromSize = previous?.treeSize ?? 0;
    const fromRoot = previous?.rootHash ?? EMPTY_TREE_ROOT;
    f.expect(
      CHECKS.consistency,
      checkpoint.treeSize > fromSize &&
        verifyConsistency(fromSize, checkpoint.treeSize, fromRoot, checkpoint.rootHash, checkpoint.consistencyProof),
      () => ({
        ...at,
        message:
          checkpoint.treeSize <= fromSize
            ? `the checkpoint of ${checkpoint.treeSize} leaves follows one of ${fromSize}: the signed log did not grow`
            : `its consistency proof does not show the tree of ${fromSize} leaves (root ${fromRoot}) as a prefix of this one (root ${checkpoint.rootHash}): the log was rewritten between them`,
      }),
    );
    this.previousCheckpoint = checkpoint;

    if (checkpoint.treeSize > this.tree.size) {
      f.fail(CHECKS.roots, {
        ...at,
        message: `the checkpoint covers ${checkpoint.treeSize} leaves but the bundle holds ${this.tree.size} events`,
      });
      if (kept) this.keepSigned(checkpoint, false, line);
      return;
    }
    const root = this.tree.root(checkpoint.treeSize);
    const rootHeld = f.expect(CHECKS.roots, root === checkpoint.rootHash, () => ({
      ...at,
      message:
        `the bundle's first ${checkpoint.treeSize} events give root ${root}, the signed checkpoint says ${checkpoint.rootHash}` +
        (this.firstBadLeaf && this.firstBadLeaf.leafIndex < checkpoint.treeSize
          ? `; the first event that differs from the log is ${describeEvent(this.firstBadLeaf)}`
          : ''),
    }));
    if (kept) this.keepSigned(checkpoint, rootHeld, line);
  }

  private keepSigned(checkpoint: BundleCheckpoint, rootHeld: boolean, line: number): void {
    const { communityId, treeSize, rootHash, timestamp, signature } = checkpoint;
    const { cosigned, forged } = cosignersOf(checkpoint.note, this.trust.witnesses);
    for (const name of forged) {
      this.findings.fail(CHECKS.witnesses, {
        line,
        treeSize,
        message: `it carries a cosignature in the name of witness ${name} that does not hold under that witness's key: it was forged or altered`,
      });
    }
    // Out of order, a checkpoint fails consistency above; kept sorted all the same, for the others to be compared.
    this.signed.push({ communityId, treeSize, rootHash, timestamp, signature, rootHeld, cosignedBy: cosigned });
    this.signed.sort((a, b) => a.treeSize - b.treeSize);
  }

  onEnd(end: BundleEnd, line: number): void {
    this.ended = true;
    this.findings.expect(CHECKS.bundle, end.events === this.tree.size && end.checkpoints === this.checkpoints, () => ({
      line,
      message: `the end line counts ${end.events} events and ${end.checkpoints} checkpoints; the bundle holds ${this.tree.size} and ${this.checkpoints}`,
    }));
  }

  /** After the last line: the coverage, and the bundle held against checkpoints from elsewhere. */
  finish(others: readonly OtherCheckpoint[]): void {
    const f = this.findings;
    if (!this.header) {
      f.fail(CHECKS.bundle, { message: 'no header line: this is not a Gongzhi export bundle' });
      return;
    }
    f.expect(CHECKS.bundle, this.ended, () => ({
      message: 'the bundle stops before its end line: the download is incomplete',
    }));
    f.expect(CHECKS.bundle, this.header.treeSize === this.tree.size, () => ({
      message: `the header announces ${this.header!.treeSize} events; the bundle holds ${this.tree.size}`,
    }));
    this.checkCoverage();
    this.otherOutcomes = checkOtherCheckpoints(
      {
        communityId: this.header.communityId,
        tree: this.tree,
        own: this.signed,
        // A bundle under another key than the pinned one is refused already; its roots prove nothing about the log's.
        key: this.trust.pinnedKey && !this.signerIsPinned ? null : this.publicKey,
        keyFingerprint: this.header.keyFingerprint,
        origin: this.header.origin,
        noteVerifier: this.noteVerifier,
      },
      others,
      f,
    );
  }

  /**
   * Only a signature vouches for an event: the leaves up to the largest checkpoint that holds (its
   * signature, and its root is the root of the events before it) are covered; any leaf after it could have
   * been written by whoever wrote the bundle, and so could every leaf of a bundle under another key.
   */
  private checkCoverage(): void {
    const events = this.tree.size;
    const pinned = this.trust.pinnedKey;
    const usable = !pinned || this.signerIsPinned;
    const required = this.trust.requiredCosignatures;
    const holding = usable ? this.signed.filter((c) => c.rootHeld) : [];
    if (required > 0 && holding.length > 0) this.checkCosignatures(holding.at(-1)!, required);
    const by = holding.filter((c) => c.cosignedBy.length >= required).at(-1) ?? null;
    this.coverage = { events: by?.treeSize ?? 0, by, key: pinned ? 'pinned' : 'own' };
    const covered = this.coverage.events;
    const signer =
      (pinned ? `the pinned key ${pinned.fingerprint}` : `the bundle's own key ${this.header!.keyFingerprint}`) +
      (required > 0 ? ` and cosigned by ${required} of the named witnesses` : '');
    if (events === 0) {
      this.findings.fail(CHECKS.coverage, { message: 'the bundle holds no event: there is nothing signed to verify' });
      return;
    }
    let message: string;
    if (this.checkpoints === 0)
      message = `the bundle holds no checkpoint: none of its ${events} events is covered by a signature`;
    else if (!usable) message = `none of its ${events} events is covered by a checkpoint signed by ${signer}`;
    else if (covered === 0)
      message = `none of its ${events} events is covered: no checkpoint that holds is signed by ${signer}`;
    else {
      message =
        `${events - covered} event(s), leaves ${covered} to ${events - 1}, come after the last checkpoint that holds (${covered} leaves, signed by ${signer}): ` +
        'no signature covers them, so whoever wrote the bundle could have written them';
    }
    this.findings.tally(CHECKS.coverage, covered, events - covered, { message });
  }

  /** A witness vouches that the log showed it this history and no other: the checkpoint that covers the bundle must carry enough of them. */
  private checkCosignatures(last: OwnCheckpoint, required: number): void {
    const named = this.trust.witnesses.map((w) => w.name).join(', ');
    const by = last.cosignedBy;
    this.findings.expect(CHECKS.witnesses, by.length >= required, () => ({
      treeSize: last.treeSize,
      message:
        `the last checkpoint (root ${last.rootHash}, ${last.timestamp}) is cosigned by ${by.length} of the named witnesses (${named})${by.length ? `, ${by.join(', ')}` : ''}; ` +
        `${required} required: no street office vouches for this history as the log showed it to them`,
    }));
  }

  private checkStored(event: BundleEvent, ref: EventRef, line: number, disorder: string[]): string {
    const f = this.findings;
    const hashed = hashOf(event);
    const recomputed = hashed instanceof Error ? null : hashed.leafHash;
    const problem = hashed instanceof Error ? hashed.message : '';
    const ok = recomputed !== null && recomputed === event.leafHash;
    if (ok) f.pass(CHECKS.leafHashes);
    else {
      f.fail(CHECKS.leafHashes, {
        line,
        event: ref,
        message:
          recomputed === null
            ? `the event cannot be hashed: ${problem}`
            : `the event hashes to ${recomputed}, but the log recorded leaf ${event.leafHash}: the event was changed after it was logged`,
      });
      if (!this.firstBadLeaf) this.firstBadLeaf = ref;
    }

    let position: bigint | null = null;
    try {
      position = BigInt(event.position);
    } catch {
      // reported below
    }
    const last = this.lastPosition;
    if (position === null) disorder.push(`position ${JSON.stringify(event.position)} is not a number`);
    else if (last && position <= last.position) {
      disorder.push(
        `position ${position} is not after position ${last.position} of the leaf before it (${describeEvent(last.ref)}): the events were reordered`,
      );
    }
    if (position !== null) this.lastPosition = { position, ref };

    const communityId = (event.metadata as { communityId?: unknown } | null)?.communityId;
    if (communityId === this.header!.communityId) f.pass(CHECKS.membership);
    else
      f.fail(CHECKS.membership, {
        line,
        event: ref,
        message: `the event belongs to community ${JSON.stringify(communityId)}, not ${this.header!.communityId}`,
      });
    return recomputed ?? event.leafHash;
  }

  private checkMissing(event: BundleMissingEvent, ref: EventRef, line: number): string {
    this.findings.fail(CHECKS.leafHashes, {
      line,
      event: ref,
      message: 'the log recorded this event, but the event store no longer holds it: it was deleted or moved',
    });
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
    this.header = {
      record: 'header',
      format: BUNDLE_FORMAT,
      version: -1,
      communityId: '',
      publicKey: '',
      keyFingerprint: '',
      treeSize: -1,
      exportedAt: '',
    };
    return false;
  }

  private beforeCheckpoints(line: number, what: string): boolean {
    if (this.checkpoints === 0) return true;
    this.findings.fail(CHECKS.bundle, { line, message: `${what} after the checkpoints: the bundle is out of order` });
    return false;
  }
}
