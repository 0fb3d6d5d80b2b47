import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES } from '../../src/error-codes.js';
import { implicitRefusals } from '../../src/platform/http/refusals.js';
import { RefusalReach, type RouteReach } from './support/reachable-refusals.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Each route's @Refusals, read against the source: every controller route declares its refusals, and every code
 * its handler can reach (through its command, decider, lookups and pipes: support/reachable-refusals.ts) is
 * declared or implied by what the route is. A refusal added to a command handler or a decider fails here until
 * the routes that reach it declare it. What the server is seen to answer is checked by the hostile suite.
 */
describe("each route's declared refusals", () => {
  let routes: RouteReach[];
  let reach: RefusalReach;
  beforeAll(() => {
    reach = new RefusalReach(root, new Set(Object.keys(ERROR_CODES)));
    routes = reach.routes();
  }, 300_000);

  const name = (route: RouteReach) => `${route.file} ${route.controller}.${route.method}`;
  const implied = (route: RouteReach) =>
    new Set<string>(implicitRefusals({ public: route.public, method: route.verb, community: true }));

  it('are read with the shared lists they spread resolved: the online ballot route spreads BALLOT_REFUSALS', () => {
    const cast = routes.find((route) => route.controller === 'VotingController' && route.method === 'cast');
    expect(cast?.declared).toEqual([
      ...['CHOICE_REQUIRED', 'CONCURRENCY_CONFLICT', 'DUPLICATE_OPTION', 'ELECTION_CLOSED', 'EVIDENCE_REQUIRED'],
      ...['FORBIDDEN', 'INVALID_CHANNEL', 'INVALID_CHOICE', 'INVALID_SHA256', 'INVALID_TIME'],
      ...['LATE_BALLOT_ALREADY_RECORDED', 'NOT_A_VOTER', 'OUTSIDE_JURISDICTION', 'PROXY_CHANNEL_REQUIRED'],
      ...['PROXY_NOT_AUTHORISED', 'RANKING_NOT_OFFERED', 'RANKING_REQUIRED', 'RESOLUTION_CLOSED'],
      ...['RESOLUTION_NOT_FOUND', 'RESOLUTION_NOT_OPEN', 'UNKNOWN_OPTION'],
      // The route's own, after the shared list.
      ...['NOT_YOUR_OWNER_ID', 'OWNER_ID_REQUIRED'],
    ]);
    // Its parts: the decorator's own literals, then the shared list's.
    expect(cast?.declaredParts.map((part) => part.length)).toEqual([2, 21]);
  });

  it("are read through a table's entry: the election's open route spreads VOTE_STEP_REFUSALS.open", () => {
    const open = routes.find((route) => route.controller === 'ElectionsController' && route.method === 'open');
    expect(open?.declaredParts).toEqual([
      ['ELECTION_ALREADY_OPEN', 'ELECTION_CLOSED', 'ELECTION_NOT_FOUND'],
      [
        ...['COMMUNITY_NOT_FOUND', 'CONCURRENCY_CONFLICT', 'DUPLICATE_UNIT', 'DUPLICATE_VOTER', 'EMPTY_ROSTER'],
        ...['FORBIDDEN', 'INVALID_AREA', 'INVALID_OWNER_ID', 'INVALID_TIME', 'NOT_POSTED', 'OUTSIDE_JURISDICTION'],
        ...['REPRESENTATIVE_NOT_OWNER', 'ROSTER_HASH_REQUIRED', 'TOO_EARLY_TO_OPEN', 'TOO_LATE_TO_OPEN'],
        ...['UNIT_WITHOUT_OWNER', 'UNKNOWN_OWNER'],
      ],
    ]);
    expect(open?.declared).toEqual([...open!.declaredParts[1], ...open!.declaredParts[0]]);
  });

  it('are declared with @Refusals on every route of every controller', () => {
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((route) => route.declared === null).map(name)).toEqual([]);
  });

  it('include every code the route can reach in the source, unless every route of its kind answers it anyway', () => {
    const missing = routes.flatMap((route) => {
      const covered = new Set([...(route.declared ?? []), ...implied(route)]);
      const lacking = route.codes.filter((code) => !covered.has(code));
      return lacking.length ? [`${name(route)}: ${lacking.join(' ')}`] : [];
    });
    expect(missing).toEqual([]);
  });

  it('declare no code the route cannot reach (a refusal removed from its command is removed from its routes)', () => {
    const stale = routes.flatMap((route) => {
      const beyond = (route.declared ?? []).filter((code) => !route.codes.includes(code));
      return beyond.length ? [`${name(route)}: ${beyond.join(' ')}`] : [];
    });
    expect(stale).toEqual([]);
  });

  it("name each code once with the shared lists spread in, none that every route of its kind answers already, and write each list (the decorator's own codes, each shared list) in order", () => {
    const untidy = routes.flatMap((route) => {
      const declared = route.declared ?? [];
      const twice = declared.filter((code, at) => declared.indexOf(code) !== at);
      const needless = declared.filter((code) => implied(route).has(code));
      const unsorted = route.declaredParts.filter((part) => JSON.stringify(part) !== JSON.stringify([...part].sort()));
      return [
        ...(twice.length ? [`${name(route)}: twice ${twice.join(' ')}`] : []),
        ...(needless.length ? [`${name(route)}: implied ${needless.join(' ')}`] : []),
        ...unsorted.map((part) => `${name(route)}: out of order ${part.join(' ')}`),
      ];
    });
    expect(untidy).toEqual([]);
  });

  it('reaches, from what every route passes through, only codes the implied lists hold', () => {
    const entries = {
      'the auth guard': reach.entry('src/identity/auth.guard.ts', 'AuthGuard.canActivate'),
      'the ?after= wait': reach.entry('src/platform/http/read-after.ts', 'ReadAfterInterceptor.intercept'),
      'the hostile-input middleware': reach.entry('src/platform/http/hostile-input.ts', 'refuseHostileInput'),
      'the declared-size check': reach.entry('src/platform/http/hostile-input.ts', 'refuseDeclaredOversize'),
      'the validation pipe': reach.entry('src/platform/http/validation.ts', 'validationPipe'),
    };
    const every = new Set<string>([
      ...implicitRefusals({ public: false, method: 'GET', community: true }),
      ...implicitRefusals({ public: false, method: 'POST', community: true }),
    ]);
    const idempotency = reach.entry('src/platform/http/idempotency.interceptor.ts', 'IdempotencyInterceptor.intercept');
    // The interceptor answers a remembered refusal again (toErrorBody's codes): its own are the key's.
    const ownIdempotency = idempotency.filter((code) => /IDEMPOTENCY/.test(code));
    expect(ownIdempotency.length).toBeGreaterThanOrEqual(4);
    const beyond = Object.entries({ ...entries, 'the idempotency interceptor': ownIdempotency }).flatMap(
      ([entry, codes]) => codes.filter((code) => !every.has(code)).map((code) => `${entry}: ${code}`),
    );
    expect(beyond).toEqual([]);
  });

  it('declare only codes of the catalogue (tsc checks the spelling; this, a code removed from it since)', () => {
    const unknown = routes.flatMap((route) => (route.declared ?? []).filter((code) => !(code in ERROR_CODES)));
    expect(unknown).toEqual([]);
  });
});

