/**
 * The export bundle, one JSON value per line (NDJSON), in this order: a header, every event of the
 * community in log order, every checkpoint smallest first, and an end line whose counts let a verifier
 * tell a complete download from a cut one. Types, and how a line is written; the offline verifier imports this file.
 *
 * Version 1. Changing a field's meaning needs a new version; `gongzhi verify` refuses versions it does not know.
 */
import { eventLeafText } from '@gongzhi/ledger-log/event-leaf.js';

export const BUNDLE_FORMAT = 'gongzhi-log-export';
export const BUNDLE_VERSION = 1;

export interface BundleHeader {
  record: 'header';
  format: typeof BUNDLE_FORMAT;
  version: number;
  communityId: string;
  /** SPKI PEM of the Ed25519 key that signs the checkpoints. */
  publicKey: string;
  /** Lowercase hex SHA-256 of the key's DER (libs/ledger-log README). */
  keyFingerprint: string;
  /** The same key as a C2SP vkey "<name>+<key id>+<base64(0x01 || key)>" (c2sp.org/signed-note). */
  vkey?: string;
  /** The origin line of this community's C2SP checkpoints. */
  origin?: string;
  /** The log size this export stops at. */
  treeSize: number;
  exportedAt: string;
}

/** One leaf of the log and the stored event behind it. `leafHash` is what the log recorded when it appended the leaf. */
export interface BundleEvent {
  record: 'event';
  leafIndex: number;
  leafHash: string;
  eventId: string;
  streamId: string;
  revision: number;
  /** Global position, a decimal string (bigint). */
  position: string;
  type: string;
  data: unknown;
  metadata: unknown;
}

/** A leaf whose event the event store no longer holds where the log recorded it. */
export interface BundleMissingEvent {
  record: 'event';
  leafIndex: number;
  leafHash: string;
  eventId: string;
  streamId: string;
  revision: number;
  missing: true;
}

export interface BundleCheckpoint {
  record: 'checkpoint';
  communityId: string;
  treeSize: number;
  rootHash: string;
  timestamp: string;
  signature: string;
  keyFingerprint: string;
  /** From the checkpoint before (empty for the first). */
  consistencyProof: string[];
  /** The C2SP tlog-checkpoint origin line; null for a checkpoint signed before notes existed. */
  origin?: string | null;
  /**
   * The C2SP signed note: "<origin>\n<treeSize>\n<base64 root>\n", a blank line, the log key's signature
   * line, then each witness cosignature line (c2sp.org/tlog-cosignature). Null as for origin.
   */
  note?: string | null;
  /** The witness cosignatures in the note, one object each. */
  cosignatures?: { witness: string; timestamp: number; line: string }[];
}

export interface BundleEnd {
  record: 'end';
  events: number;
  checkpoints: number;
}

export type BundleLine = BundleHeader | BundleEvent | BundleMissingEvent | BundleCheckpoint | BundleEnd;

/**
 * A line as the server writes it. An event line is its four bundle members followed by the members of the
 * leaf's canonical JSON, byte for byte what the log hashed: `{"record":"event","leafIndex":…,"leafHash":"…",
 * "position":"…",` and then the leaf's text without its opening brace. It parses as the same BundleEvent as any
 * other JSON of it, and a verifier can hash the leaf as it stands instead of writing its canonical JSON again. A
 * line written otherwise (by hand, by an older server, or changed) is still a BundleEvent, only hashed the slow way.
 */
export function bundleLineText(line: BundleLine): string {
  if (line.record !== 'event' || 'missing' in line) return JSON.stringify(line);
  let leafText: string;
  try {
    leafText = eventLeafText(line);
  } catch {
    // Stored data with no canonical JSON (changed in the database): written plainly, for the verifier to name.
    return JSON.stringify(line);
  }
  return eventLineAround(line, leafText);
}

/** An event line's four bundle members, then the members of `leafText` as they stand: the layout, written once. */
export function eventLineAround(line: Pick<BundleEvent, 'leafIndex' | 'leafHash' | 'position'>, leafText: string) {
  return (
    `{"record":"event","leafIndex":${line.leafIndex},"leafHash":"${line.leafHash}","position":"${line.position}",` +
    leafText.slice(1)
  );
}

/** The opening bundleLineText writes: only digits and lowercase hex in it, so it cannot reach into the leaf. */
const EVENT_LINE_OPENING = /^\{"record":"event","leafIndex":(?:0|[1-9]\d*),"leafHash":"[0-9a-f]{64}","position":"\d+",/;

/**
 * The leaf text an event line written by bundleLineText carries, as it stands (null for a line written
 * otherwise). Nothing here says the text is canonical, or the leaf's: only its hash against the signed tree can.
 */
export function leafTextOfEventLine(line: string): string | null {
  const opening = EVENT_LINE_OPENING.exec(line);
  return opening === null ? null : `{${line.slice(opening[0].length)}`;
}
