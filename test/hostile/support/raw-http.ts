import { request as httpRequest } from 'node:http';
import { noteAnswer } from '../../support/observed-refusals.js';
import type { SpecBody } from '../../support/test-server.js';

/** A request exactly as a hostile client would send it: any path bytes, any header bytes, any body. */
export interface RawRequest {
  method: string;
  /** Sent as is: no normalisation of `..`, no re-encoding of `%`. */
  path: string;
  headers: Record<string, string | string[]>;
  body?: string | Buffer;
  /** The client's own address (e.g. 127.0.0.2): another loopback address is another client to the server. */
  localAddress?: string;
}

/** `json` is what a spec reads (see SpecBody); support code names what it expects, e.g. `RawAnswer<unknown>`. */
export interface RawAnswer<J = SpecBody> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body when the server said it is JSON, else undefined. */
  json: J;
}

/**
 * node:http rather than fetch, which refuses to send header values outside Latin-1 and normalises
 * paths; here a header value's characters are sent as single bytes, so a UTF-8 value is passed as
 * its bytes read as Latin-1 (see `utf8Bytes`).
 */
export function send(baseUrl: string, req: RawRequest): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  const headers = { ...req.headers };
  if (req.body !== undefined && !('content-length' in headers) && !('transfer-encoding' in headers))
    headers['content-length'] = String(Buffer.byteLength(req.body));
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers,
        agent: false,
        localAddress: req.localAddress,
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const type = String(response.headers['content-type'] ?? '');
          let json: unknown;
          if (type.includes('json') && text) {
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
          }
          noteAnswer(req.method, req.path, response.statusCode ?? 0, json);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
      },
    );
    // A server that answers before reading the whole body (413 at once) closes the connection under the
    // writer: the answer still arrives, so the write's EPIPE or ECONNRESET counts only if none does.
    outgoing.on('error', (error) => setTimeout(() => answered || reject(error), 500));
    if (req.body !== undefined) outgoing.write(req.body);
    outgoing.end();
  });
}

/** A UTF-8 string as the Latin-1 string of its bytes, so that node:http puts those bytes on the wire. */
export const utf8Bytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
