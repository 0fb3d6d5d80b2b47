import { jest } from '@jest/globals';
import { AnswerChecker, type RouteStats, fuzzRoute, validRequest } from './support/fuzz.js';
import {
  HOSTILE_IDS,
  jsonText,
  POLLUTION_MARK,
  Raw,
  REFUSED_AMOUNTS,
  REFUSED_TIMES,
} from './support/hostile-values.js';
import { type JsonPath, setAt, showPath, stringPaths } from './support/json-paths.js';
import { isWrite, operations } from './support/openapi.js';
import { send } from './support/raw-http.js';
import { fill, type Prepared, RECIPES, tokenFor } from './support/recipes.js';
import { World } from './support/world.js';
import { observedRefusals, recordRefusals, undeclaredRefusals } from '../support/observed-refusals.js';

/**
 * ISSUE 8 item 3, first part: fast-check generated bodies, headers and paths against every write
 * route of the server's own OpenAPI document. Each route starts from a valid request (its recipe);
 * the generated requests around it must never get a 5xx, and a refused one (4xx) must leave the
 * event store (count and head) and every read model and account table exactly as they were.
 * HOSTILE_SEED replays a run; HOSTILE_RUNS sets the requests per route.
 */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 10);
// Each test sends thousands of requests across every route (more with each route added): minutes, not one.
jest.setTimeout(240_000);
const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 2 ** 31);

