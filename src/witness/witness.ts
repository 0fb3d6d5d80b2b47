import { EMPTY_TREE_ROOT } from '@gongzhi/ledger-log/merkle.js';
import { verifyConsistency } from '@gongzhi/ledger-log/proofs.js';
import {
  ed25519NoteVerifier,
  NoteError,
  type NoteVerifier,
  parseNote,
  strictBase64,
  verifyNote,
} from '@gongzhi/ledger-log/signed-note.js';
import { toHex } from '@gongzhi/ledger-log/hex.js';
import { parseCheckpointText } from '@gongzhi/ledger-log/tlog-checkpoint.js';
import type { Cosigner } from '@gongzhi/ledger-log/tlog-cosignature.js';
import type { WitnessStore } from './witness-store.js';

/** A log the witness vouches for: an exact origin, or every origin under a prefix ("<prefix>/*"), and the log's vkeys. */
export interface WitnessedLog {
  origin: string;
  vkeys: string[];
}

export interface WitnessAnswer {
  status: number;
  contentType: string;
  body: string;
}

const MAX_PROOF_LINES = 63;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly origin: string | null = null,
    readonly answer?: string,
  ) {
    super(message);
  }
}

/**
 * The add-checkpoint rules of c2sp.org/tlog-witness, in the order the spec gives them. Check and persist
 * run one request at a time per origin, so two requests can never both pass the "old size" check; the new
 * state is on disk before the cosignature leaves. Every refusal is kept as evidence before it is answered.
 */
export class Witness {
  private readonly verifiers: { origin: string; prefix: boolean; keys: NoteVerifier[] }[];
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly cosigner: Cosigner,
    logs: readonly WitnessedLog[],
    private readonly store: WitnessStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.verifiers = logs.map((l) => ({
      origin: l.origin.endsWith('/*') ? l.origin.slice(0, -1) : l.origin,
      prefix: l.origin.endsWith('/*'),
      keys: l.vkeys.map((k) => ed25519NoteVerifier(k)),
    }));
  }

  get vkey(): string {
    return this.cosigner.vkey;
  }

  async addCheckpoint(body: string): Promise<WitnessAnswer> {
    try {
      const request = parseRequest(body);
      const origin = request.checkpoint.origin;
      // Until the log's signature holds, a refusal is anyone's request: it goes to the unattributed file, so an
      // origin's own file holds only what its log signed, the evidence that counts (and no file per made-up origin).
      const keys = this.keysOf(origin);
      if (!keys) throw new Refusal(404, `this witness does not witness the log ${origin}`);
      try {
        verifyNote(request.note, keys);
      } catch (error) {
        throw new Refusal(
          403,
          `the checkpoint is not validly signed by a key of ${origin}: ${(error as Error).message}`,
        );
      }
      if (request.oldSize > request.checkpoint.treeSize)
        throw new Refusal(
          400,
          `old size ${request.oldSize} exceeds the checkpoint size ${request.checkpoint.treeSize}`,
          origin,
        );
      return await this.serially(origin, () => this.cosign(request));
    } catch (error) {
      const refusal =
        error instanceof Refusal ? error : error instanceof NoteError ? new Refusal(400, error.message) : null;
      if (!refusal) throw error;
      await this.store.recordEvidence({
        receivedAt: this.now().toISOString(),
        status: refusal.status,
        reason: refusal.message,
        origin: refusal.origin,
        body,
      });
      return refusal.answer !== undefined
        ? { status: refusal.status, contentType: 'text/x.tlog.size', body: refusal.answer }
        : { status: refusal.status, contentType: 'text/plain; charset=utf-8', body: `${refusal.message}\n` };
    }
  }

  /** A request refused before it could be read as text (too large, not UTF-8): kept as evidence all the same. */
  async refuse(status: number, reason: string, body: string): Promise<WitnessAnswer> {
    await this.store.recordEvidence({ receivedAt: this.now().toISOString(), status, reason, origin: null, body });
    return { status, contentType: 'text/plain; charset=utf-8', body: `${reason}\n` };
  }

  /** The latest cosigned checkpoint of the origin with this hash, for monitors (GET <origin hash>/checkpoint). */
  latestByOriginHash(hash: string) {
    return this.store.latestByKey(hash);
  }

  private async cosign(request: ParsedRequest): Promise<WitnessAnswer> {
    const { origin, treeSize, rootHash } = request.checkpoint;
    const kept = await this.store.latest(origin);
    const keptSize = kept?.treeSize ?? 0;
    const keptRoot = kept?.rootHash ?? EMPTY_TREE_ROOT;
    if (request.oldSize !== keptSize) {
      throw new Refusal(
        409,
        `old size ${request.oldSize} is not the size this witness last cosigned (${keptSize})`,
        origin,
        `${keptSize}\n`,
      );
    }
    if (treeSize === 0 && rootHash !== EMPTY_TREE_ROOT)
      throw new Refusal(422, 'a checkpoint of size 0 must have the root of the empty tree', origin);
    if (request.oldSize === 0) {
      if (request.proof.length > 0) throw new Refusal(422, 'old size 0 takes no consistency proof', origin);
    } else if (request.oldSize === treeSize) {
      if (rootHash !== keptRoot) {
        throw new Refusal(
          422,
          `a different root at size ${treeSize}: this witness cosigned ${keptRoot}, this checkpoint says ${rootHash}`,
          origin,
        );
      }
    } else if (!verifyConsistency(request.oldSize, treeSize, keptRoot, rootHash, request.proof)) {
      throw new Refusal(
        422,
        `the consistency proof does not show the cosigned tree of ${keptSize} leaves (root ${keptRoot}) to be a prefix of this one of ${treeSize} (root ${rootHash})`,
        origin,
      );
    }
    // Never earlier than the last one, even if the clock stepped back: cosignatures of one log read in order.
    const seconds = BigInt(Math.max(Math.floor(this.now().getTime() / 1000), kept?.cosignedAt ?? 0, 1));
    const line = this.cosigner.cosign(request.text, seconds);
    await this.store.keep({
      origin,
      treeSize,
      rootHash,
      note: `${request.note}${line}\n`,
      cosignedAt: Number(seconds),
    });
    return { status: 200, contentType: 'text/plain; charset=utf-8', body: `${line}\n` };
  }

  private keysOf(origin: string): NoteVerifier[] | null {
    const exact = this.verifiers.find((v) => !v.prefix && v.origin === origin);
    const match =
      exact ?? this.verifiers.find((v) => v.prefix && origin.startsWith(v.origin) && origin.length > v.origin.length);
    return match ? match.keys : null;
  }

  private serially<T>(origin: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(origin) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.queues.set(origin, settled);
    void settled.then(() => {
      if (this.queues.get(origin) === settled) this.queues.delete(origin);
    });
    return next;
  }
}

