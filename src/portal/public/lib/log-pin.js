import { get } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { keyFingerprint, verifyConsistency } from './ledger-verify.js';

/**
 * The portal does not take the server's word for its own log. The first signed checkpoint this device
 * sees for a community pins the signing key's fingerprint, the size and the root; every later one must
 * be signed by the same key and extend what was seen (RFC 6962 consistency proof, checked here). A
 * server that swapped its key, rewrote or forked its history, or rolled it back, is caught on the
 * owner's own device, and the pin is left as it was so the warning stays.
 */

const storeKey = (communityId) => `gongzhi.log.${communityId}`;

function pinned(communityId) {
  try {
    const value = JSON.parse(localStorage.getItem(storeKey(communityId)) ?? 'null');
    return value && typeof value.fingerprint === 'string' ? value : null;
  } catch {
    return null;
  }
}

function pin(communityId, fingerprint, checkpoint) {
  try {
    localStorage.setItem(
      storeKey(communityId),
      JSON.stringify({
        fingerprint,
        treeSize: checkpoint.treeSize,
        rootHash: checkpoint.rootHash,
        timestamp: checkpoint.timestamp,
      }),
    );
  } catch {
    /* private mode: nothing is remembered, and the next check is a first one again */
  }
}

/** "a1b2 c3d4 e5f6 a7b8": the first 16 hex digits of the fingerprint, as the posted notice prints them. */
export const shortFingerprint = (fingerprint) => fingerprint.slice(0, 16).replace(/(.{4})(?!$)/g, '$1 ');

/**
 * Checks a checkpoint whose signature the caller verified against the pin for its community.
 * Answers { status: FIRST | SAME | KEY_CHANGED | ROLLED_BACK | INCONSISTENT, fingerprint, pinned }.
 */
export async function checkAgainstPin(communityId, publicKeyPem, checkpoint) {
  const fingerprint = await keyFingerprint(publicKeyPem);
  const before = pinned(communityId);
  if (!before) {
    pin(communityId, fingerprint, checkpoint);
    return { status: 'FIRST', fingerprint, pinned: null };
  }
  if (before.fingerprint !== fingerprint) return { status: 'KEY_CHANGED', fingerprint, pinned: before };
  if (checkpoint.treeSize < before.treeSize) return { status: 'ROLLED_BACK', fingerprint, pinned: before };
  let consistent;
  if (checkpoint.treeSize === before.treeSize) {
    consistent = checkpoint.rootHash === before.rootHash;
  } else {
    const enc = encodeURIComponent(communityId);
    const answer = await get(
      `/communities/${enc}/log/proofs/consistency?first=${before.treeSize}&second=${checkpoint.treeSize}`,
      { auth: false },
    );
    // Both roots are the ones this device holds signed, never the ones the answer states.
    consistent = await verifyConsistency(
      before.treeSize,
      checkpoint.treeSize,
      before.rootHash,
      checkpoint.rootHash,
      answer.proof,
    );
  }
  if (!consistent) return { status: 'INCONSISTENT', fingerprint, pinned: before };
  pin(communityId, fingerprint, checkpoint);
  return { status: 'SAME', fingerprint, pinned: before };
}

/** The signing key's short fingerprint, for the voter to compare with the notice posted in the community. */
export function keyFingerprintLine() {
  const line = h('p', { class: 'muted key-fingerprint' });
  get('/log/public-key', { auth: false })
    .then((key) => keyFingerprint(key.publicKey))
    .then((fp) => line.append(t('logKeyFingerprint', { fp: shortFingerprint(fp) })))
    .catch(() => line.remove());
  return line;
}
