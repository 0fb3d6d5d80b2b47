import type { KeyObject } from 'node:crypto';
import {
  COSIGNATURE_ED25519,
  ed25519NoteVerifier,
  ed25519RawPublicKey,
  NOTE_ED25519,
  type NoteVerifier,
  parseNote,
  parseVkey,
  verifyNote,
} from '@gongzhi/ledger-log/signed-note.js';
import { parseCheckpointText } from '@gongzhi/ledger-log/tlog-checkpoint.js';
import { ed25519CosignatureVerifier, isBy } from '@gongzhi/ledger-log/tlog-cosignature.js';
import type { BundleHeader } from '../../transparency/export/bundle-format.js';
import type { PinnedKey } from './pinned-key.js';

/** A street office's witness, named on the command line by its C2SP vkey (signature type 0x04). */
export interface Witness {
  name: string;
  verifier: NoteVerifier;
}

/** Reads a witness vkey; throws a message a person can act on. */
export function parseWitness(vkey: string): Witness {
  let key;
  try {
    key = parseVkey(vkey.trim());
  } catch (error) {
    throw new Error(`the witness vkey ${JSON.stringify(vkey)} cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (key.type !== COSIGNATURE_ED25519) {
    throw new Error(
      `the witness vkey ${JSON.stringify(vkey)} is of signature type 0x${key.type.toString(16).padStart(2, '0')}; a witness cosigns with an Ed25519 cosignature key (type 0x04)`,
    );
  }
  return { name: key.name, verifier: ed25519CosignatureVerifier(key) };
}

/**
 * The verifier of the log's note signatures: the pinned vkey when one was pinned, else the vkey the
 * bundle names, which must be the very key of its PEM (the fingerprint compares the PEM alone).
 */
export function logNoteVerifier(
  header: BundleHeader,
  headerKey: KeyObject | null,
  pinned: PinnedKey | null,
): NoteVerifier | string {
  if (pinned?.vkey) return ed25519NoteVerifier(pinned.vkey);
  if (!header.vkey) return "the bundle names no vkey to check its checkpoints' signed notes with";
  try {
    const vkey = parseVkey(header.vkey);
    if (vkey.type !== NOTE_ED25519) return `the header's vkey is not an Ed25519 note key (type 0x01)`;
    if (!headerKey || Buffer.compare(Buffer.from(vkey.publicKey), Buffer.from(ed25519RawPublicKey(headerKey))) !== 0) {
      return "the header's vkey is not the key of its publicKey";
    }
    return ed25519NoteVerifier(vkey);
  } catch (error) {
    return `the header's vkey cannot be read: ${(error as Error).message}`;
  }
}

/**
 * Null when the note is the log's signed statement of this very checkpoint: its signature by the log's
 * key holds, and its text names the community's origin, this tree size and this root. Else why not.
 */
export function noteProblem(
  note: string,
  expected: { communityId: string; origin: string | undefined; treeSize: number; rootHash: string },
  verifier: NoteVerifier,
): string | null {
  let text: string;
  try {
    text = verifyNote(note, [verifier]).text;
  } catch (error) {
    return `its signed note does not hold under the log's key ${verifier.name}: ${(error as Error).message}`;
  }
  try {
    const c = parseCheckpointText(text);
    if (expected.origin === undefined || c.origin !== expected.origin)
      return `its signed note is for origin ${JSON.stringify(c.origin)}, not this log's ${JSON.stringify(expected.origin ?? null)}`;
    // Witnesses keep one history per origin: a community's checkpoints under an origin of another name would escape them.
    if (!c.origin.endsWith(`/community/${expected.communityId}`))
      return `its signed note is for origin ${JSON.stringify(c.origin)}, which is not community ${expected.communityId}'s (<log origin>/community/${expected.communityId})`;
    if (c.treeSize !== expected.treeSize || c.rootHash !== expected.rootHash) {
      return `its signed note says ${c.treeSize} leaves with root ${c.rootHash}, the checkpoint ${expected.treeSize} leaves with root ${expected.rootHash}`;
    }
  } catch (error) {
    return `its signed note is not a checkpoint: ${(error as Error).message}`;
  }
  return null;
}

/** Which of the named witnesses cosigned the note (their cosignature holds), and which carry a cosignature that does not. */
export function cosignersOf(
  note: string | null | undefined,
  witnesses: readonly Witness[],
): { cosigned: string[]; forged: string[] } {
  const cosigned: string[] = [];
  const forged: string[] = [];
  if (!note) return { cosigned, forged };
  let signatures;
  try {
    signatures = parseNote(note).signatures;
  } catch {
    return { cosigned, forged };
  }
  for (const witness of witnesses) {
    if (!signatures.some((s) => isBy(s, witness.verifier))) continue;
    try {
      verifyNote(note, [witness.verifier]);
      cosigned.push(witness.name);
    } catch {
      forged.push(witness.name);
    }
  }
  return { cosigned, forged };
}
