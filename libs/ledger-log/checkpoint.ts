import { canonicalJson } from './canonical-json.js';

/** A statement that the community's log had `treeSize` leaves with root `rootHash` at `timestamp`. */
export interface Checkpoint {
  communityId: string;
  treeSize: number;
  rootHash: string;
  /** UTC, as Date.prototype.toISOString writes it. */
  timestamp: string;
}

export interface SignedCheckpoint extends Checkpoint {
  /** Base64 of the 64-byte Ed25519 signature over checkpointBytes. */
  signature: string;
}

const ROOT_HASH = /^[0-9a-f]{64}$/;
const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const encoder = new TextEncoder();

/**
 * The signed message: UTF-8 of the canonical JSON of exactly the four checkpoint fields (a
 * `signature` or any other extra property is ignored). Pure, so a browser verifier can rebuild it.
 *
 * The root must be lowercase hex: the signature covers the text, and one spelling per root keeps
 * string comparisons against MerkleLog output and receipts honest.
 */
export function checkpointBytes(c: Checkpoint): Uint8Array {
  if (typeof c.communityId !== 'string' || c.communityId === '') {
    throw new TypeError('checkpoint communityId must be a non-empty string');
  }
  if (!Number.isSafeInteger(c.treeSize) || c.treeSize < 0) {
    throw new TypeError(`checkpoint treeSize must be a non-negative safe integer, got ${String(c.treeSize)}`);
  }
  if (typeof c.rootHash !== 'string' || !ROOT_HASH.test(c.rootHash)) {
    throw new TypeError('checkpoint rootHash must be 64 lowercase hex characters');
  }
  if (typeof c.timestamp !== 'string' || !UTC_TIMESTAMP.test(c.timestamp) || Number.isNaN(Date.parse(c.timestamp))) {
    throw new TypeError(
      `checkpoint timestamp must be an ISO 8601 UTC time like 2025-01-31T08:00:00.000Z, got ${String(c.timestamp)}`,
    );
  }
  const { communityId, treeSize, rootHash, timestamp } = c;
  return encoder.encode(canonicalJson({ communityId, treeSize, rootHash, timestamp }));
}
