import { parentPort } from 'node:worker_threads';
import type { OtherCheckpoint } from './other-checkpoints.js';
import { BundleVerification, type VerifyOptions } from './verify-bundle.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

/**
 * A thread of `gongzhi verify` with several bundles: reads each bundle it is handed and keeps its
 * verification until the main thread says which checkpoints from elsewhere to hold it against.
 */
const port = parentPort;
if (!port) throw new Error('verify-worker runs as a worker thread of gongzhi verify');
const held = new Map<number, BundleVerification>();
const send = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.kind === 'read') void read(message.index, message.path, message.options);
  else finish(message.index, message.others);
});

async function read(index: number, path: string, options: VerifyOptions): Promise<void> {
  const verification = new BundleVerification({
    ...options,
    onProgress: ({ lines, bytes }) => send({ kind: 'progress', index, lines, bytes }),
  });
  held.set(index, verification);
  try {
    await verification.read(path);
  } catch (error) {
    verification.unreadable(error as Error);
  }
  send({ kind: 'read', index, signed: [...verification.signedCheckpoints] });
}

function finish(index: number, others: OtherCheckpoint[]): void {
  const verification = held.get(index)!;
  held.delete(index);
  send({ kind: 'report', index, report: verification.finish(others) });
}
