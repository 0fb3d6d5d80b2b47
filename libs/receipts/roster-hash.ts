import { rosterDocument } from '@gongzhi/domain/voting/frozen-roster.js';
import type { Voter } from '@gongzhi/domain/registry/counting.js';
import { canonicalJson } from '@gongzhi/ledger-log/canonical-json.js';
import { sha256HexOfText } from '@gongzhi/ledger-log/sha256.js';

/**
 * The roster's fingerprint as a vote's or an election's open event freezes it (rule 4): the SHA-256 of the
 * canonical JSON of the roster document. Here, beside the domain and the log, so the open handlers and an
 * offline check compute it the one way.
 */
export function rosterHash(voters: readonly Voter[]): string {
  return sha256HexOfText(canonicalJson(rosterDocument(voters)));
}
