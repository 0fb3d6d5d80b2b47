import { ERROR_CODES } from '../../src/error-codes.js';
import { observedRefusals, recordRefusals, undeclaredRefusals } from '../support/observed-refusals.js';
import { communityWithCommittee, TestServer } from '../support/test-server.js';

type Operation = {
  operationId: string;
  'x-error-codes'?: string[];
  responses: Record<string, { description: string; content?: Record<string, { schema: any }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>> };

/**
 * The OpenAPI document lists on each operation the refusals it can answer (src/platform/http/refusals.ts):
 * `x-error-codes`, and one response per status. The hostile suite checks every refusal it provokes against
 * these lists (test/hostile/*.int.spec.ts, last test); route-refusals.unit.spec.ts checks them against the source.
 */
describe('the refusals each operation of the OpenAPI document declares', () => {
  let server: TestServer;
  let document: Document;
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
    );

  beforeAll(async () => {
    recordRefusals();
    server = await TestServer.start('declared_refusals');
    document = (await server.get('/api/docs-json')).body;
  });
  afterAll(() => server.stop());

  it('lists codes on every operation, each of the catalogue, grouped into responses by the status the catalogue gives it', () => {
    const problems: string[] = [];
    for (const { key, op } of operations()) {
      const codes = op['x-error-codes'];
      if (!codes?.length) {
        problems.push(`${key}: no x-error-codes`);
        continue;
      }
      for (const code of codes) {
        const entry = ERROR_CODES[code];
        if (!entry) problems.push(`${key}: ${code} is not in the catalogue`);
        const response = entry && op.responses[String(entry.status)];
        const schema = response?.content?.['application/json']?.schema;
        if (!schema?.allOf?.[1]?.properties?.code?.enum?.includes(code))
          problems.push(`${key}: ${code} is not in its ${entry?.status} response's code enum`);
        if (!response?.description.includes(`\`${code}\``))
          problems.push(`${key}: ${code} is not named in its ${entry?.status} response`);
      }
      for (const [status, response] of Object.entries(op.responses)) {
        const enumCodes: string[] =
          response.content?.['application/json']?.schema?.allOf?.[1]?.properties?.code?.enum ?? [];
        for (const code of enumCodes)
          if (!codes.includes(code) || String(ERROR_CODES[code]?.status) !== status)
            problems.push(`${key}: ${status} lists ${code}`);
      }
    }
    expect(operations().length).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  it('adds what the route is to its own: a token on a signed-in route, Idempotency-Key on its writes, ?after= on reads', () => {
    const op = (key: string) => operations().find((o) => o.key === key)!.op;
    const resolution = op('GET /api/v1/communities/{cid}/resolutions/{rid}');
    expect(resolution['x-error-codes']).toEqual(
      expect.arrayContaining(['RESOLUTION_NOT_FOUND', 'PROJECTIONS_BEHIND', 'PROJECTION_STALLED', 'VALIDATION_FAILED']),
    );
    expect(resolution['x-error-codes']).not.toContain('UNAUTHENTICATED'); // public
    expect(resolution['x-error-codes']).not.toContain('IDEMPOTENCY_KEY_REUSED');
    expect(resolution.responses['404'].content!['application/json'].schema).toEqual({
      allOf: [
        { $ref: '#/components/schemas/ErrorBody' },
        { type: 'object', properties: { statusCode: { enum: [404] }, code: { enum: ['RESOLUTION_NOT_FOUND'] } } },
      ],
    });

    const cast = op('POST /api/v1/communities/{cid}/resolutions/{rid}/ballots');
    expect(cast['x-error-codes']).toEqual(
      expect.arrayContaining(['UNAUTHENTICATED', 'IDEMPOTENCY_KEY_REUSED', 'NOT_A_VOTER', 'RESOLUTION_NOT_OPEN']),
    );
    expect(cast['x-error-codes']).not.toContain('PROJECTIONS_BEHIND');
    expect(cast['x-error-codes']).not.toContain('TOO_EARLY_TO_CLOSE');
  });

  it('refuses real requests only with codes their operation declares, and tells a code it does not declare', async () => {
    const { communityId, committee } = await communityWithCommittee(server);
    const refusals = [
      await server.get(`/api/v1/communities/${communityId}/resolutions/no-such-resolution`),
      await server.get(`/api/v1/communities/${communityId}/resolutions?after=x`),
      await server.post(`/api/v1/communities/${communityId}/resolutions/nope/ballots`, { choice: 'FOR' }),
      await server.post(`/api/v1/communities/${communityId}/resolutions/nope/open`, undefined, { token: committee }),
      await server.post(`/api/v1/communities/${communityId}/resolutions`, { title: '' }, { token: committee }),
      await server.post(`/api/v1/communities/${communityId}/owners`, [], { token: committee }),
    ];
    expect(refusals.map((answer) => answer.body.code)).toEqual([
      'RESOLUTION_NOT_FOUND',
      'VALIDATION_FAILED',
      'UNAUTHENTICATED',
      'RESOLUTION_NOT_FOUND',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
    ]);
    const observed = observedRefusals();
    expect(undeclaredRefusals(document, observed)).toEqual({ undeclared: [], matched: observed.length, unmatched: 0 });

    // A code the route never declares is told, and so is a declared code answered with another status.
    const wrong = [
      {
        method: 'GET',
        path: `/api/v1/communities/${communityId}/resolutions/r1`,
        status: 409,
        code: 'TOO_EARLY_TO_CLOSE',
      },
      {
        method: 'GET',
        path: `/api/v1/communities/${communityId}/resolutions/r1`,
        status: 400,
        code: 'RESOLUTION_NOT_FOUND',
      },
    ];
    expect(undeclaredRefusals(document, wrong).undeclared.map((u) => `${u.operation} ${u.code}: ${u.problem}`)).toEqual(
      [
        'GET /api/v1/communities/{cid}/resolutions/{rid} TOO_EARLY_TO_CLOSE: not in x-error-codes',
        'GET /api/v1/communities/{cid}/resolutions/{rid} RESOLUTION_NOT_FOUND: answered 400, the catalogue says 404',
      ],
    );
  });
});
