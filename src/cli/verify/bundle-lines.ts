import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/**
 * Where a bundle comes from: a file path; a byte stream (an HTTP response body, stdin, a gunzip); or
 * its lines, already split (a test or a benchmark that holds them).
 */
export type BundleInput = string | Readable | NodeJS.ReadableStream | Iterable<string> | AsyncIterable<string>;

interface Lines {
  /** The lines in order, in runs (a chunk's worth): one await per chunk, not per line. */
  batches: AsyncIterable<string[]>;
  /** Bytes read so far (0 for lines handed in), for progress. */
  bytesRead: () => number;
  /** Releases what was opened here (a file), when reading stops early; a caller's stream stays the caller's. */
  close: () => void;
}

/** A large chunk: the file is read in few system calls, and a chunk holds many lines. */
const CHUNK = 1 << 20;

export function linesOf(input: BundleInput): Lines {
  if (typeof input === 'string') {
    const file = createReadStream(input, { highWaterMark: CHUNK });
    return { ...bytesToLines(file), close: () => file.destroy() };
  }
  if (isByteStream(input)) return { ...bytesToLines(input), close: () => {} };
  return { batches: inRuns(input as Iterable<string> | AsyncIterable<string>), bytesRead: () => 0, close: () => {} };
}

function isByteStream(input: BundleInput): input is NodeJS.ReadableStream {
  return (
    typeof (input as NodeJS.ReadableStream).pipe === 'function' &&
    typeof (input as NodeJS.ReadableStream).on === 'function'
  );
}

/**
 * Splits bytes at each LF (a CR before it is dropped, as readline does) and decodes each line as UTF-8,
 * a multi-byte character cut between two chunks included: a line is decoded only once it is whole. Each
 * line is decoded on its own (an ASCII line stays a one-byte string, whatever else the chunk holds), and
 * only the line that straddles two chunks is put together from its pieces: no chunk is copied.
 */
function bytesToLines(stream: NodeJS.ReadableStream): Omit<Lines, 'close'> {
  let bytes = 0;
  async function* batches(): AsyncIterable<string[]> {
    // The pieces of the line begun in earlier chunks and not yet ended.
    let pending: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const piece = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += piece.length;
      let end = piece.indexOf(10);
      if (end === -1) {
        if (piece.length > 0) pending.push(piece);
        continue;
      }
      const lines: string[] = [];
      if (pending.length === 0) lines.push(decode(piece, 0, end));
      else {
        pending.push(piece.subarray(0, end));
        const joined = Buffer.concat(pending);
        lines.push(decode(joined, 0, joined.length));
        pending = [];
      }
      let start = end + 1;
      for (end = piece.indexOf(10, start); end !== -1; end = piece.indexOf(10, start)) {
        lines.push(decode(piece, start, end));
        start = end + 1;
      }
      if (start < piece.length) pending.push(piece.subarray(start));
      yield lines;
    }
    if (pending.length) {
      const joined = Buffer.concat(pending);
      yield [decode(joined, 0, joined.length)];
    }
  }
  return { batches: batches(), bytesRead: () => bytes };
}

function decode(buffer: Buffer, start: number, end: number): string {
  return buffer.toString('utf8', start, end > start && buffer[end - 1] === 13 ? end - 1 : end);
}

async function* inRuns(lines: Iterable<string> | AsyncIterable<string>): AsyncIterable<string[]> {
  if (Symbol.iterator in lines) {
    yield [...lines];
    return;
  }
  for await (const line of lines) yield [line];
}
