import type { BundleEnd, BundleEvent, BundleHeader, BundleLine } from '../../src/transparency/export/bundle-format.js';
import type { SpecBody } from '../support/test-server.js';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { publicKeyFingerprint, signCheckpoint } from '@gongzhi/ledger-log/checkpoint-signing.js';
import { eventLeafHash } from '@gongzhi/ledger-log/event-leaf.js';
import { MerkleLog } from '@gongzhi/ledger-log/merkle-log.js';
import { ed25519NoteSigner, parseNote, signNote } from '@gongzhi/ledger-log/signed-note.js';
import { formatCheckpointText, parseCheckpointText } from '@gongzhi/ledger-log/tlog-checkpoint.js';

/**
 * What a forger does to an export bundle with the tools anyone has, written out so the tests can show
 * `gongzhi verify` refusing each: re-sign a whole history with a key (their own, or the log's own key in
 * the hands of a server that forks its log), or append events past the last signature. Each result is
 * self-consistent: every leaf hash, root and proof holds for what it says.
 */

// The bundle is the server's own export format: its lines are what bundle-format.ts says they are.
const parse = (bundle: string): BundleLine[] =>
  bundle
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as BundleLine);
const text = (lines: BundleLine[]) => `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
const headerOf = (lines: BundleLine[]) => lines[0] as BundleHeader;
const endOf = (lines: BundleLine[]) => lines.at(-1) as BundleEnd;

/**
 * The bundle's history, optionally changed by `alter` (each stored event, in log order), hashed and
 * signed again at the very sizes and times it was signed, with `privateKeyPem`: every leaf hash, every
 * checkpoint's root, consistency proof, signature and signed note. Witness cosignatures cannot be made
 * without the witness's key: they are dropped.
 */
export function resignBundle(
  bundle: string,
  privateKeyPem: string,
  alter: (event: SpecBody) => void = () => {},
): string {
  const lines = parse(bundle);
  const header = headerOf(lines);
  const key = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  const fingerprint = publicKeyFingerprint(publicKey);
  const noteName = typeof header.vkey === 'string' ? header.vkey.split('+')[0] : 'gongzhi-log';
  const signer = ed25519NoteSigner(noteName, key);
  const log = new MerkleLog();
  let previous = 0;
  for (const line of lines) {
    if (line.record === 'event') {
      alter(line);
      line.leafHash = eventLeafHash(line as never);
      log.append(line.leafHash);
    } else if (line.record === 'checkpoint') {
      const rootHash = log.root(line.treeSize);
      Object.assign(
        line,
        signCheckpoint(
          { communityId: line.communityId, treeSize: line.treeSize, rootHash, timestamp: line.timestamp },
          key,
        ),
        {
          keyFingerprint: fingerprint,
          consistencyProof: previous === 0 ? [] : log.consistencyProof(previous, line.treeSize),
        },
      );
      if (line.note) {
        const { origin } = parseCheckpointText(parseNote(line.note).text);
        line.note = signNote(formatCheckpointText({ origin, treeSize: line.treeSize, rootHash }), signer);
      }
      if (Array.isArray(line.cosignatures)) line.cosignatures = [];
      previous = line.treeSize;
    }
  }
  Object.assign(header, { publicKey, keyFingerprint: fingerprint }, header.vkey ? { vkey: signer.vkey } : {});
  return text(lines);
}

/**
 * The bundle with events appended after its last event, before its checkpoints, each with the next leaf
 * index, a later position and its true leaf hash; the header and the end line recounted. No checkpoint
 * is added: the forger has no key.
 */
export function appendUnsignedEvents(
  bundle: string,
  events: { streamId: string; type: string; data: unknown }[],
): string {
  const lines = parse(bundle);
  const header = headerOf(lines);
  const stored = lines.filter((l) => l.record === 'event');
  const last = stored.filter((l): l is BundleEvent => !('missing' in l)).at(-1)!;
  const revisions = new Map<string, number>();
  for (const e of stored) revisions.set(e.streamId, e.revision);
  const forged = events.map((e, i) => {
    const revision = (revisions.get(e.streamId) ?? -1) + 1;
    revisions.set(e.streamId, revision);
    const event = {
      eventId: `0000f09e-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      streamId: e.streamId,
      revision,
      type: e.type,
      data: e.data,
      metadata: { communityId: header.communityId, actor: 'forger', occurredAt: new Date().toISOString() },
    };
    const forgedLine: BundleEvent = {
      record: 'event',
      leafIndex: last.leafIndex + 1 + i,
      leafHash: eventLeafHash(event),
      position: String(BigInt(last.position) + 1n + BigInt(i)),
      ...event,
    };
    return forgedLine;
  });
  const at = lines.indexOf(last) + 1;
  lines.splice(at, 0, ...forged);
  header.treeSize += forged.length;
  endOf(lines).events += forged.length;
  return text(lines);
}

/** The bundle without its checkpoint lines, the end line recounted: what is left claims nothing signed. */
export function stripCheckpoints(bundle: string): string {
  const lines = parse(bundle).filter((l) => l.record !== 'checkpoint');
  endOf(lines).checkpoints = 0;
  return text(lines);
}
