import { readFileSync } from 'node:fs';
import { checkpointBytes, type SignedCheckpoint } from '../../../libs/ledger-log/checkpoint.js';
import type { OtherCheckpoint } from './other-checkpoints.js';

/**
 * The checkpoints a person kept from an earlier visit (`--checkpoint FILE`): the answer of
 * GET /communities/{cid}/log/checkpoint saved as it came, a list of them (…/log/checkpoints), or a
 * bundle's checkpoint line. Whether each is signed by the right key is the verification's to say; what
 * cannot even be read as a checkpoint is an error of the command, with the file named.
 */
export function readSavedCheckpoints(path: string): OtherCheckpoint[] {
  const text = readFileSync(path, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('it is not JSON: save the answer of GET /api/v1/communities/{cid}/log/checkpoint as it came');
  }
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new Error('it holds no checkpoint');
  return list.map((item, i) => ({ source: list.length === 1 ? path : `${path} [${i}]`, checkpoint: signedCheckpointOf(item) }));
}

function signedCheckpointOf(value: unknown): SignedCheckpoint {
  const c = (value ?? {}) as Partial<SignedCheckpoint>;
  try {
    checkpointBytes(c as SignedCheckpoint);
  } catch (error) {
    throw new Error(`it is not a checkpoint: ${(error as Error).message}`);
  }
  if (typeof c.signature !== 'string') throw new Error('the checkpoint has no signature');
  const { communityId, treeSize, rootHash, timestamp, signature } = c as SignedCheckpoint;
  return { communityId, treeSize, rootHash, timestamp, signature };
}