/** The reader of @Refusals on a project of its own, so that what it refuses to read is shown failing. */
describe("reading a route's @Refusals from the source", () => {
  const codes = new Set(['A_CODE', 'B_CODE', 'C_CODE', 'D_CODE']);
  let dir: string;
  const project = (controller: string) => {
    dir = mkdtempSync(join(tmpdir(), 'refusals-'));
    mkdirSync(join(dir, 'src/demo'), { recursive: true });
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true }, include: ['src'] }));
    writeFileSync(
      join(dir, 'src/demo/lists.ts'),
      [
        "export const INNER = ['B_CODE'] as const;",
        "export const SHARED = (['A_CODE', ...INNER] as const) satisfies readonly string[];",
        "export const TABLE = { entry: ['C_CODE'] } as const;",
        "export let CHANGING = ['D_CODE'];",
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'src/demo/demo.controller.ts'),
      [
        "import { CHANGING, SHARED, TABLE } from './lists.js';",
        'declare function Post(): MethodDecorator;',
        'declare function Refusals(...codes: string[]): MethodDecorator;',
        'const local = (): string[] => [];',
        'void CHANGING; void local;',
        `export class DemoController { ${controller} }`,
      ].join('\n'),
    );
    return new RefusalReach(dir, codes);
  };
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves an imported constant, a spread inside it and a table entry, through as const and satisfies', () => {
    const [route] = project("@Post() @Refusals(...SHARED, ...TABLE.entry, 'D_CODE') go() {}").routes();
    expect(route.declared).toEqual(['A_CODE', 'B_CODE', 'C_CODE', 'D_CODE']);
    expect(route.declaredParts).toEqual([['D_CODE'], ['A_CODE'], ['B_CODE'], ['C_CODE']]);
  });

  it.each([
    ['a call', '...local()', /demo\.controller\.ts DemoController\.go: @Refusals cannot read \.\.\.local\(\)/],
    ['a variable that may change', '...CHANGING', /DemoController\.go: @Refusals cannot read \.\.\.CHANGING/],
    ['a ternary', "...(Math.random() ? SHARED : ['C_CODE'])", /DemoController\.go: @Refusals cannot read/],
    ['an identifier, not spread', "'A_CODE', String(SHARED)", /DemoController\.go: @Refusals cannot read String/],
  ])('throws, naming the file and route, on an argument it cannot read: %s', (_what, args, message) => {
    expect(() => project(`@Post() @Refusals(${args}) go() {}`).routes()).toThrow(message);
  });
});
