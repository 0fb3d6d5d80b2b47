import { canonicalJson } from './canonical-json.js';
import { toHex } from './hex.js';
import { sha256 } from './sha256.js';

const encoder = new TextEncoder();

/**
 * Lowercase hex SHA-256 of the UTF-8 canonical JSON (RFC 8785) of a value: the seal of a published
 * document, e.g. a statement's content (StatementPublished.contentSha256). A bare SHA-256, unlike a
 * leaf hash: anyone recomputes it with `sha256sum` over the canonical JSON.
 */
export function canonicalSha256(value: unknown): string {
  return toHex(sha256(encoder.encode(canonicalJson(value))));
}