describe(`hostile requests against every route (${RUNS} generated per write route, seed ${SEED})`, () => {
  let world: World;
  const summary: RouteStats[] = [];

  beforeAll(async () => {
    recordRefusals();
    world = await World.build('hostile_fuzz');
  });
  afterAll(async () => {
    const lines = summary.map(
      (s) =>
        `${s.route.padEnd(72)} ${String(s.tried).padStart(4)} tried  ${String(s.accepted).padStart(3)} accepted  ${JSON.stringify(s.statuses)}`,
    );
    const total = summary.reduce((n, s) => n + s.tried, 0);
    console.log(
      `hostile input, seed ${SEED}: ${total} requests over ${summary.length} write routes, no 5xx, nothing written by a refusal\n${lines.join('\n')}`,
    );
    await world?.stop();
  });

  it('sees a write when there is one: an accepted request moves the event count and the read-model digest the checks compare', async () => {
    const before = await world.store.state();
    const recipe = RECIPES['POST /api/v1/communities/{cid}/public-revenue/income'];
    const prepared = await recipe.prepare(world, world.A);
    const answer = await send(
      world.server.baseUrl,
      validRequest('POST /api/v1/communities/{cid}/public-revenue/income', prepared, world.A.committee),
    );
    expect(answer.status).toBe(201);
    await world.caughtUp();
    const after = await world.store.state();
    expect({
      events: after.events > before.events,
      head: after.head !== before.head,
      readModels: after.readModels !== before.readModels,
    }).toEqual({ events: true, head: true, readModels: true });
  });

  it('has a valid-request recipe for every write route the OpenAPI document lists, and none for a route it does not', async () => {
    const documented = (await operations(world.server)).filter(isWrite).map((op) => op.key);
    expect({
      withoutRecipe: documented.filter((key) => !(key in RECIPES)),
      notDocumented: Object.keys(RECIPES).filter((key) => !documented.includes(key)),
    }).toEqual({
      withoutRecipe: [],
      notDocumented: [],
    });
  });

  describe.each(Object.keys(RECIPES))('%s', (route) => {
    it(`answers ${RUNS} generated bodies, headers and paths without a 5xx, writes nothing on a 4xx, and accepts its valid request`, async () => {
      const recipe = RECIPES[route];
      const prepared = await recipe.prepare(world, world.A);
      const valid = validRequest(route, prepared, tokenFor(world, recipe, world.A, prepared));
      const stats = await fuzzRoute(world, route, prepared, valid, RUNS, SEED);
      summary.push(stats);
      await recipe.settle?.(world);
      // The refusals were the mutations' doing: the request they started from is accepted (unless one already was).
      if (stats.accepted === 0) {
        const answer = await send(world.server.baseUrl, valid);
        expect({ status: answer.status, text: answer.status < 300 ? '' : answer.text }).toEqual({
          status: expect.any(Number),
          text: '',
        });
        expect(answer.status).toBeLessThan(300);
      }
    });
  });

  it('refuses with 400, writing nothing, every amount and time API.md calls a 400, in every money, area and time field of every write route', async () => {
    const checker = new AnswerChecker(world);
    let tried = 0;
    const accepted: string[] = [];
    for (const [route, recipe] of Object.entries(RECIPES)) {
      const prepared = await recipe.prepare(world, world.A);
      const valid = validRequest(route, prepared, tokenFor(world, recipe, world.A, prepared));
      await checker.start();
      let refusedOnly = true;
      for (const { field, values, request } of quantityFields(prepared)) {
        for (const value of values) {
          const answer = await send(world.server.baseUrl, { ...valid, body: request(value) });
          tried++;
          if (await checker.accepted(`${route} ${field} = ${String(value)}`, answer)) refusedOnly = false;
          if (answer.status !== 400)
            accepted.push(
              `${route} ${field} = ${JSON.stringify(value)}: ${answer.status} ${answer.text.slice(0, 100)}`,
            );
        }
      }
      // An accepted request wrote, as it may; it is listed in `accepted` and fails the test there.
      if (refusedOnly) await checker.nothingWritten(`${route}: its refused amounts, areas and times`);
      await recipe.settle?.(world);
    }
    expect(accepted).toEqual([]);
    expect(tried).toBeGreaterThan(200);
    console.log(`amounts, areas and times: ${tried} requests, each 400`);
  });

  it('refuses on every write route, with 400 and its code and nothing written: a NUL or half a surrogate pair in any string, __proto__ or constructor keys, nesting 10,000 deep', async () => {
    const checker = new AnswerChecker(world);
    const wrong: string[] = [];
    let tried = 0;
    const deep = new Raw('{"a":'.repeat(10_000) + '0' + '}'.repeat(10_000));
    for (const [route, recipe] of Object.entries(RECIPES)) {
      const prepared = await recipe.prepare(world, world.A);
      const valid = validRequest(route, prepared, tokenFor(world, recipe, world.A, prepared));
      await checker.start();
      const cases: [string, string, string | undefined][] = [];
      if (prepared.csv !== undefined) {
        const [header, row] = prepared.csv.split('\r\n');
        row.split(',').forEach((_, i) =>
          cases.push([
            `csv cell ${i} with a NUL`,
            'INVALID_CHARACTER',
            `${header}\r\n${row
              .split(',')
              .map((c, j) => (j === i ? `a\u0000b` : c))
              .join(',')}\r\n`,
          ]),
        );
      } else {
        for (const path of stringPaths(prepared.body)) {
          cases.push([
            `${showPath(path)} with a NUL`,
            'INVALID_CHARACTER',
            jsonText(setAt(prepared.body, path, 'a\u0000b')),
          ]);
          cases.push([
            `${showPath(path)} with a lone surrogate`,
            'INVALID_CHARACTER',
            jsonText(setAt(prepared.body, path, 'x\ud800y')),
          ]);
        }
        const object = Array.isArray(prepared.body) ? prepared.body[0] : (prepared.body ?? {});
        const wrap = (extra: string) => {
          const text = jsonText(object).replace(/^\{/, `{${extra}${jsonText(object) === '{}' ? '' : ','}`);
          return Array.isArray(prepared.body) ? `[${text}]` : text;
        };
        cases.push(['a __proto__ key', 'VALIDATION_FAILED', wrap(`"__proto__":{"${POLLUTION_MARK}":true}`)]);
        cases.push([
          'a constructor.prototype key',
          'VALIDATION_FAILED',
          wrap(`"constructor":{"prototype":{"${POLLUTION_MARK}":true}}`),
        ]);
        cases.push(['nesting 10,000 deep', 'TOO_DEEPLY_NESTED', wrap(`"deep":${deep.text}`)]);
      }
      let refusedOnly = true;
      for (const [what, code, body] of cases) {
        const answer = await send(world.server.baseUrl, {
          ...valid,
          headers: { ...valid.headers, 'content-type': prepared.csv !== undefined ? 'text/csv' : 'application/json' },
          body,
        });
        tried++;
        if (await checker.accepted(`${route} ${what}`, answer)) refusedOnly = false;
        if (answer.status !== 400 || answer.json?.code !== code)
          wrong.push(`${route} ${what}: ${answer.status} ${answer.json?.code} (expected 400 ${code})`);
      }
      if (refusedOnly) await checker.nothingWritten(`${route}: its NUL, surrogate, prototype and nesting cases`);
      await recipe.settle?.(world);
    }
    expect(wrong).toEqual([]);
    console.log(`NUL, lone surrogates, prototype keys, deep nesting: ${tried} requests, each 400 with its code`);
  });

  it(`answers every read route with ${HOSTILE_IDS.length} hostile values in each path parameter (traversal, NUL, broken escapes, 20 KB) without a 5xx`, async () => {
    const reads = (await operations(world.server)).filter((op) => op.method === 'GET' && op.params.length > 0);
    const checker = new AnswerChecker(world);
    await checker.start();
    const real: Record<string, string> = { cid: world.A.cid, rid: 'r', eid: 'e', sid: 's', uid: '1-101' };
    let tried = 0;
    for (const op of reads) {
      for (const name of op.params) {
        for (const value of HOSTILE_IDS) {
          const params = Object.fromEntries(
            op.params.map((p) => [p, p === name ? value : encodeURIComponent(real[p])]),
          );
          const answer = await send(world.server.baseUrl, {
            method: 'GET',
            path: fill(op.key, params, false),
            headers: { authorization: `Bearer ${world.regulator}` },
          });
          await checker.accepted(`${op.key} with {${name}} = ${value.slice(0, 40)}`, answer);
          tried++;
        }
      }
      // A read writes nothing, whatever it answered.
      await checker.nothingWritten(`the hostile path parameters of ${op.key}`);
    }
    console.log(`hostile path parameters: ${tried} requests over ${reads.length} read routes, no 5xx`);
  });

  it('answered only refusals that the OpenAPI document declares for their route, each with its catalogue status', async () => {
    const document = (await world.server.get('/api/docs-json')).body;
    const { undeclared, matched } = undeclaredRefusals(document, observedRefusals());
    expect(matched).toBeGreaterThan(1000);
    expect(undeclared.map((u) => `${u.operation}: ${u.status} ${u.code}, ${u.problem} (${u.path})`)).toEqual([]);
  });
});

type Leaf = { field: string; values: unknown[]; request: (value: unknown) => string };

/** The amount, area and time fields of a prepared request, each with the values that must be refused there. */
function quantityFields(prepared: Prepared): Leaf[] {
  const kindOf = (name: string, value: string) =>
    /^(amount|perItemCap|yearlyCap)$/.test(name)
      ? 'amount'
      : name === 'areaM2'
        ? 'area'
        : /^\d{4}-\d\d-\d\dT/.test(value)
          ? 'time'
          : null;
  const refused = (kind: 'amount' | 'area' | 'time', csv: boolean) => {
    const values =
      kind === 'time'
        ? REFUSED_TIMES
        : kind === 'amount'
          ? REFUSED_AMOUNTS
          : REFUSED_AMOUNTS.filter((v) => v !== '0' && v !== '0.00');
    // A CSV cell is text and is trimmed, so numbers and surrounding spaces are no different there.
    return csv ? values.filter((v): v is string => typeof v === 'string' && v.trim() === v) : values;
  };
  if (prepared.csv !== undefined) {
    const [header, row] = prepared.csv.split('\r\n');
    const names = header.split(',');
    const cells = row.split(',');
    return names.flatMap((name, i) => {
      const kind = kindOf(name, cells[i]);
      if (!kind) return [];
      return [
        {
          field: `csv ${name}`,
          values: refused(kind, true),
          request: (v) => `${header}\r\n${cells.map((c, j) => (j === i ? String(v) : c)).join(',')}\r\n`,
        },
      ];
    });
  }
  const leaves: Leaf[] = [];
  const walk = (value: unknown, path: JsonPath) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => walk(v, [...path, k]));
    else if (typeof value === 'string') {
      const kind = kindOf(String(path[path.length - 1]), value);
      if (kind)
        leaves.push({
          field: showPath(path),
          values: refused(kind, false),
          request: (v) => jsonText(setAt(prepared.body, path, v)),
        });
    }
  };
  walk(prepared.body, []);
  return leaves;
}
