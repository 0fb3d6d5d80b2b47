import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** Where a bundle comes from: a file path, or its lines (a benchmark or a test hands them in directly). */
export type BundleInput = string | Iterable<string> | AsyncIterable<string>;

/** The bundle's lines and, for a file, how many bytes have been read so far (for progress). */
export function linesOf(input: BundleInput): { lines: AsyncIterable<string>; bytesRead: () => number } {
  if (typeof input !== 'string') return { lines: toAsync(input), bytesRead: () => 0 };
  const stream = createReadStream(input);
  return { lines: createInterface({ input: stream, crlfDelay: Infinity }), bytesRead: () => stream.bytesRead };
}

async function* toAsync(lines: Iterable<string> | AsyncIterable<string>): AsyncIterable<string> {
  yield* lines;
}
