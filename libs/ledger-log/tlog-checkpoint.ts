import { fromHex, toHex } from './hex.js';
import { NoteError, strictBase64 } from './signed-note.js';

/**
 * c2sp.org/tlog-checkpoint: the note text of a checkpoint, at least three non-empty lines — the origin,
 * the tree size in decimal with no leading zero, the base64 RFC 6962 root — and optional extension lines.
 * Roots are lowercase hex everywhere else in Gongzhi; the conversion to and from base64 happens here only.
 */
export interface CheckpointText {
  origin: string;
  treeSize: number;
  /** Lowercase hex of the 32-byte root. */
  rootHash: string;
  extensions: string[];
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

export function formatCheckpointText(c: {
  origin: string;
  treeSize: number;
  rootHash: string;
  extensions?: readonly string[];
}): string {
  if (c.origin === '' || /[\n]/.test(c.origin)) throw new NoteError('a checkpoint origin is one non-empty line');
  if (!Number.isSafeInteger(c.treeSize) || c.treeSize < 0)
    throw new NoteError(`a checkpoint tree size is a whole number, got ${String(c.treeSize)}`);
  const root = fromHex(c.rootHash);
  if (root.length !== 32) throw new NoteError('a checkpoint root hash is 32 bytes');
  const extensions = c.extensions ?? [];
  if (extensions.some((l) => l === '' || l.includes('\n')))
    throw new NoteError('checkpoint extension lines are non-empty single lines');
  return [c.origin, String(c.treeSize), Buffer.from(root).toString('base64'), ...extensions]
    .map((l) => `${l}\n`)
    .join('');
}

export function parseCheckpointText(text: string): CheckpointText {
  if (!text.endsWith('\n')) throw new NoteError('a checkpoint text ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new NoteError('a checkpoint has an origin, a tree size and a root hash line');
  if (lines.some((l) => l === '')) throw new NoteError('checkpoint lines are non-empty');
  const [origin, size, root, ...extensions] = lines;
  if (!DECIMAL.test(size) || !Number.isSafeInteger(Number(size)))
    throw new NoteError(`the checkpoint tree size ${JSON.stringify(size)} is not a decimal with no leading zero`);
  const rootBytes = strictBase64(root);
  if (!rootBytes || rootBytes.length !== 32) throw new NoteError('the checkpoint root hash is not base64 of 32 bytes');
  return { origin, treeSize: Number(size), rootHash: toHex(rootBytes), extensions };
}
