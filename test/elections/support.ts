import { expect } from '@jest/globals';
import { parseCsv } from '../../src/platform/http/csv.js';
import { csvText } from '../finance/votes.js';
import { ADMIN, type ApiAnswer, type TestServer } from '../support/test-server.js';

export const DAY = 24 * 3600 * 1000;
export const sha = (c: string) => c.repeat(64);
/** Tokens must outlive the years these tests move the clock by. */
export const LONG_TOKENS = { GONGZHI_TOKEN_TTL_SECONDS: String(10 * 366 * 24 * 3600) };

/** A street-office account, invited by the administrator; scoped to a district (and street) when given (rule 31). */
export async function regulatorToken(
  server: TestServer,
  login: string,
  scope: { district?: string; street?: string } = {},
): Promise<string> {
  const admin = await server.signIn(ADMIN.login, ADMIN.secret);
  const invited = await server.post<{ activationCode: string }>(
    '/api/v1/accounts/invitations',
    { role: 'regulator', label: `街道办 ${login}`, ...scope },
    { token: admin },
  );
  if (invited.status !== 201) throw new Error(invited.text);
  return server.activateAndSignIn(invited.body.activationCode, login);
}

/** A request that must be refused with this status and code, appending no event. */
export async function refusedWritingNothing<T extends { code?: string } | undefined>(
  server: TestServer,
  request: () => Promise<ApiAnswer<T>>,
  status: number,
  code: string,
): Promise<ApiAnswer<T>> {
  const before = await server.storedEventCount();
  const answer = await request();
  expect({ status: answer.status, code: answer.body?.code }).toEqual({ status, code });
  expect(await server.storedEventCount()).toBe(before);
  return answer;
}

/** API.md's CSV twin: a byte-order mark (checked by csvText), CRLF line ends. Answers the rows, header first. */
export async function csvRows(server: TestServer, path: string, token?: string): Promise<string[][]> {
  const text = await csvText(server, path, token);
  expect(text).toContain('\r\n');
  expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  return parseCsv(text);
}