interface ParsedRequest {
  oldSize: number;
  /** Lowercase hex hashes. */
  proof: string[];
  note: string;
  text: string;
  checkpoint: ReturnType<typeof parseCheckpointText>;
}

/** "old <size>\n", up to 63 base64 proof lines, an empty line, then the checkpoint note. */
function parseRequest(body: string): ParsedRequest {
  const firstBreak = body.indexOf('\n');
  const oldLine = firstBreak < 0 ? body : body.slice(0, firstBreak);
  const old = /^old (\S+)$/.exec(oldLine);
  if (!old || !DECIMAL.test(old[1]) || !Number.isSafeInteger(Number(old[1])))
    throw new Refusal(400, 'the request starts with "old <size>" in decimal with no leading zero');
  const blank = body.indexOf('\n\n', firstBreak - 1);
  if (blank < 0) throw new Refusal(400, 'the consistency proof lines end with an empty line before the checkpoint');
  const proofLines = body
    .slice(firstBreak + 1, blank + 1)
    .split('\n')
    .filter((l, i, all) => i < all.length - 1 || l !== '');
  if (proofLines.length > MAX_PROOF_LINES) throw new Refusal(400, `at most ${MAX_PROOF_LINES} consistency proof lines`);
  const proof = proofLines.map((line) => {
    const bytes = strictBase64(line);
    if (!bytes || bytes.length !== 32)
      throw new Refusal(
        400,
        `a consistency proof line is the base64 of a 32-byte hash, not ${JSON.stringify(line.slice(0, 80))}`,
      );
    return toHex(bytes);
  });
  const note = body.slice(blank + 2);
  const parsed = parseNote(note);
  return { oldSize: Number(old[1]), proof, note, text: parsed.text, checkpoint: parseCheckpointText(parsed.text) };
}
