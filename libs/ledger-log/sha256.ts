import { createHash } from 'node:crypto';

/**
 * The one place the Merkle code reaches into node:crypto. A browser port of the verifier replaces
 * this file with a synchronous SHA-256 and keeps everything else.
 */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}
