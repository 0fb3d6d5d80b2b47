import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The portal's files live as plain HTML, CSS and JS modules in src/portal/public: no build step.
 * `tsc` does not copy them into dist/, so a compiled server looks back into the source tree.
 */
export function portalDirectory(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'public'), resolve(here, '../../../src/portal/public'), resolve(process.cwd(), 'src/portal/public')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/** Paths the API, its docs and the health probes own: never answered with the portal's page. */
const SERVER_PATHS = /^\/(api|health)(\/|$)/;

/**
 * Static files, then the portal's index for any other GET that asks for an HTML page, so that
 * /c/{cid}/votes/{rid} opened from a bookmark reaches the client-side router.
 */
export function portalMiddleware(directory: string) {
  const files = express.static(directory, {
    index: 'index.html',
    // Small files, revalidated each time: a resident never runs yesterday's script against today's API.
    cacheControl: true,
    maxAge: 0,
    setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff'),
  });
  const index = join(directory, 'index.html');
  const fallback = (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    // A missing script or image is a 404, not the HTML page under a .js name; and only a browser
    // asking for a page (Accept: text/html) gets the portal, so API clients and probes still see 404.
    if (/\.[a-z0-9]+$/i.test(req.path) || !(req.headers.accept ?? '').includes('text/html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  return [(req: Request, res: Response, next: NextFunction) => (SERVER_PATHS.test(req.path) ? next() : files(req, res, next)), fallback];
}
