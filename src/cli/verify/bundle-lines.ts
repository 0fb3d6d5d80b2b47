import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * Where a bundle comes from: a file path; a byte stream (an HTTP response body, stdin, a gunzip); or
 * its lines, already split (a test or a benchmark that holds them).
 */
export type BundleInput = string | Readable | NodeJS.ReadableStream | Iterable<string> | AsyncIterable<string>;

interface Lines {
  lines: AsyncIterable<string>;
  /** Bytes read so far (0 for lines handed in), for progress. */
  bytesRead: () => number;
  /** Releases what was opened here (a file), when reading stops early; a caller's stream stays the caller's. */
  close: () => void;
}

export function linesOf(input: BundleInput): Lines {
  if (typeof input === 'string') {
    const file = createReadStream(input);
    return { ...bytesToLines(file), close: () => file.destroy() };
  }
  if (isByteStream(input)) return { ...bytesToLines(input), close: () => {} };
  return { lines: toAsync(input as Iterable<string> | AsyncIterable<string>), bytesRead: () => 0, close: () => {} };
}

function isByteStream(input: BundleInput): input is NodeJS.ReadableStream {
  return (
    typeof (input as NodeJS.ReadableStream).pipe === 'function' &&
    typeof (input as NodeJS.ReadableStream).on === 'function'
  );
}

function bytesToLines(stream: NodeJS.ReadableStream): Omit<Lines, 'close'> {
  let bytes = 0;
  stream.on(
    'data',
    (chunk: Buffer | string) => (bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length),
  );
  return { lines: createInterface({ input: stream, crlfDelay: Infinity }), bytesRead: () => bytes };
}

async function* toAsync(lines: Iterable<string> | AsyncIterable<string>): AsyncIterable<string> {
  yield* lines;
}
