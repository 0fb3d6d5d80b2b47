import { ERROR_CODES } from '../../src/error-codes.js';

/** One refusal as a client saw it: the request's method and path (no query), the status and the body's code. */
export interface ObservedRefusal {
  method: string;
  path: string;
  status: number;
  code: string;
}

/** A refusal the OpenAPI document does not declare for its operation, or answered with another status. */
export interface UndeclaredRefusal extends ObservedRefusal {
  operation: string;
  problem: string;
}

const observed: ObservedRefusal[] = [];
let recording = false;

/**
 * From now on this test file's clients (ApiClient, and the hostile suite's raw `send`) note every refusal
 * they are answered; `undeclaredRefusals` then checks them against the server's OpenAPI document.
 */
export function recordRefusals(): void {
  recording = true;
}

export function observedRefusals(): readonly ObservedRefusal[] {
  return observed;
}

/** Called by the test clients with every answer. */
export function noteAnswer(method: string, url: string, status: number, body: unknown): void {
  if (!recording || status < 400) return;
  const code = (body as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return;
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0];
  observed.push({ method: method.toUpperCase(), path, status, code });
}

interface Template {
  operation: string;
  method: string;
  pattern: RegExp;
  /** Literal characters: where two templates match (`/resolutions.csv`, `/resolutions/{rid}`), the more literal one is the route. */
  weight: number;
  codes: string[] | undefined;
}

/** The operations of an OpenAPI document as patterns that a request path matches. */
function templatesOf(document: { paths: Record<string, Record<string, { 'x-error-codes'?: string[] }>> }): Template[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      operation: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      pattern: new RegExp(
        `^${path
          .split(/\{\w+\}/)
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('[^/]+')}$`,
      ),
      weight: path.replace(/\{\w+\}/g, '').length,
      codes: operation['x-error-codes'],
    })),
  );
}

/**
 * Each observed refusal whose operation does not list its code under `x-error-codes`, or whose status is not the
 * catalogue's. A request that matches no documented operation (an unknown path, an .xlsx twin of a CSV route)
 * is left out: it has no operation to declare anything.
 */
export function undeclaredRefusals(
  document: { paths: Record<string, Record<string, { 'x-error-codes'?: string[] }>> },
  refusals: readonly ObservedRefusal[],
): { undeclared: UndeclaredRefusal[]; matched: number; unmatched: number } {
  const templates = templatesOf(document);
  const undeclared = new Map<string, UndeclaredRefusal>();
  let matched = 0;
  let unmatched = 0;
  for (const refusal of refusals) {
    let path = refusal.path;
    try {
      path = decodeURI(path);
    } catch {
      // A hostile path that is not valid percent-encoding is matched as sent.
    }
    const route = templates
      .filter((t) => t.method === refusal.method && (t.pattern.test(refusal.path) || t.pattern.test(path)))
      .sort((a, b) => b.weight - a.weight)[0];
    if (!route) {
      unmatched++;
      continue;
    }
    matched++;
    const problem = !route.codes?.includes(refusal.code)
      ? 'not in x-error-codes'
      : ERROR_CODES[refusal.code]?.status !== refusal.status
        ? `answered ${refusal.status}, the catalogue says ${ERROR_CODES[refusal.code]?.status}`
        : null;
    if (problem)
      undeclared.set(`${route.operation} ${refusal.code}`, { ...refusal, operation: route.operation, problem });
  }
  return { undeclared: [...undeclared.values()], matched, unmatched };
}
