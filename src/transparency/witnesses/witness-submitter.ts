import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { fromHex } from '@gongzhi/ledger-log/hex.js';
import { parseNote, parseSignatureLine, verifyNote, withSignatureLines } from '@gongzhi/ledger-log/signed-note.js';
import { cosignatureTimestamp } from '@gongzhi/ledger-log/tlog-cosignature.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config.js';
import { PeriodicTask } from '../../platform/periodic-task.js';
import { CommunityLogs } from '../community-logs.js';
import { LogRepository, type StoredCheckpoint } from '../log.repository.js';
import { parseWitnessList, type WitnessEndpoint } from './witness-list.js';

const REQUEST_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 5 * 60_000;
const BATCH = 50;

/**
 * Submits each community's latest checkpoint to every witness of GONGZHI_WITNESSES (c2sp.org/tlog-witness
 * add-checkpoint) with the consistency proof from the size that witness last cosigned, and keeps the
 * cosignatures it returns. Runs beside signing, never in its way: a witness that is down or refuses is
 * logged and retried later with a growing pause, and the log goes on growing and being signed meanwhile.
 */
@Injectable()
export class WitnessSubmitter implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('Witnesses');
  private witnesses: WitnessEndpoint[] = [];
  private readonly pause = new Map<string, { until: number; failures: number }>();
  private readonly task = new PeriodicTask(
    () => this.submitDue(),
    (error) => this.log.warn(`submitting to witnesses failed, retrying on the next tick: ${(error as Error).message}`),
  );

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: LogRepository,
    private readonly logs: CommunityLogs,
  ) {}

  onModuleInit(): void {
    this.witnesses = parseWitnessList(this.config.witnesses);
  }

  onApplicationBootstrap(): void {
    if (!this.config.runProjections || this.witnesses.length === 0) return;
    this.task.start(Math.min(5000, Math.max(200, (this.config.checkpointSeconds * 1000) / 4)));
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One round: every witness not paused gets each latest checkpoint it has not cosigned. Answers how many cosignatures were kept. */
  async submitDue(): Promise<number> {
    let kept = 0;
    for (const witness of this.witnesses) {
      const paused = this.pause.get(witness.vkey);
      if (paused && paused.until > Date.now()) continue;
      try {
        for (const { checkpoint, lastCosignedSize } of await this.repository.awaitingCosignature(witness.vkey, BATCH)) {
          if (await this.submit(witness, checkpoint, lastCosignedSize)) kept++;
        }
        this.pause.delete(witness.vkey);
      } catch (error) {
        const failures = (paused?.failures ?? 0) + 1;
        const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (failures - 1));
        this.pause.set(witness.vkey, { until: Date.now() + wait, failures });
        this.log.warn(
          `witness ${witness.name} (${witness.url}): ${(error as Error).message}; retrying in ${Math.round(wait / 1000)} s`,
        );
      }
    }
    return kept;
  }

  /** Submits one checkpoint; on 409 learns the witness's size and submits once more with the proof from it. */
  private async submit(witness: WitnessEndpoint, checkpoint: StoredCheckpoint, oldSize: number): Promise<boolean> {
    let old = oldSize;
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await this.post(witness, await this.requestBody(checkpoint, old));
      if (answer.status === 200) return this.keep(witness, checkpoint, answer.body);
      if (answer.status === 409 && attempt === 0) {
        const size = /^(0|[1-9][0-9]*)\n$/.exec(answer.body);
        if (!size) throw new Error(`answered 409 without a size: ${JSON.stringify(answer.body.slice(0, 200))}`);
        const theirs = Number(size[1]);
        if (theirs > checkpoint.treeSize) {
          throw new Error(
            `it has cosigned ${theirs} leaves of ${checkpoint.origin}, more than this server ever signed (${checkpoint.treeSize}): another log signs under this origin, or this database lost checkpoints`,
          );
        }
        old = theirs;
        continue;
      }
      throw new Error(
        `refused the checkpoint of ${checkpoint.communityId} at ${checkpoint.treeSize} leaves (old ${old}): ${answer.status} ${answer.body.trim().slice(0, 300)}`,
      );
    }
    return false;
  }

  private async requestBody(checkpoint: StoredCheckpoint, old: number): Promise<string> {
    const proof =
      old > 0 && old < checkpoint.treeSize ? await this.proof(checkpoint.communityId, old, checkpoint.treeSize) : [];
    return `old ${old}\n${proof.map((h) => `${Buffer.from(fromHex(h)).toString('base64')}\n`).join('')}\n${checkpoint.note}`;
  }

  private async proof(communityId: string, first: number, second: number): Promise<string[]> {
    const head = await this.repository.head(communityId);
    return this.logs.forReader(head, (log) => log.consistencyProof(first, second));
  }

  /** Keeps the cosignature lines of this witness that verify over this checkpoint; anything else it answered is ignored. */
  private async keep(witness: WitnessEndpoint, checkpoint: StoredCheckpoint, body: string): Promise<boolean> {
    const lines = body.split('\n').filter(Boolean);
    const { text } = parseNote(checkpoint.note!);
    const verified = verifyNote(withSignatureLines(text, lines), [witness.verifier]).verified;
    for (const s of verified) {
      await this.repository.insertCosignature({
        communityId: checkpoint.communityId,
        treeSize: checkpoint.treeSize,
        witnessVkey: witness.vkey,
        witnessName: witness.name,
        cosignedAt: Number(cosignatureTimestamp(parseSignatureLine(s.line).signature)),
        line: s.line,
      });
    }
    return verified.length > 0;
  }

  private async post(witness: WitnessEndpoint, body: string): Promise<{ status: number; body: string }> {
    const response = await fetch(`${witness.url}/add-checkpoint`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return { status: response.status, body: await response.text() };
  }
}
