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
 * a multi-byte character cut between two chunks included: a line is decoded only once it is whole. A
 * chunk's whole lines are decoded in one call and cut into lines as a string (an LF is one byte and no
 * part of any other character, so the cut is never inside one); only the line that straddles two chunks
 * is put together from its pieces, so no chunk is copied into a bigger buffer.
 */
function bytesToLines(stream: NodeJS.ReadableStream): Omit<Lines, 'close'> {
  let bytes = 0;
  async function* batches(): AsyncIterable<string[]> {
    // The pieces of the line begun in earlier chunks and not yet ended.
    let pending: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const piece = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += piece.length;
      const first = piece.indexOf(10);
      if (first === -1) {
        if (piece.length > 0) pending.push(piece);
        continue;
      }
      const lines: string[] = [];
      pending.push(piece.subarray(0, first));
      lines.push(decode(pending.length === 1 ? pending[0] : Buffer.concat(pending)));
      pending = [];
      const last = piece.lastIndexOf(10);
      if (last > first) splitInto(lines, piece.toString('utf8', first + 1, last));
      if (last + 1 < piece.length) pending.push(piece.subarray(last + 1));
      yield lines;
    }
    if (pending.length) yield [decode(Buffer.concat(pending))];
  }
  return { batches: batches(), bytesRead: () => bytes };
}

function decode(line: Buffer): string {
  return line.toString('utf8', 0, line.length > 0 && line[line.length - 1] === 13 ? line.length - 1 : line.length);
}

/** The LF-separated lines of `text` (which ends without one), each without a CR before its LF. */
function splitInto(lines: string[], text: string): void {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    lines.push(text.slice(start, stop > start && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop));
    if (end === -1) return;
    start = end + 1;
  }
}

async function* inRuns(lines: Iterable<string> | AsyncIterable<string>): AsyncIterable<string[]> {
  if (Symbol.iterator in lines) {
    yield [...lines];
    return;
  }
  for await (const line of lines) yield [line];
}
