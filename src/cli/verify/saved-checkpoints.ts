import { readFileSync } from 'node:fs';
import { checkpointBytes, type SignedCheckpoint } from '@gongzhi/ledger-log/checkpoint.js';
import { parseNote } from '@gongzhi/ledger-log/signed-note.js';
import { parseCheckpointText } from '@gongzhi/ledger-log/tlog-checkpoint.js';
import type { OtherCheckpoint } from './other-checkpoints.js';

/**
 * The checkpoints a person kept from an earlier visit (`--checkpoint FILE`): the answer of
 * GET /communities/{cid}/log/checkpoint saved as it came, a list of them (…/log/checkpoints), a
 * bundle's checkpoint line, or a C2SP checkpoint note (its `note`, or what a witness or monitor served). Whether each is signed by the right key is the verification's to say; what
 * cannot even be read as a checkpoint is an error of the command, with the file named.
 */
export function readSavedCheckpoints(path: string): OtherCheckpoint[] {
  const text = readFileSync(path, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [{ source: path, note: checkpointNote(text) }];
  }
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new Error('it holds no checkpoint');
  return list.map((item, i) => ({
    source: list.length === 1 ? path : `${path} [${i}]`,
    checkpoint: signedCheckpointOf(item),
  }));
}

function signedCheckpointOf(value: unknown): SignedCheckpoint {
  const c = (value ?? {}) as Partial<SignedCheckpoint>;
  try {
    checkpointBytes(c as SignedCheckpoint);
  } catch (error) {
    throw new Error(`it is not a checkpoint: ${(error as Error).message}`, { cause: error });
  }
  if (typeof c.signature !== 'string') throw new Error('the checkpoint has no signature');
  const { communityId, treeSize, rootHash, timestamp, signature } = c as SignedCheckpoint;
  return { communityId, treeSize, rootHash, timestamp, signature };
}

function checkpointNote(text: string): string {
  try {
    parseCheckpointText(parseNote(text).text);
    return text;
  } catch (error) {
    throw new Error(
      `it is neither JSON nor a C2SP checkpoint note (${(error as Error).message}): save the answer of GET /api/v1/communities/{cid}/log/checkpoint as it came`,
      { cause: error },
    );
  }
}
