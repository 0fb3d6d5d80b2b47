import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/**
 * The API's JSON answers go gzip- or brotli-compressed when the client accepts it (above compression's 1 kB
 * threshold). Only JSON under /api/: the portal serves its files already compressed, and the export's NDJSON
 * stream must reach the client line by line, so that a cut stream still shows the lines sent before the cut.
 */
export function compressedApiAnswers(): RequestHandler {
  return compression({
    filter: (req: Request, res: Response) =>
      req.originalUrl.startsWith('/api/') &&
      /^application\/json\b/.test(String(res.getHeader('Content-Type') ?? '')) &&
      compression.filter(req, res),
  });
}
