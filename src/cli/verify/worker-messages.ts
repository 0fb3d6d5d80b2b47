import type { OtherCheckpoint, OwnCheckpoint } from './other-checkpoints.js';
import type { VerifyOptions, VerifyReport } from './verify-bundle.js';

/** What the main thread of `gongzhi verify` asks a worker: read a bundle file; finish one it read. */
export type ToWorker =
  | { kind: 'read'; index: number; path: string; options: WorkerOptions }
  | { kind: 'finish'; index: number; others: OtherCheckpoint[] };

/** Only what crosses a thread as data: the key and the witnesses as text, parsed in the worker. */
export type WorkerOptions = Omit<
  VerifyOptions,
  'onProgress' | 'checkers' | 'pinnedKey' | 'witnesses' | 'otherCheckpoints'
> & {
  pinnedKey?: string;
  witnesses?: string[];
};

export type FromWorker =
  | { kind: 'progress'; index: number; lines: number; bytes: number }
  | { kind: 'read'; index: number; signed: OwnCheckpoint[] }
  | { kind: 'report'; index: number; report: VerifyReport };
