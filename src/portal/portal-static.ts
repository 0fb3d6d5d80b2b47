import type { NextFunction, Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * The portal's files live as plain HTML, CSS and JS modules in src/portal/public: no build step.
 * `tsc` does not copy them into dist/, so a compiled server looks back into the source tree.
 */
export function portalDirectory(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, 'public'),
    resolve(here, '../../../src/portal/public'),
    resolve(process.cwd(), 'src/portal/public'),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/** Paths the API, its docs and the health probes own: never answered with the portal's page. */
const SERVER_PATHS = /^\/(api|health)(\/|$)/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt']);
const YEAR = 365 * 24 * 3600;

export interface PortalAsset {
  path: string;
  type: string;
  /** The first 12 hex digits of the content's SHA-256: the `?v=` of its immutable address. */
  version: string;
  body: Buffer;
  compressible: boolean;
  /** Compressed once, on the first request that can take it, and kept: the files never change while the server runs. */
  encoded: Partial<Record<'br' | 'gzip', Buffer>>;
  /** 'sha256-…' of each inline script the page holds (its import map), which the Content-Security-Policy allows by name. */
  inlineScripts?: string[];
}

const extension = (path: string) => posix.extname(path).toLowerCase();

function asset(path: string, body: Buffer): PortalAsset {
  const ext = extension(path);
  return {
    path,
    type: TYPES[ext] ?? 'application/octet-stream',
    version: createHash('sha256').update(body).digest('hex').slice(0, 12),
    body,
    compressible: COMPRESSIBLE.has(ext),
    encoded: {},
  };
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** `import … from './x.js'` and `import './x.js'`: the static graph, which the browser would otherwise discover one round trip at a time. */
const STATIC_IMPORT = /^\s*import\s+(?:[^'"()]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;

function staticGraph(entry: string, assets: Map<string, PortalAsset>): string[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    const a = assets.get(path);
    if (!a || seen.has(path)) return;
    seen.add(path);
    for (const [, specifier] of a.body.toString('utf8').matchAll(STATIC_IMPORT))
      visit(posix.normalize(posix.join(posix.dirname(path), specifier)));
  };
  visit(entry);
  return [...seen];
}

/**
 * index.html as served: every script and the stylesheet under an address that carries its content
 * hash, so that a phone keeps them for a year and asks again only for what changed. The import map
 * gives each module's plain address ('./lib/dom.js' as the code writes it) its versioned one, and the
 * module preloads fetch the entry's whole static graph at once instead of import by import.
 */
function versionedIndex(index: PortalAsset, assets: Map<string, PortalAsset>, page?: string): PortalAsset {
  const at = (path: string) => `${path}?v=${assets.get(path)!.version}`;
  const modules = [...assets.keys()].filter((p) => extension(p) === '.js').sort();
  const importMap = JSON.stringify({ imports: Object.fromEntries(modules.map((p) => [p, at(p)])) });
  const entry = staticGraph('/app.js', assets);
  const forPage = page ? staticGraph(page, assets).filter((p) => !entry.includes(p)) : [];
  const preloads = [...entry, ...forPage].map((p) => `<link rel="modulepreload" href="${at(p)}">`).join('\n');
  const html = index.body
    .toString('utf8')
    // HTML writes a void tag either way (`>`, or ` />` as Prettier leaves it): both are versioned.
    .replace(
      /<link rel="stylesheet" href="\/styles\.css"\s*\/?>/,
      `<link rel="stylesheet" href="${at('/styles.css')}">`,
    )
    .replace(
      '<script type="module" src="/app.js"></script>',
      `<script type="importmap">${importMap}</script>\n${preloads}\n<script type="module" src="${at('/app.js')}"></script>`,
    );
  if (!html.includes('type="importmap"'))
    throw new Error('src/portal/public/index.html: the app.js script tag was not found where the server versions it');
  if (!html.includes('/styles.css?v='))
    throw new Error('src/portal/public/index.html: the stylesheet link was not found where the server versions it');
  return {
    ...asset('/index.html', Buffer.from(html)),
    inlineScripts: [`'sha256-${createHash('sha256').update(importMap).digest('base64')}'`],
  };
}

/**
 * What the portal's answers may do in a browser: its own scripts only (and, by hash, the import map
 * the server writes into the page), its own styles and fetches, no plug-ins, no <base>, no framing by
 * any site (clickjacking), no form posted elsewhere. Names and titles from other people are put in as
 * text (dom.js), so a script slipped into one would not run even if that changed.
 */
export function portalSecurityHeaders(index: PortalAsset | undefined): Record<string, string> {
  const policy = [
    "default-src 'self'",
    `script-src 'self' ${(index?.inlineScripts ?? []).join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': policy,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** `[/^\/c\/([^/]+)$/, () => import('./pages/community.js'), …]`: a route of app.js's table, read where it is written (Prettier may break a long one over lines). */
const ROUTE = /\[\s*\/(\^[^\n]*?\$)\/,\s*\(\)\s*=>\s*import\('\.\/(pages\/[\w-]+\.js)'\)/g;

export interface PageIndex {
  pattern: RegExp;
  /** index.html with the page module's own static graph preloaded too. */
  index: PortalAsset;
}

/**
 * One index.html per route of app.js: a phone opening a vote fetches the vote page's modules in the
 * same round trip as app.js, instead of one more round trip after app.js has run (each one 400 ms or
 * more on a slow connection). The routes are read from app.js so that there is one table of them.
 */
function pageIndexes(original: PortalAsset, assets: Map<string, PortalAsset>): PageIndex[] {
  const app = assets.get('/app.js')?.body.toString('utf8') ?? '';
  return [...app.matchAll(ROUTE)]
    .filter(([, , page]) => assets.has(`/${page}`))
    .map(([, source, page]) => ({
      pattern: new RegExp(source),
      index: versionedIndex(original, assets, `/${page}`),
    }));
}

export interface Portal {
  assets: Map<string, PortalAsset>;
  pages: PageIndex[];
}

/** Every file of the portal, read once at start, and the page each route is answered with. */
export function loadPortalWithPages(directory: string): Portal {
  const assets = new Map<string, PortalAsset>();
  for (const file of filesUnder(directory)) {
    const path = `/${relative(directory, file).split(sep).join('/')}`;
    assets.set(path, asset(path, readFileSync(file)));
  }
  const original = assets.get('/index.html');
  if (!original) return { assets, pages: [] };
  const pages = pageIndexes(original, assets);
  assets.set('/index.html', versionedIndex(original, assets));
  return { assets, pages };
}

export const loadPortal = (directory: string): Map<string, PortalAsset> => loadPortalWithPages(directory).assets;

/** The index to answer a page's address with: the one preloading that page's modules, else the plain one. */
export function indexFor(portal: Portal, path: string): PortalAsset {
  const trimmed = path.replace(/\/+$/, '') || '/';
  return portal.pages.find((p) => p.pattern.test(trimmed))?.index ?? portal.assets.get('/index.html')!;
}

/** The encoding to answer in: brotli, else gzip, else none; a `q=0` rules one out. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, ...params]) => !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p)))
      .map(([name]) => name.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

function encoded(a: PortalAsset, encoding: 'br' | 'gzip' | null): Buffer | null {
  if (!encoding || !a.compressible) return null;
  a.encoded[encoding] ??=
    encoding === 'br'
      ? brotliCompressSync(a.body, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: a.body.length },
        })
      : gzipSync(a.body, { level: 9 });
  const body = a.encoded[encoding];
  return body.length < a.body.length ? body : null;
}

function send(req: Request, res: Response, a: PortalAsset, security: Record<string, string>) {
  // A versioned address never changes its content; the page itself, and any plain address, is asked again each time (a 304 when unchanged).
  const immutable = a.path !== '/index.html' && req.query.v === a.version;
  const etag = `"${a.version}"`;
  res.setHeader('Cache-Control', immutable ? `public, max-age=${YEAR}, immutable` : 'no-cache');
  res.setHeader('ETag', etag);
  for (const [name, value] of Object.entries(security)) res.setHeader(name, value);
  if (a.compressible) res.setHeader('Vary', 'Accept-Encoding');
  const match = String(req.headers['if-none-match'] ?? '')
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''));
  if (match.includes(etag) || match.includes('*')) return res.status(304).end();
  const encoding = a.compressible ? chooseEncoding(req.headers['accept-encoding']) : null;
  const compressed = encoded(a, encoding);
  const body = compressed ?? a.body;
  res.status(200);
  res.setHeader('Content-Type', a.type);
  res.setHeader('Content-Length', String(body.length));
  if (compressed) res.setHeader('Content-Encoding', encoding!);
  if (req.method === 'HEAD') return res.end();
  res.end(body);
}

/**
 * The portal's files, then its index for any other GET that asks for an HTML page, so that
 * /c/{cid}/votes/{rid} opened from a bookmark reaches the client-side router.
 */
export function portalMiddleware(directory: string) {
  const portal = loadPortalWithPages(directory);
  const { assets } = portal;
  const security = portalSecurityHeaders(assets.get('/index.html'));
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    if (req.path === '/' || req.path === '/index.html') return send(req, res, indexFor(portal, '/'), security);
    const file = assets.get(req.path);
    if (file) return send(req, res, file, security);
    // A missing script or image is a 404, not the HTML page under a .js name; and only a browser
    // asking for a page (Accept: text/html) gets the portal, so API clients and probes still see 404.
    if (/\.[a-z0-9]+$/i.test(req.path) || !(req.headers.accept ?? '').includes('text/html')) return next();
    send(req, res, indexFor(portal, req.path), security);
  };
}
