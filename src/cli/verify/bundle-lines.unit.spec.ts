import { Readable } from 'node:stream';
import { linesOf } from './bundle-lines.js';

async function all(chunks: (string | Buffer)[]): Promise<{ lines: string[]; bytes: number }> {
  const { batches, bytesRead } = linesOf(Readable.from(chunks));
  const lines: string[] = [];
  for await (const batch of batches) lines.push(...batch);
  return { lines, bytes: bytesRead() };
}

describe('a bundle read as lines', () => {
  it('splits at each line feed, drops a carriage return before it, and keeps a last line with no line feed', async () => {
    expect((await all(['{"a":1}\r\n{"b":2}\n', '\n{"c":3}'])).lines).toEqual(['{"a":1}', '{"b":2}', '', '{"c":3}']);
  });

  it('decodes a Chinese character cut between two chunks whole, and a line spread over many chunks', async () => {
    const text = '{"title":"龙泽苑业主大会"}\n{"x":"共治"}\n';
    const bytes = Buffer.from(text);
    // Cut inside the three bytes of 龙 and of 共, and one byte at a time elsewhere.
    const chunks = [bytes.subarray(0, 11), ...Array.from(bytes.subarray(11), (b) => Buffer.of(b))];
    const { lines, bytes: read } = await all(chunks);
    expect(lines).toEqual(['{"title":"龙泽苑业主大会"}', '{"x":"共治"}']);
    expect(read).toBe(bytes.length);
  });

  it('hands lines given as an array on in one run', async () => {
    const { batches } = linesOf(['{"a":1}', '{"b":2}']);
    const runs: string[][] = [];
    for await (const batch of batches) runs.push(batch);
    expect(runs).toEqual([['{"a":1}', '{"b":2}']]);
  });
});

describe('a bundle read in chunks of any size', () => {
  it('gives the same lines however the bytes are cut, CRs, blank lines, empty chunks and a long line included', async () => {
    const long = `{"voters":[${Array.from({ length: 400 }, (_, i) => `"业主${i}"`).join(',')}]}`;
    const text = `{"a":1}\r\n\n${long}\n{"b":"共治"}\r\n\r\n{"c":3}`;
    const bytes = Buffer.from(text);
    const expected = ['{"a":1}', '', long, '{"b":"共治"}', '', '{"c":3}'];
    for (const size of [1, 2, 3, 7, 64, 1000, bytes.length]) {
      const chunks: Buffer[] = [Buffer.alloc(0)];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size), Buffer.alloc(0));
      const { lines, bytes: read } = await all(chunks);
      expect({ size, lines }).toEqual({ size, lines: expected });
      expect(read).toBe(bytes.length);
    }
  });

  it('ends on the last line feed without an empty line after it', async () => {
    expect((await all(['{"a":1}\n', '{"b":2}\n'])).lines).toEqual(['{"a":1}', '{"b":2}']);
    expect((await all(['{"a":1}\n{"b', '":2}\n'])).lines).toEqual(['{"a":1}', '{"b":2}']);
  });
});
