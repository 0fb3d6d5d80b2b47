import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Witness } from './witness.js';

/** A checkpoint request is a few hundred bytes; a body this large is not one. */
export const MAX_REQUEST_BYTES = 64 * 1024;

/**
 * The HTTP face of c2sp.org/tlog-witness: POST <prefix>/add-checkpoint, and for monitors
 * GET <prefix>/<origin hash>/checkpoint. No framework: the witness runs where the server does not.
 */
export function witnessHttpServer(witness: Witness): Server {
  return createServer((req, res) => {
    handle(witness, req, res).catch((error: unknown) => {
      process.stderr.write(`witness: ${(error as Error).stack ?? String(error)}\n`);
      if (!res.headersSent)
        send(res, 500, 'text/plain; charset=utf-8', 'the witness could not keep its state; nothing was cosigned\n');
      else res.destroy();
    });
  });
}

async function handle(witness: Witness, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://witness').pathname;
  if (path === '/add-checkpoint') {
    if (req.method !== 'POST')
      return send(res, 405, 'text/plain; charset=utf-8', 'add-checkpoint takes a POST\n', { allow: 'POST' });
    const body = await readBody(req);
    let text: string | null = null;
    try {
      if (body.complete) text = utf8.decode(body.bytes);
    } catch {
      // Not text: kept below as base64.
    }
    const answer =
      text !== null
        ? await witness.addCheckpoint(text)
        : await witness.refuse(
            body.complete ? 400 : 413,
            body.complete ? 'a signed note is valid UTF-8' : `a request body is at most ${MAX_REQUEST_BYTES} bytes`,
            `base64:${body.bytes.toString('base64')}`,
          );
    return send(res, answer.status, answer.contentType, answer.body);
  }
  const monitor = /^\/([0-9a-f]{64})\/checkpoint$/.exec(path);
  if (monitor && req.method === 'GET') {
    const kept = await witness.latestByOriginHash(monitor[1]);
    if (kept) return send(res, 200, 'text/plain; charset=utf-8', kept.note);
    return send(res, 404, 'text/plain; charset=utf-8', 'this witness has cosigned no checkpoint of that log\n');
  }
  send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body, or its first MAX_REQUEST_BYTES when it is longer (complete: false). */
function readBody(req: IncomingMessage): Promise<{ bytes: Buffer; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size < MAX_REQUEST_BYTES) chunks.push(chunk.subarray(0, MAX_REQUEST_BYTES - size));
      size += chunk.length;
    });
    req.on('end', () => resolve({ bytes: Buffer.concat(chunks), complete: size <= MAX_REQUEST_BYTES }));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function listening(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}
