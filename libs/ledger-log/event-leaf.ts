import { canonicalMember } from './canonical-json.js';
import { sha256HexOfText } from './sha256.js';

/** The part of a stored event that the transparency log commits to; nothing else is hashed. */
export interface LogEvent {
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: unknown;
}

const encoder = new TextEncoder();

/**
 * The RFC 6962 leaf input: UTF-8 of the RFC 8785 canonical JSON of exactly the six LogEvent fields.
 * Extra properties on `e` are ignored so a database row or an export record can be passed as is.
 * An undefined `data` or `metadata` is left out (as JSON.stringify would), which is not the same leaf
 * as an explicit null.
 */
export function eventLeafBytes(e: LogEvent): Uint8Array {
  return encoder.encode(eventLeafText(e));
}

/** The canonical JSON that eventLeafBytes encodes. */
export function eventLeafText(e: LogEvent): string {
  return canonicalParts(e).text;
}

/**
 * The leaf's canonical JSON written member by member, in RFC 8785 order (data, eventId, metadata,
 * revision, streamId, type), so that the canonical JSON of `data` comes out on its own as well.
 */
function canonicalParts(e: LogEvent): { text: string; data: string | undefined } {
  if (typeof e.eventId !== 'string' || typeof e.streamId !== 'string' || typeof e.type !== 'string') {
    throw new TypeError('eventId, streamId and type of a log event must be strings');
  }
  if (!Number.isSafeInteger(e.revision) || e.revision < 0) {
    throw new TypeError(
      `revision of event ${e.eventId} must be a non-negative safe integer, got ${String(e.revision)}`,
    );
  }
  // An undefined member is left out, as canonicalJson leaves out an undefined property.
  const data = e.data === undefined ? undefined : canonicalMember(e.data, 'data');
  const metadata = e.metadata === undefined ? undefined : canonicalMember(e.metadata, 'metadata');
  const text =
    `{${data === undefined ? '' : `"data":${data},`}"eventId":${canonicalMember(e.eventId, 'eventId')}` +
    `${metadata === undefined ? '' : `,"metadata":${metadata}`},"revision":${e.revision}` +
    `,"streamId":${canonicalMember(e.streamId, 'streamId')},"type":${canonicalMember(e.type, 'type')}}`;
  return { text, data };
}

/**
 * Hex of SHA-256(0x00 || eventLeafBytes(e)): the RFC 6962 leaf hash, prefix included, not a bare
 * SHA-256 of the JSON. This is the value a ballot receipt stores as `leafHash`, so it can be fed
 * straight into verifyInclusion without knowing the event's contents.
 */
export function eventLeafHash(e: LogEvent): string {
  return hashedEvent(e).leafHash;
}

export interface HashedEvent {
  /** As eventLeafHash. */
  leafHash: string;
  /** The RFC 8785 canonical JSON of the event's data, made on the way (undefined for an undefined data). */
  canonicalData: string | undefined;
}

/** eventLeafHash, and what a verifier that compares the data with a re-derivation would otherwise canonicalise again. */
export function hashedEvent(e: LogEvent): HashedEvent {
  const { text, data } = canonicalParts(e);
  // The 0x00 prefix as the string's first character: its UTF-8 is the one byte 0x00.
  return { leafHash: sha256HexOfText(`\u0000${text}`), canonicalData: data };
}
