import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './error-response.js';

/** What the body parsers read at most: JSON, and CSV or plain text (a roster of 20,000 units fits). */
export const BODY_LIMITS = { json: 5 * 1024 * 1024, text: 20 * 1024 * 1024 } as const;

/** Far deeper than any body of the API (an array of units holding arrays of owner ids is 3). */
export const MAX_BODY_DEPTH = 32;

/**
 * No object of the API has more than a dozen fields, and its largest body (20,000 units of 7 fields)
 * holds 140,000 keys. Bounded here, before class-transformer, whose time grows with the square of an
 * object's key count (400,000 keys held the event loop for minutes).
 */
export const MAX_KEYS_PER_OBJECT = 100;
export const MAX_BODY_KEYS = 160_000;

function tooManyKeys(detail: string): ApiError {
  return new ApiError(
    400,
    'TOO_MANY_KEYS',
    `the body has too many fields: ${detail}; no request of this API needs that many`,
  );
}

/** Keys that reach for Object.prototype: never a field of ours, so a body naming one is refused like any unknown field. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** PostgreSQL's text and jsonb hold neither NUL nor half a surrogate pair; refused here, they never reach a query as a 500. */
// eslint-disable-next-line no-control-regex -- NUL is the character refused
const UNSTORABLE = /\u0000|\p{Cs}/u;

function unstorable(text: string, where: string): ApiError {
  const what = text.includes('\u0000') ? 'a NUL character (\\u0000)' : 'half of a UTF-16 surrogate pair';
  return new ApiError(400, 'INVALID_CHARACTER', `${where} contains ${what}, which cannot be stored; remove it`);
}

/** The first problem in a parsed body, walked without recursion so that no depth can overflow the stack. */
function problemIn(body: unknown): ApiError | null {
  if (typeof body === 'string') return UNSTORABLE.test(body) ? unstorable(body, 'the body') : null;
  // An uploaded spreadsheet's bytes: its cells are checked as text once read, like any other field.
  if (Buffer.isBuffer(body)) return null;
  const pending: { value: unknown; depth: number; path: string }[] = [{ value: body, depth: 0, path: '' }];
  let keys = 0;
  while (pending.length) {
    const { value, depth, path } = pending.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return unstorable(value, path || 'the body');
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH)
      return new ApiError(
        400,
        'TOO_DEEPLY_NESTED',
        `the body nests deeper than ${MAX_BODY_DEPTH} levels at ${path}; no request of this API needs that`,
      );
    const own = Object.keys(value);
    if (!Array.isArray(value)) {
      // Counted before the keys are looked at, so the answer neither waits on nor names them.
      if (own.length > MAX_KEYS_PER_OBJECT)
        return tooManyKeys(`one object holds ${own.length}, at most ${MAX_KEYS_PER_OBJECT} are allowed`);
      keys += own.length;
      if (keys > MAX_BODY_KEYS) return tooManyKeys(`more than ${MAX_BODY_KEYS} in all`);
    }
    for (const key of own) {
      const at = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (!Array.isArray(value)) {
        if (PROTOTYPE_KEYS.has(key))
          return new ApiError(400, 'VALIDATION_FAILED', `${at}: property ${key} should not exist`, {
            fields: [{ field: at, problems: [`property ${key} should not exist`] }],
          });
        if (UNSTORABLE.test(key)) return unstorable(key, `a field name at ${path || 'the top level'}`);
      }
      pending.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: at });
    }
  }
  return null;
}

/**
 * Runs after the body parsers and before routing: refuses, with a 400 and a stable code, a body with
 * more keys than any request needs (TOO_MANY_KEYS), and what would otherwise surface as a 500 deep inside (a NUL in a path or a string, a lone surrogate, a body
 * nested thousands deep that overflows class-transformer's stack) or be silently dropped
 * (`__proto__` and `constructor` keys, which class-transformer skips before the whitelist sees them).
 */
export function refuseHostileInput() {
  return (request: Request, _response: Response, next: NextFunction) => {
    if (/%00/.test(request.originalUrl) || request.originalUrl.includes('\u0000')) {
      return next(
        new ApiError(
          400,
          'INVALID_CHARACTER',
          'the address contains a NUL character (%00), which no id or query value may hold',
        ),
      );
    }
    const problem = problemIn(request.body);
    return next(problem ?? undefined);
  };
}

/**
 * Runs before the body parsers: a request that declares more bytes than they would read is refused at
 * once, and its connection closed, rather than drained to the end as body-parser does before it
 * answers 413 (a client declaring 10 GB would otherwise hold a connection until it sent them all).
 */
export function refuseDeclaredOversize() {
  return (request: Request, response: Response, next: NextFunction) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    const limit = request.is('application/json') ? BODY_LIMITS.json : BODY_LIMITS.text;
    if (!(declared > limit)) return next();
    response.setHeader('Connection', 'close');
    return next(new ApiError(413, 'PAYLOAD_TOO_LARGE', 'the request body is too large'));
  };
}
