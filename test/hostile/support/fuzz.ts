import fc from 'fast-check';
import { HOSTILE_IDS, POLLUTION_MARK } from './hostile-values.js';
import { type BodyCase, hostileBodies, hostileCsv, hostileHeaders } from './mutations.js';
import { type RawAnswer, type RawRequest, send } from './raw-http.js';
import { fill, type Prepared } from './recipes.js';
import type { StoreState } from './store-probe.js';
import type { World } from './world.js';

const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/** The request a recipe prepared, as bytes on the wire. */
export function validRequest(route: string, prepared: Prepared, token: string | undefined): RawRequest {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (prepared.csv !== undefined) {
    headers['content-type'] = 'text/csv';
    body = prepared.csv;
  } else if (prepared.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(prepared.body);
  }
  return { method: route.slice(0, route.indexOf(' ')), path: fill(route, prepared.params), headers, body };
}

function withBody(valid: RawRequest, body: BodyCase): RawRequest {
  const headers = { ...valid.headers };
  delete headers['content-type'];
  if (body.contentType !== null) headers['content-type'] = body.contentType;
  return { ...valid, headers, body: body.text };
}

/** A generated request; fast-check prints it by its label, not by its (possibly megabytes of) body. */
export class Hostile {
  constructor(
    readonly label: string,
    readonly request: RawRequest,
  ) {}

  [fc.toStringMethod](): string {
    return `${this.request.method} ${this.request.path.slice(0, 200)} — ${this.label}`;
  }
}

/**
 * Requests around a valid one: its body mutated (or its CSV), an absurd header added, or a path
 * parameter replaced by a hostile id or by the other community's id.
 */
export function hostileRequests(
  route: string,
  prepared: Prepared,
  valid: RawRequest,
  otherCommunity: string,
): fc.Arbitrary<Hostile> {
  const bodies = (prepared.csv !== undefined ? hostileCsv(prepared.csv) : hostileBodies(prepared.body)).map(
    (body) =>
      new Hostile(
        `body: ${body.label}${body.contentType === 'application/json' || body.contentType === 'text/csv' ? '' : ` (${body.contentType ?? 'no content type'})`}`,
        withBody(valid, body),
      ),
  );
  const headers = hostileHeaders.map(
    ({ label, headers: extra }) =>
      new Hostile(`header: ${label}`, { ...valid, headers: { ...valid.headers, ...extra } }),
  );
  const names = Object.keys(prepared.params);
  const paths = fc
    .tuple(
      names.length ? fc.constantFrom(...names) : fc.constant(null),
      fc.constantFrom(...HOSTILE_IDS, otherCommunity, '/', '?after=abc', ';x=1'),
    )
    .map(([name, value]) => {
      if (name === null || value === '/' || value.startsWith('?') || value.startsWith(';')) {
        return new Hostile(`path + ${JSON.stringify(value)}`, { ...valid, path: valid.path + value });
      }
      const params = Object.fromEntries(
        Object.entries(prepared.params).map(([k, v]) => [k, k === name ? value : encodeURIComponent(v)]),
      );
      const shown = value.length > 40 ? `${value.slice(0, 12)}…(${value.length} chars)` : value;
      return new Hostile(`path {${name}} = ${shown}`, { ...valid, path: fill(route, params, false) });
    });
  return fc.oneof({ arbitrary: bodies, weight: 6 }, { arbitrary: headers, weight: 2 }, { arbitrary: paths, weight: 2 });
}

export interface RouteStats {
  route: string;
  tried: number;
  accepted: number;
  statuses: Record<number, number>;
}

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort().join();

/**
 * The properties every answer keeps: never a 5xx; a 4xx carries the error shape of API.md and
 * leaves the event store and every read model as they were; Object.prototype stays clean; and an
 * accepted request is projected (a read model that chokes on it would show as 503 here).
 */
export class AnswerChecker {
  private before: StoreState | null = null;

  constructor(private readonly world: World) {}

  async start(): Promise<void> {
    await this.world.caughtUp();
    this.before = await this.world.store.state();
  }

  /** One answer: no 5xx, no polluted prototype, a refusal in the error shape; on an acceptance, the new state. */
  async check(label: string, answer: RawAnswer<unknown>): Promise<void> {
    if (await this.accepted(label, answer)) return this.start();
    await this.nothingWritten(`${label}: answered ${answer.status} ${answer.text.slice(0, 300)}`);
  }

  /**
   * A batch of answers that should all be refusals, checked alike but the stored state compared once, after
   * the last (`nothingWritten`): comparing every read model after each request made the batches minutes long.
   * Answers whether the request was accepted (2xx): a batch with an acceptance in it starts again.
   */
  async accepted(label: string, answer: RawAnswer<unknown>): Promise<boolean> {
    const where = `${label}: answered ${answer.status} ${answer.text.slice(0, 300)}`;
    if (answer.status >= 500 || answer.status < 200) throw new Error(`a server error — ${where}`);
    if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== prototypeKeys || POLLUTION_MARK in {}) {
      throw new Error(`Object.prototype was polluted — ${where}`);
    }
    if (answer.status < 400) return true;
    // Node's own HTTP parser refuses some requests (431 for headers over its limit) before the app sees them.
    const byNode = answer.text === '' && (answer.status === 431 || answer.status === 400);
    if (!byNode) {
      const body = answer.json && typeof answer.json === 'object' ? (answer.json as Record<string, unknown>) : null;
      if (
        !body ||
        body.statusCode !== answer.status ||
        !UPPER_SNAKE.test(String(body.code ?? '')) ||
        !String(body.message ?? '').trim()
      ) {
        throw new Error(`a refusal without the error shape {statusCode, code, message} — ${where}`);
      }
    }
    return false;
  }

  /** The event store and every read model as they were at `start` (or the last acceptance). */
  async nothingWritten(what: string): Promise<void> {
    const after = await this.world.store.state();
    const before = this.before!;
    if (after.events !== before.events || after.head !== before.head) {
      throw new Error(`refused, yet ${after.events - before.events} event(s) were appended — ${what}`);
    }
    if (after.readModels !== before.readModels)
      throw new Error(`refused, yet a read model or an account changed — ${what}`);
  }
}

/** Sends `runs` hostile requests around a valid one through fast-check, checking each answer. */
export async function fuzzRoute(
  world: World,
  route: string,
  prepared: Prepared,
  valid: RawRequest,
  runs: number,
  seed: number,
): Promise<RouteStats> {
  const stats: RouteStats = { route, tried: 0, accepted: 0, statuses: {} };
  const checker = new AnswerChecker(world);
  await checker.start();
  const other = prepared.params.cid === world.B.cid ? world.A.cid : world.B.cid;
  await fc.assert(
    fc.asyncProperty(hostileRequests(route, prepared, valid, other), async ({ label, request }) => {
      const answer = await send(world.server.baseUrl, request);
      stats.tried++;
      stats.statuses[answer.status] = (stats.statuses[answer.status] ?? 0) + 1;
      if (answer.status < 300) stats.accepted++;
      await checker.check(label, answer);
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
  return stats;
}
