import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * Where a bundle comes from: a file path; a byte stream (an HTTP response body, stdin, a gunzip); or
 * its lines, already split (a test or a benchmark that holds them).
 */
export type BundleInput = string | Readable | NodeJS.ReadableStream | Iterable<string> | AsyncIterable<string>;

/** The bundle's lines and how many bytes have been read so far (0 for lines handed in), for progress. */
export function linesOf(input: BundleInput): { lines: AsyncIterable<string>; bytesRead: () => number } {
  if (typeof input === 'string') return bytesToLines(createReadStream(input));
  if (isByteStream(input)) return bytesToLines(input);
  return { lines: toAsync(input as Iterable<string> | AsyncIterable<string>), bytesRead: () => 0 };
}

function isByteStream(input: BundleInput): input is NodeJS.ReadableStream {
  return typeof (input as NodeJS.ReadableStream).pipe === 'function' && typeof (input as NodeJS.ReadableStream).on === 'function';
}

function bytesToLines(stream: NodeJS.ReadableStream): { lines: AsyncIterable<string>; bytesRead: () => number } {
  let bytes = 0;
  stream.on('data', (chunk: Buffer | string) => (bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length));
  return { lines: createInterface({ input: stream, crlfDelay: Infinity }), bytesRead: () => bytes };
}

async function* toAsync(lines: Iterable<string> | AsyncIterable<string>): AsyncIterable<string> {
  yield* lines;
}
