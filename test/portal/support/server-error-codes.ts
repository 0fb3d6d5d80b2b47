import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every `code` the server can answer, read from its source (libs/ and src/, tests left out), so the
 * portal's list of refusal texts cannot fall behind a new refusal. The refusal helpers take the code
 * as their first argument; the few places that pass it through a variable name it in a literal
 * elsewhere (a `code:`/`emptyCode:` field, the over-limit table, the status table), read here too.
 */
const PATTERNS = [
  /\b(?:invalid|notFound|conflict|forbidden|overLimit)\(\s*'([A-Z][A-Z0-9_]+)'/g,
  /\bnew (?:ApiError|DomainError)\(\s*(?:\d{3},\s*)?'([A-Z][A-Z0-9_]+)'/g,
  /\b[a-zA-Z]*[cC]ode: '([A-Z][A-Z0-9_]+)'/g,
  /^\s*([A-Z][A-Z0-9_]+): \{ rule: /gm, // libs/domain/finance/refusals.ts, the limits
  /^\s*\d{3}: '([A-Z][A-Z0-9_]+)',/gm, // src/platform/http/error-response.ts, a code for each bare status
  /\(\w+, '([A-Z][A-Z0-9_]+)', '[^']*', '[^']*'\)/g, // parseHundredths(text, CODE, what, example)
];

/** A refusal helper called with something other than a literal code: each must be one of these known relays. */
const RELAYS =
  /\b(?:invalid|notFound|conflict|forbidden|new DomainError|new ApiError)\(\s*(?:\d{3},\s*|claimed\.statusCode,\s*)?(?!')([a-z][\w.]*)/g;
export const KNOWN_RELAYS = ['code', 'error.code', 'file.emptyCode', 'kind.code', 'refusal.code', 'status'];

// The portal's browser files answer no request; an event store's contract suite and test doubles are tests.
const SKIPPED_DIRECTORIES = ['public', 'contract', 'testing'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRECTORIES.includes(entry.name) ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.spec\.ts$|\.fixture\.ts$/.test(entry.name) ? [path] : [];
  });
}

export function serverErrorCodes(root: string): { codes: string[]; relays: { file: string; argument: string }[] } {
  const codes = new Set<string>();
  const relays: { file: string; argument: string }[] = [];
  for (const file of [...sourceFiles(join(root, 'libs')), ...sourceFiles(join(root, 'src'))]) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of PATTERNS) for (const m of text.matchAll(pattern)) codes.add(m[1]);
    for (const m of text.matchAll(RELAYS)) relays.push({ file: relative(root, file), argument: m[1] });
  }
  return { codes: [...codes].sort(), relays };
}
