import { createHash, hash } from 'node:crypto';

/**
 * The one place the Merkle code reaches into node:crypto. A browser port of the verifier replaces
 * this file with a synchronous SHA-256 and keeps everything else.
 */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

/**
 * SHA-256 of the bytes in `input` (a string is hashed as its UTF-8) in one call: no hash object, no
 * intermediate byte array. What a verifier calls once per event and per tree node.
 */
export function sha256Once(input: string | Uint8Array): Uint8Array {
  return hash('sha256', input, 'buffer');
}

/** Hex SHA-256 of a string's UTF-8, in one call. */
export function sha256HexOfText(text: string): string {
  return hash('sha256', text, 'hex');
}
