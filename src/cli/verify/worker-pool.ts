import { Worker } from 'node:worker_threads';
import type { OtherCheckpoint, OwnCheckpoint } from './other-checkpoints.js';
import type { VerifyReport } from './verify-bundle.js';
import { Progress } from './bundle-progress.js';
import type { BundlesOptions, NamedBundle, Verifiers } from './verifiers.js';
import type { FromWorker, ToWorker, WorkerOptions } from './worker-messages.js';

/** The worker is the module beside this one, in whichever form this one runs (built .js, or .ts under a loader). */
const WORKER = new URL(`./verify-worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);

interface Thread {
  worker: Worker;
  /** Bundles being read: a thread reads one at a time. */
  reading: number;
  died: Error | null;
}

/**
 * Worker threads that read bundle files, one bundle at a time each, and keep each verification until
 * it is finished. A bundle goes to the first idle thread; its `finish` goes to the thread that holds it.
 */
export class WorkerPool implements Verifiers {
  private readonly threads: Thread[];
  private readonly holder = new Map<number, Thread>();
  private readonly waiting = new Map<string, { resolve: (value: never) => void; reject: (error: Error) => void }>();
  private readonly idle: (() => void)[] = [];
  private readonly progress = new Progress();
  private readonly options: WorkerOptions;

  /** null when no worker can run here: the sources are TypeScript and no loader was named. */
  static start(size: number, options: BundlesOptions): WorkerPool | null {
    if (!WORKER.pathname.endsWith('.js') && !options.execArgv) return null;
    return new WorkerPool(size, options);
  }

  private constructor(
    size: number,
    private readonly bundlesOptions: BundlesOptions,
  ) {
    const { pinnedKey, witnesses, requiredCosignatures, maxFailures, progressEvery } = bundlesOptions;
    this.options = {
      pinnedKey: pinnedKey as string | undefined,
      witnesses: witnesses as string[] | undefined,
      requiredCosignatures,
      maxFailures,
      progressEvery,
    };
    this.threads = Array.from({ length: size }, () => this.spawn());
  }

  /** How many of the threads were given a bundle to read. */
  get threadsUsed(): number {
    return new Set(this.holder.values()).size;
  }

  async read(index: number, bundle: NamedBundle): Promise<OwnCheckpoint[]> {
    const thread = await this.claimIdleThread();
    this.holder.set(index, thread);
    try {
      return await this.ask<OwnCheckpoint[]>(thread, `read ${index}`, {
        kind: 'read',
        index,
        path: bundle.input as string,
        options: this.options,
      });
    } finally {
      thread.reading--;
      this.idle.shift()?.();
    }
  }

  finish(index: number, others: OtherCheckpoint[]): Promise<VerifyReport> {
    return this.ask(this.holder.get(index)!, `report ${index}`, { kind: 'finish', index, others });
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  private spawn(): Thread {
    const worker = new Worker(WORKER, { execArgv: this.bundlesOptions.execArgv });
    const thread: Thread = { worker, reading: 0, died: null };
    worker.on('message', (message: FromWorker) => {
      if (message.kind === 'progress') {
        this.progress.update(message.index, message, this.bundlesOptions.onProgress);
        return;
      }
      const key = `${message.kind} ${message.index}`;
      const answer = message.kind === 'read' ? message.signed : message.report;
      this.waiting.get(key)?.resolve(answer as never);
      this.waiting.delete(key);
    });
    const die = (error: Error) => {
      thread.died = error;
      for (const [key, waiter] of this.waiting)
        if (this.holder.get(Number(key.split(' ')[1])) === thread) {
          waiter.reject(error);
          this.waiting.delete(key);
        }
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`a verify thread stopped (exit ${code})`)));
    return thread;
  }

  private ask<T>(thread: Thread, key: string, message: ToWorker): Promise<T> {
    if (thread.died) return Promise.reject(thread.died);
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(key, { resolve, reject });
      thread.worker.postMessage(message);
    });
  }

  /**
   * An idle thread, marked busy in the same step it is found: a district's reads all ask at once, and a thread
   * found idle but marked busy only after an await was found idle by every one of them (all bundles then went
   * to the first thread, one after another).
   */
  private async claimIdleThread(): Promise<Thread> {
    for (;;) {
      const free = this.threads.find((t) => t.reading === 0 && !t.died);
      if (free) {
        free.reading++;
        return free;
      }
      if (this.threads.every((t) => t.died)) throw this.threads[0].died!;
      await new Promise<void>((resolve) => this.idle.push(resolve));
    }
  }
}
