import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTEXT_ERROR_CODES, ERROR_CODES } from '../../src/error-codes.js';
import { serverErrorCodes } from '../portal/support/server-error-codes.js';
import { TestServer } from '../support/test-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const HELPER_STATUS: Record<string, number> = { invalid: 400, notFound: 404, conflict: 409, forbidden: 403 };

/** Each literal code raised through a refusal helper or `new ApiError(status, …)`, with the status that answers it. */
function raisedStatuses(dir: string): { code: string; status: number }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ts$/.test(entry.name) && !/\.(spec|fixture)\.ts$/.test(entry.name))
    .flatMap((entry) => {
      const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
      const byHelper = [...text.matchAll(/\b(invalid|notFound|conflict|forbidden)\(\s*'([A-Z][A-Z0-9_]+)'/g)].map(
        (m) => ({ code: m[2], status: HELPER_STATUS[m[1]] }),
      );
      const byApiError = [...text.matchAll(/\bnew ApiError\(\s*(\d{3}),\s*'([A-Z][A-Z0-9_]+)'/g)].map((m) => ({
        code: m[2],
        status: Number(m[1]),
      }));
      return [...byHelper, ...byApiError];
    });
}

describe('the error-code catalogue', () => {
  it('lists exactly the codes the server can answer, no fewer and none it cannot', () => {
    expect(Object.keys(ERROR_CODES).sort()).toEqual(serverErrorCodes(root).codes);
  });

  it('lists each code under one context only, so a code has one status and one text', () => {
    const lists = Object.values(CONTEXT_ERROR_CODES).map((list) => Object.keys(list));
    expect(lists.flat().length).toBe(Object.keys(ERROR_CODES).length);
  });

  it('gives each code the status the server answers it with', () => {
    const raised = [...raisedStatuses(join(root, 'libs')), ...raisedStatuses(join(root, 'src'))];
    expect(raised.length).toBeGreaterThan(100);
    expect(raised.filter(({ code, status }) => ERROR_CODES[code]?.status !== status)).toEqual([]);
  });

  describe('in the OpenAPI document', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await TestServer.start('error_catalogue');
    });
    afterAll(() => server.stop());

    it('/api/docs-json lists every code with its status and English text, and refusals answer an ErrorBody of them', async () => {
      const answer = await server.get('/api/docs-json');
      expect(answer.status).toBe(200);
      const schemas = answer.body.components.schemas;
      expect(schemas.ErrorCode.enum).toEqual(Object.keys(ERROR_CODES).sort());
      expect(schemas.ErrorCode['x-error-codes']).toEqual(
        Object.keys(ERROR_CODES)
          .sort()
          .map((code) => ({ code, status: ERROR_CODES[code].status, text: ERROR_CODES[code].text })),
      );
      expect(schemas.ErrorBody.properties.code).toEqual({ $ref: '#/components/schemas/ErrorCode' });

      const refused = await server.get('/api/v1/communities/no-such-community');
      expect(schemas.ErrorCode.enum).toContain(refused.body.code);
      expect(ERROR_CODES[refused.body.code].status).toBe(refused.status);
    });
  });
});
