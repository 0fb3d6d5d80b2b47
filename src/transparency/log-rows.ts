// The transparency log's rows as pg answers them: bigint columns (sizes, indexes, positions, POSIX seconds)
// as strings, timestamptz as Date, jsonb parsed.

/** log_leaves: one event's leaf in its community's log. */
export interface LeafTableRow {
  community_id: string;
  leaf_index: string;
  event_id: string;
  stream_id: string;
  revision: string;
  position: string;
  leaf_hash: string;
}

/** log_heads: how far a community's log has grown, and since when its last leaf waits for a checkpoint. */
export interface HeadTableRow {
  community_id: string;
  tree_size: string;
  last_leaf_hash: string | null;
  first_unsigned_at: Date | null;
}

/** log_checkpoints: a signed tree head. */
export interface CheckpointTableRow {
  community_id: string;
  tree_size: string;
  root_hash: string;
  /** ISO time as signed: text, so it reads back exactly as the signature covers it. */
  signed_at: string;
  signature: string;
  key_fingerprint: string;
  consistency_proof: string[];
  created_at: Date;
  origin: string | null;
  note: string | null;
}

/** log_cosignatures: a witness's cosignature of one checkpoint. */
export interface CosignatureTableRow {
  community_id: string;
  tree_size: string;
  witness_vkey: string;
  witness_name: string;
  cosigned_at: string;
  line: string;
  received_at: Date;
}

/** A head locked for a batch of appends, and what the batch needs to know, read once the lock is held (LogRepository.lockHeadForAppend). */
export interface HeadForAppendRow extends Pick<HeadTableRow, 'tree_size' | 'last_leaf_hash'> {
  logged: string[];
  /** Signed roots by tree size (jsonb object keys are text). */
  signed_roots: Record<string, string>;
  latest_signed_size: string | null;
}
