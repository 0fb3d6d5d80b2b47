export { canonicalJson, CanonicalJsonError } from './canonical-json.js';
export { canonicalSha256 } from './canonical-sha256.js';
export { eventLeafBytes, eventLeafHash, type LogEvent } from './event-leaf.js';
export { consistencyProof, EMPTY_TREE_ROOT, inclusionProof, rootOf } from './merkle.js';
export { MerkleLog } from './merkle-log.js';
export { verifyConsistency, verifyInclusion } from './proofs.js';
export { checkpointBytes, type Checkpoint, type SignedCheckpoint } from './checkpoint.js';
export {
  generateSigningKeyPair,
  publicKeyFingerprint,
  signCheckpoint,
  verifyCheckpointSignature,
  type KeyInput,
  type SigningKeyPair,
} from './checkpoint-signing.js';
export { fromHex, toHex } from './hex.js';
export {
  COSIGNATURE_ED25519,
  ed25519NoteSigner,
  ed25519NoteVerifier,
  formatSignatureLine,
  formatVkey,
  NOTE_ED25519,
  NoteError,
  noteKeyId,
  parseNote,
  parseSignatureLine,
  parseVkey,
  signNote,
  verifyNote,
  withSignatureLines,
  type Note,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type VerifiedNote,
  type VerifierKey,
} from './signed-note.js';
export { formatCheckpointText, parseCheckpointText, type CheckpointText } from './tlog-checkpoint.js';
export {
  cosignatureTimestamp,
  cosignedMessage,
  ed25519CosignatureVerifier,
  ed25519Cosigner,
  type Cosigner,
} from './tlog-cosignature.js';
