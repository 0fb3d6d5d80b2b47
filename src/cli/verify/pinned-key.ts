import { createPublicKey, type KeyObject } from 'node:crypto';
import { publicKeyFingerprint } from '@gongzhi/ledger-log/checkpoint-signing.js';
import { ed25519PublicKey, NOTE_ED25519, parseVkey, type VerifierKey } from '@gongzhi/ledger-log/signed-note.js';

/**
 * The log key the person running `verify` trusts, learnt from somewhere other than the bundle (the
 * notice on the board, GET /log/public-key read on another day, the street office's records). A bundle
 * names its own key; anyone can sign a bundle with a key of their own, so only a pinned key makes a
 * signature mean "the community's log said this".
 */
export interface PinnedKey {
  /** Lowercase hex SHA-256 of the key's SPKI DER: what every other spelling is compared by. */
  fingerprint: string;
  /** The key itself when it was given whole (a PEM, a vkey); a bare fingerprint leaves the bundle's own key to be checked against it. */
  publicKey: KeyObject | null;
  /** Given as a C2SP vkey: its name and key id too, which the checkpoints' signed notes must carry. */
  vkey: VerifierKey | null;
}

const FINGERPRINT = /^[0-9a-f]{64}$/i;
const VKEY = /^[^+\s]+\+[0-9a-f]{8}\+\S+$/;

/**
 * Reads the key as given: 64 hex digits (the `fingerprint` of GET /log/public-key), the text of an SPKI
 * PEM, or a C2SP vkey (`vkey` of GET /log/public-key). Throws a message a person can act on when it is
 * none of these, or not an Ed25519 key.
 */
export function parsePinnedKey(text: string): PinnedKey {
  const trimmed = text.trim();
  if (FINGERPRINT.test(trimmed)) return { fingerprint: trimmed.toLowerCase(), publicKey: null, vkey: null };
  if (VKEY.test(trimmed)) {
    let vkey: VerifierKey;
    try {
      vkey = parseVkey(trimmed);
    } catch (error) {
      throw new Error(`the vkey cannot be read: ${(error as Error).message}`, { cause: error });
    }
    if (vkey.type !== NOTE_ED25519)
      throw new Error(
        `the vkey is of signature type 0x${vkey.type.toString(16).padStart(2, '0')}, a witness's; the log signs its checkpoints with an Ed25519 note key (type 0x01)`,
      );
    const publicKey = ed25519PublicKey(vkey.publicKey);
    return { fingerprint: publicKeyFingerprint(publicKey), publicKey, vkey };
  }
  if (trimmed.includes('-----BEGIN')) {
    let key: KeyObject;
    try {
      key = createPublicKey(trimmed);
    } catch (error) {
      throw new Error(`the PEM is not a public key: ${(error as Error).message}`, { cause: error });
    }
    if (key.asymmetricKeyType !== 'ed25519')
      throw new Error(`the PEM holds a ${key.asymmetricKeyType} key; the log signs with Ed25519`);
    return { fingerprint: publicKeyFingerprint(key), publicKey: key, vkey: null };
  }
  throw new Error(
    'give the key as its fingerprint (64 hex digits, "fingerprint" of GET /log/public-key), a PEM public key file, or its C2SP vkey ("vkey" of GET /log/public-key)',
  );
}
