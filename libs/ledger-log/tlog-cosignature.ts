import { createPrivateKey, type KeyObject, sign, verify } from 'node:crypto';
import {
  COSIGNATURE_ED25519,
  ed25519PublicKey,
  ed25519RawPublicKey,
  formatSignatureLine,
  formatVkey,
  NoteError,
  noteKeyId,
  type NoteSignature,
  type NoteVerifier,
  parseVkey,
  type VerifierKey,
} from './signed-note.js';

/**
 * c2sp.org/tlog-cosignature, Ed25519 (signature type 0x04): a witness's note signature over
 * "cosignature/v1\ntime <T>\n" followed by the checkpoint text, carried as 8 bytes of big-endian T and the
 * 64-byte signature. T is POSIX seconds and never zero.
 */
const encoder = new TextEncoder();
const ED25519_SIGNATURE_BYTES = 64;

export function cosignedMessage(checkpointText: string, timestamp: bigint): Uint8Array {
  return encoder.encode(`cosignature/v1\ntime ${timestamp.toString()}\n${checkpointText}`);
}

export interface Cosigner {
  name: string;
  keyId: number;
  vkey: string;
  /** The signature line (without newline) over `checkpointText` at `timestamp` (POSIX seconds). */
  cosign(checkpointText: string, timestamp: bigint): string;
}

export function ed25519Cosigner(name: string, privateKey: KeyObject | string): Cosigner {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519')
    throw new NoteError('a cosigner needs an Ed25519 private key');
  const publicKey = ed25519RawPublicKey(key);
  const keyId = noteKeyId(name, COSIGNATURE_ED25519, publicKey);
  return {
    name,
    keyId,
    vkey: formatVkey(name, COSIGNATURE_ED25519, publicKey),
    cosign(checkpointText, timestamp) {
      if (timestamp <= 0n || timestamp > 2n ** 63n - 1n)
        throw new NoteError('a cosignature timestamp is positive and below 2^63');
      const body = Buffer.alloc(8 + ED25519_SIGNATURE_BYTES);
      body.writeBigUInt64BE(timestamp, 0);
      body.set(sign(null, cosignedMessage(checkpointText, timestamp), key), 8);
      return formatSignatureLine(name, keyId, body);
    },
  };
}

/** The timestamp a cosignature signature (the bytes after the key id) carries. */
export function cosignatureTimestamp(sig: Uint8Array): bigint {
  if (sig.length !== 8 + ED25519_SIGNATURE_BYTES)
    throw new NoteError('an Ed25519 cosignature is 72 bytes after its key id');
  return Buffer.from(sig).readBigUInt64BE(0);
}

/** A note verifier for a witness's cosignature vkey (type 0x04): use it with verifyNote like any key. */
export function ed25519CosignatureVerifier(vkey: string | VerifierKey): NoteVerifier {
  const k = typeof vkey === 'string' ? parseVkey(vkey) : vkey;
  if (k.type !== COSIGNATURE_ED25519) throw new NoteError('not an Ed25519 cosignature key (type 0x04)');
  const key = ed25519PublicKey(k.publicKey);
  return {
    name: k.name,
    keyId: k.keyId,
    verify(text, sig) {
      if (sig.length !== 8 + ED25519_SIGNATURE_BYTES) return false;
      const timestamp = Buffer.from(sig).readBigUInt64BE(0);
      if (timestamp === 0n || timestamp > 2n ** 63n - 1n) return false;
      return verify(null, cosignedMessage(text, timestamp), key, sig.subarray(8));
    },
  };
}

/** Whether a parsed signature line is by the key of this verifier (name and key id both match). */
export function isBy(signature: NoteSignature, verifier: NoteVerifier): boolean {
  return signature.name === verifier.name && signature.keyId === verifier.keyId;
}
