import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { checkpointBytes, type Checkpoint, type SignedCheckpoint } from './checkpoint.js';
import { toHex } from './hex.js';
import { sha256 } from './sha256.js';

/** A KeyObject or its PEM text (PKCS#8 for private keys, SPKI for public ones). */
export type KeyInput = KeyObject | string;

export interface SigningKeyPair {
  publicKey: string;
  privateKey: string;
}

const ED25519_SIGNATURE_BYTES = 64;

export function generateSigningKeyPair(): SigningKeyPair {
  return generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

/** Returns exactly the four checkpoint fields plus the signature, whatever else `c` carries. */
export function signCheckpoint(c: Checkpoint, privateKey: KeyInput): SignedCheckpoint {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError('checkpoints are signed with an Ed25519 private key');
  }
  const message = checkpointBytes(c);
  // Ed25519 hashes internally: the algorithm argument must be null.
  const signature = sign(null, message, key).toString('base64');
  const { communityId, treeSize, rootHash, timestamp } = c;
  return { communityId, treeSize, rootHash, timestamp, signature };
}

/** False for a bad signature, a non-Ed25519 key, or any malformed field; never throws. */
export function verifyCheckpointSignature(signed: SignedCheckpoint, publicKey: KeyInput): boolean {
  try {
    const key = toPublicKey(publicKey);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    const signature = strictBase64(signed.signature);
    if (!signature || signature.length !== ED25519_SIGNATURE_BYTES) return false;
    return verify(null, checkpointBytes(signed), key, signature);
  } catch {
    return false;
  }
}

/**
 * Lowercase hex SHA-256 of the key's DER SubjectPublicKeyInfo, i.e. of the base64-decoded body of
 * its PEM, so anyone holding the published PEM can recompute it without a crypto library.
 * A private key is accepted and fingerprinted by its public half.
 */
export function publicKeyFingerprint(publicKey: KeyInput): string {
  const der = toPublicKey(publicKey).export({ type: 'spki', format: 'der' });
  return toHex(sha256(der));
}

function toPublicKey(key: KeyInput): KeyObject {
  if (typeof key === 'string') return createPublicKey(key);
  return key.type === 'public' ? key : createPublicKey(key);
}

// Buffer.from(…, 'base64') skips junk and ignores unused trailing bits, so several strings would decode
// to one signature; requiring the canonical spelling keeps a signed checkpoint's text unique.
function strictBase64(s: unknown): Buffer | undefined {
  if (typeof s !== 'string') return undefined;
  const bytes = Buffer.from(s, 'base64');
  return bytes.toString('base64') === s ? bytes : undefined;
}
