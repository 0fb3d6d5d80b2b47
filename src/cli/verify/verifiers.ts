import type { BundleInput } from './bundle-lines.js';
import type { OtherCheckpoint, OwnCheckpoint } from './other-checkpoints.js';
import type { VerifyOptions, VerifyReport } from './verify-bundle.js';

// What verifyBundles (verify-bundles.ts) hands the place bundles are verified in, and what that place
// answers: the worker threads (worker-pool.ts) and the main thread both implement Verifiers, and
// verifyBundles chooses one, so the contract stands apart from both.

export interface NamedBundle {
  /** As the report names it: the file name. */
  name: string;
  input: BundleInput;
  /** The size its header announces: bundles are compared smallest first. */
  treeSize: number;
}

export interface BundlesOptions extends Omit<VerifyOptions, 'otherCheckpoints' | 'onProgress'> {
  /** Lines and bytes read so far, over all the bundles. */
  onProgress?: (progress: { lines: number; bytes: number }) => void;
  /**
   * Threads to verify files in (default: one per core, at most one per bundle). Bundles given as files,
   * with the key and witnesses as text, go to worker threads; anything else is verified in this thread.
   */
  threads?: number;
  /** Node options for the worker threads (e.g. a loader, when running from the TypeScript sources). */
  execArgv?: string[];
}

/** Where bundles are verified: in this thread, or in worker threads that each keep the bundles they read. */
export interface Verifiers {
  /** Reads a bundle and answers its signed checkpoints; the verification is kept for `finish`. */
  read(index: number, bundle: NamedBundle): Promise<OwnCheckpoint[]>;
  finish(index: number, others: OtherCheckpoint[]): Promise<VerifyReport>;
  close(): Promise<void>;
}
