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
