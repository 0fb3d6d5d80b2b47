import { ADMIN, type TestServer } from '../support/test-server.js';

export const DAY = 24 * 3600 * 1000;
export const sha = (c: string) => c.repeat(64);
/** Tokens must outlive the weeks these tests move the clock by. */
export const LONG_TOKENS = { GONGZHI_TOKEN_TTL_SECONDS: String(5 * 365 * 24 * 3600) };

/** A street-office account, invited by the administrator. */
export async function regulatorToken(server: TestServer, login: string): Promise<string> {
  const admin = await server.signIn(ADMIN.login, ADMIN.secret);
  const invited = await server.post('/api/v1/accounts/invitations', { role: 'regulator', label: `街道办 ${login}` }, { token: admin });
  if (invited.status !== 201) throw new Error(invited.text);
  return server.activateAndSignIn(invited.body.activationCode, login);
}
