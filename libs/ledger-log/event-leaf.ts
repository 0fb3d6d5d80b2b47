import { canonicalJson } from './canonical-json.js';
import { toHex } from './hex.js';
import { hashLeaf } from './tree-hash.js';

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
  if (typeof e.eventId !== 'string' || typeof e.streamId !== 'string' || typeof e.type !== 'string') {
    throw new TypeError('eventId, streamId and type of a log event must be strings');
  }
  if (!Number.isSafeInteger(e.revision) || e.revision < 0) {
    throw new TypeError(
      `revision of event ${e.eventId} must be a non-negative safe integer, got ${String(e.revision)}`,
    );
  }
  const leaf = {
    eventId: e.eventId,
    streamId: e.streamId,
    revision: e.revision,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
  };
  return encoder.encode(canonicalJson(leaf));
}

/**
 * Hex of SHA-256(0x00 || eventLeafBytes(e)): the RFC 6962 leaf hash, prefix included, not a bare
 * SHA-256 of the JSON. This is the value a ballot receipt stores as `leafHash`, so it can be fed
 * straight into verifyInclusion without knowing the event's contents.
 */
export function eventLeafHash(e: LogEvent): string {
  return toHex(hashLeaf(eventLeafBytes(e)));
}
