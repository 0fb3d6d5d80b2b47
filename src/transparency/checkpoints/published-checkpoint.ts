import type { SignedCheckpoint } from '@gongzhi/ledger-log/checkpoint.js';
import type { StoredCheckpoint, StoredCosignature } from '../log.repository.js';

export interface PublishedCosignature {
  /** The witness's key name. */
  witness: string;
  /** POSIX seconds, as the cosignature carries it. */
  timestamp: number;
  /** "— <name> <base64>", no newline. */
  line: string;
}

/** A checkpoint as the API and the export show it: the JSON fields, the C2SP note with every cosignature line, and those cosignatures. */
export interface PublishedCheckpoint extends SignedCheckpoint {
  origin: string | null;
  note: string | null;
  cosignatures: PublishedCosignature[];
}

export function publishCheckpoint(
  c: StoredCheckpoint,
  cosignatures: readonly StoredCosignature[],
): PublishedCheckpoint {
  const { communityId, treeSize, rootHash, timestamp, signature, origin } = c;
  const mine = cosignatures.filter((s) => s.communityId === communityId && s.treeSize === treeSize);
  return {
    communityId,
    treeSize,
    rootHash,
    timestamp,
    signature,
    origin,
    note: c.note === null ? null : `${c.note}${mine.map((s) => `${s.line}\n`).join('')}`,
    cosignatures: mine.map((s) => ({ witness: s.witnessName, timestamp: s.cosignedAt, line: s.line })),
  };
}
