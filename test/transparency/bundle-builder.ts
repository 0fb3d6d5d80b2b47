import type { SpecBody } from '../support/test-server.js';
import type { Decider } from '@gongzhi/domain/shared/decider.js';
import {
  generateSigningKeyPair,
  publicKeyFingerprint,
  signCheckpoint,
  type SigningKeyPair,
} from '@gongzhi/ledger-log/checkpoint-signing.js';
import { eventLeafHash } from '@gongzhi/ledger-log/event-leaf.js';
import { MerkleLog } from '@gongzhi/ledger-log/merkle-log.js';
import { ed25519NoteSigner, parseNote, signNote, withSignatureLines } from '@gongzhi/ledger-log/signed-note.js';
import { formatCheckpointText } from '@gongzhi/ledger-log/tlog-checkpoint.js';
import type { Cosigner } from '@gongzhi/ledger-log/tlog-cosignature.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type BundleEvent,
  type BundleLine,
  bundleLineText,
} from '../../src/transparency/export/bundle-format.js';

type DomainEvent = { type: string; data: unknown };

export interface BundleOptions {
  /** A checkpoint every so many leaves, and one at the end. */
  checkpointEvery?: number;
  /** Sign no checkpoint beyond this size: the events after it are a tail nothing signs. */
  signedUpTo?: number;
  /** Sign with these keys instead of the log's own (a whole history re-signed by someone else). */
  keys?: SigningKeyPair;
  /** Witnesses whose cosignatures the last checkpoint's note carries. */
  cosigners?: Cosigner[];
}

/**
 * A community's history written as the server writes it, without the server: each command decided by
 * the domain's real decider on its stream as recorded so far, each event given the next revision and
 * position and the leaf hash the log takes, and the export bundle signed with a real Ed25519 key. A test
 * may alter what a decision recorded before it is logged (a server that recorded a wrong figure: the
 * hashes hold, only re-deriving catches it) or after (tampering: the hashes catch it).
 */
export class BundleBuilder {
  readonly keys = generateSigningKeyPair();
  private readonly events: BundleEvent[] = [];
  private readonly revisions = new Map<string, number>();
  private position = 1000n;

  constructor(readonly communityId = '5d1c2f1e-0000-4000-8000-00000000c0de') {}

  /** The state of a stream as recorded so far, folded by the decider. */
  state<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string): S {
    return this.events
      .filter((e) => e.streamId === streamId)
      .reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), decider.initialState());
  }

  /** The events recorded on a stream so far, as a server's event store would read them. */
  stream(streamId: string): BundleEvent[] {
    return this.events.filter((e) => e.streamId === streamId);
  }

  /** The metadata's actor of the events recorded from now on, as the server records who took a step. */
  actor: unknown = 'test';

  /** Decides `command` on the stream and records what the decider answers, altered first by `alter` if given. */
  decide<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    alter?: (data: SpecBody) => void,
  ): BundleEvent[] {
    const decided = decider.decide(command, this.state(decider, streamId));
    return this.record(streamId, decided, alter);
  }

  /** Records events on a stream as given (JSON round trip, as storage does), altered first by `alter`. */
  record(streamId: string, events: DomainEvent[], alter?: (data: SpecBody) => void): BundleEvent[] {
    return events.map((e) => {
      const data: unknown = JSON.parse(JSON.stringify(e.data ?? null));
      alter?.(data);
      const revision = this.revisions.get(streamId) ?? 0;
      this.revisions.set(streamId, revision + 1);
      const position = (this.position += 7n);
      const stored = {
        eventId: `00000000-0000-4000-8000-${String(this.events.length + 1).padStart(12, '0')}`,
        streamId,
        revision,
        type: e.type,
        data,
        metadata: { communityId: this.communityId, actor: this.actor, occurredAt: '2026-01-01T00:00:00.000Z' },
      };
      const event: BundleEvent = {
        record: 'event',
        leafIndex: this.events.length,
        leafHash: eventLeafHash(stored),
        position: String(position),
        ...stored,
      };
      this.events.push(event);
      return event;
    });
  }

  /** Changes an event after the log took its hash, as an insider with database access could. */
  tamper(eventId: string, change: (data: SpecBody) => void): void {
    const event = this.events.find((e) => e.eventId === eventId);
    if (!event) throw new Error(`no event ${eventId}`);
    change(event.data);
  }

  get keyFingerprint(): string {
    return publicKeyFingerprint(this.keys.publicKey);
  }

  get origin(): string {
    return `gongzhi.test/community/${this.communityId}`;
  }

  /** The C2SP vkey of the log key (or of `keys`). */
  vkey(keys: SigningKeyPair = this.keys): string {
    return ed25519NoteSigner('gongzhi.test/log', keys.privateKey).vkey;
  }

  /** The events recorded so far (the leaves of the log, in order). */
  get recorded(): readonly BundleEvent[] {
    return this.events;
  }

  /** The export bundle's lines: a checkpoint every `checkpointEvery` leaves and one at the end, each with its C2SP note. */
  lines(options: BundleOptions = {}): string[] {
    const { checkpointEvery = 8, signedUpTo = Number.MAX_SAFE_INTEGER, keys = this.keys, cosigners = [] } = options;
    const log = MerkleLog.from(this.events.map((e) => e.leafHash));
    const last = Math.min(log.size, signedUpTo);
    const sizes = [
      ...Array.from({ length: Math.floor(last / checkpointEvery) }, (_, i) => (i + 1) * checkpointEvery),
      last,
    ].filter((n, i, all) => n > 0 && all.indexOf(n) === i);
    const keyFingerprint = publicKeyFingerprint(keys.publicKey);
    const signer = ed25519NoteSigner('gongzhi.test/log', keys.privateKey);
    const checkpoints: BundleLine[] = sizes.map((treeSize, i) => {
      const rootHash = log.root(treeSize);
      const text = formatCheckpointText({ origin: this.origin, treeSize, rootHash });
      let note = signNote(text, signer);
      if (i === sizes.length - 1 && cosigners.length) {
        const lines = [
          ...parseNote(note).signatures.map((s) => s.line),
          ...cosigners.map((w) => w.cosign(text, 1_780_000_000n)),
        ];
        note = withSignatureLines(text, lines);
      }
      return {
        record: 'checkpoint',
        ...signCheckpoint(
          {
            communityId: this.communityId,
            treeSize,
            rootHash,
            timestamp: `2026-06-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
          },
          keys.privateKey,
        ),
        keyFingerprint,
        consistencyProof: i === 0 ? [] : log.consistencyProof(sizes[i - 1], treeSize),
        note,
      };
    });
    const header: BundleLine = {
      record: 'header',
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      communityId: this.communityId,
      publicKey: keys.publicKey,
      keyFingerprint,
      vkey: signer.vkey,
      origin: this.origin,
      treeSize: log.size,
      exportedAt: '2026-06-01T00:00:00.000Z',
    };
    const end: BundleLine = { record: 'end', events: this.events.length, checkpoints: checkpoints.length };
    return [header, ...this.events, ...checkpoints, end].map(bundleLineText);
  }
}
