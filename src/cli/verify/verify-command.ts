import cliProgress from 'cli-progress';
import { statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { formatReport } from './format-report.js';
import { verifyBundle } from './verify-bundle.js';

/** Bundles from this size up get a progress bar on stderr. */
const PROGRESS_FROM_BYTES = 1 << 20;

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream;
}

/**
 * `gongzhi verify <bundle>` (or `-` for stdin): prints the summary table and every problem found;
 * answers the exit code: 0 when everything holds, 1 when something does not, 2 for a usage error.
 */
export async function verifyCommand(args: string[], io: CommandIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  const [path] = args;
  if (!path || args.length > 1) {
    io.stderr.write('usage: gongzhi verify <bundle.ndjson>   (- reads the bundle from stdin)\n');
    return 2;
  }
  let size = 0;
  if (path !== '-') {
    try {
      size = statSync(path).size;
    } catch (error) {
      io.stderr.write(`gongzhi verify: cannot read ${path}: ${(error as Error).message}\n`);
      return 2;
    }
  }
  const bar =
    size >= PROGRESS_FROM_BYTES
      ? new cliProgress.SingleBar(
          { stream: io.stderr, format: 'verifying |{bar}| {percentage}% | {lines} lines', hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 },
          cliProgress.Presets.shades_classic,
        )
      : null;
  bar?.start(size, 0, { lines: 0 });
  const input = path === '-' ? createInterface({ input: io.stdin ?? process.stdin, crlfDelay: Infinity }) : path;
  const report = await verifyBundle(input, { onProgress: ({ lines, bytes }) => bar?.update(bytes, { lines }) });
  bar?.update(size);
  bar?.stop();
  io.stdout.write(formatReport(report));
  return report.ok ? 0 : 1;
}
