import * as ledgerLog from './index.js';
import {
  eventLeafHash,
  generateSigningKeyPair,
  MerkleLog,
  signCheckpoint,
  verifyCheckpointSignature,
  verifyConsistency,
  verifyInclusion,
  type LogEvent,
} from './index.js';

const events: LogEvent[] = Array.from({ length: 11 }, (_, i) => ({
  eventId: `evt-${i}`,
  streamId: i % 2 ? 'resolution-1' : 'ledger-1',
  revision: Math.floor(i / 2),
  type: i % 2 ? 'BallotCast' : 'PaymentRecorded',
  data: i % 2 ? { unit: `1栋-${100 + i}`, choice: '赞成' } : { amountFen: 1000 * i, payer: `业主${i}` },
  metadata: { at: `2025-03-01T08:${String(10 + i).padStart(2, '0')}:00.000Z` },
}));

describe('the ledger-log public API', () => {
  const { publicKey, privateKey } = generateSigningKeyPair();
  const log = MerkleLog.from(events.map(eventLeafHash));
  const checkpointAt = (treeSize: number) =>
    signCheckpoint(
      { communityId: 'community-1', treeSize, rootHash: log.root(treeSize), timestamp: '2025-03-01T09:00:00.000Z' },
      privateKey,
    );

  it('lets an owner prove a ballot from its receipt against a signed checkpoint', () => {
    const receipt = { eventId: events[7].eventId, leafHash: eventLeafHash(events[7]), index: 7 };
    const checkpoint = checkpointAt(11);
    expect(verifyCheckpointSignature(checkpoint, publicKey)).toBe(true);
    const proof = log.inclusionProof(receipt.index, checkpoint.treeSize);
    expect(verifyInclusion(receipt.leafHash, receipt.index, checkpoint.treeSize, proof, checkpoint.rootHash)).toBe(
      true,
    );
  });

  it('exposes one byte changed in a stored event: its leaf no longer proves against the checkpoint', () => {
    const checkpoint = checkpointAt(11);
    const tampered = { ...events[3], data: { unit: '1栋-103', choice: '反对' } };
    const proof = log.inclusionProof(3, 11);
    expect(verifyInclusion(eventLeafHash(tampered), 3, 11, proof, checkpoint.rootHash)).toBe(false);
  });

  it('lets anyone check that a later checkpoint only extends an earlier one', () => {
    const earlier = checkpointAt(6);
    const later = checkpointAt(11);
    const proof = log.consistencyProof(earlier.treeSize, later.treeSize);
    expect(verifyConsistency(earlier.treeSize, later.treeSize, earlier.rootHash, later.rootHash, proof)).toBe(true);

    const rewritten = MerkleLog.from(
      [...events.slice(0, 5), { ...events[5], revision: 9 }, ...events.slice(6)].map(eventLeafHash),
    );
    expect(verifyConsistency(6, 11, earlier.rootHash, rewritten.root(11), rewritten.consistencyProof(6, 11))).toBe(
      false,
    );
  });

  it('exports exactly the documented names', () => {
    expect(Object.keys(ledgerLog).sort()).toEqual([
      'COSIGNATURE_ED25519',
      'CanonicalJsonError',
      'EMPTY_TREE_ROOT',
      'MerkleLog',
      'NOTE_ED25519',
      'NoteError',
      'canonicalJson',
      'canonicalSha256',
      'checkpointBytes',
      'consistencyProof',
      'cosignatureTimestamp',
      'cosignedMessage',
      'ed25519CosignatureVerifier',
      'ed25519Cosigner',
      'ed25519NoteSigner',
      'ed25519NoteVerifier',
      'eventLeafBytes',
      'eventLeafHash',
      'formatCheckpointText',
      'formatSignatureLine',
      'formatVkey',
      'fromHex',
      'generateSigningKeyPair',
      'inclusionProof',
      'noteKeyId',
      'parseCheckpointText',
      'parseNote',
      'parseSignatureLine',
      'parseVkey',
      'publicKeyFingerprint',
      'rootOf',
      'signCheckpoint',
      'signNote',
      'toHex',
      'verifyCheckpointSignature',
      'verifyConsistency',
      'verifyInclusion',
      'verifyNote',
      'withSignatureLines',
    ]);
  });
});
