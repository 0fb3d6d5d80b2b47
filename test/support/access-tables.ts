import { DomainError } from '@gongzhi/domain/shared/domain-error.js';
import { type Actor, type Grant, ROLES, type Role } from '../../src/platform/auth/principal.js';
import { RequestContext } from '../../src/platform/auth/request-context.js';
import { ApiError } from '../../src/platform/http/error-response.js';

/** The community the unit tests of the access tables act in, and another one. */
export const CID = '7a1c0d3e-0000-4000-8000-00000000c001';
export const OTHER_CID = '7a1c0d3e-0000-4000-8000-00000000c002';

const HELD_EVERYWHERE: readonly Role[] = ['admin', 'regulator'];

/** A grant of `role` as the identity module hands it out: admin and regulator everywhere, the others in one community. */
export function grantOf(role: Role, communityId = CID, subjectId: string | null = null): Grant {
  return HELD_EVERYWHERE.includes(role) ? { role, communityId: null, subjectId } : { role, communityId, subjectId };
}

/** A request of a signed-in account holding these grants; no grants at all: a request without a token. */
export function ctxOf(...grants: Grant[]): RequestContext {
  const principal = grants.length === 0 ? null : { accountId: 'acc-1', login: 'someone', grants };
  return new RequestContext(principal, null, 'corr-1', new Date('2026-03-01T00:00:00Z'));
}

/** The answer an action gives over HTTP (status and code), or 'ALLOWED' with the role it acted in. */
export function answerOf(act: () => Actor): { status: number; code: string } | { allowed: Role } {
  try {
    return { allowed: act().role };
  } catch (error) {
    if (error instanceof ApiError) return { status: error.getStatus(), code: error.code };
    if (error instanceof DomainError && error.kind === 'forbidden') return { status: 403, code: error.code };
    throw error;
  }
}

/**
 * For every entry of an access table and every role: a role in the entry is let through (acting in that role), a
 * role not in it is refused 403 FORBIDDEN, nobody signed in is refused 401, and a community role held in another
 * community does not count here.
 */
export function describeAccessTable<A extends string>(
  table: Record<A, readonly Role[]>,
  authorizeIn: (ctx: RequestContext, action: A, communityId: string) => Actor,
) {
  const cases = (Object.keys(table) as A[]).flatMap((action) =>
    ROLES.map((role) => ({ action, role, may: table[action].includes(role) })),
  );

  it.each(cases.filter((c) => c.may))('$action: $role may', ({ action, role }) => {
    expect(answerOf(() => authorizeIn(ctxOf(grantOf(role)), action, CID))).toEqual({ allowed: role });
  });

  it.each(cases.filter((c) => !c.may))('$action: $role is refused 403 FORBIDDEN', ({ action, role }) => {
    expect(answerOf(() => authorizeIn(ctxOf(grantOf(role)), action, CID))).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it.each(Object.keys(table) as A[])('%s: nobody signed in is refused 401 UNAUTHENTICATED', (action) => {
    expect(answerOf(() => authorizeIn(ctxOf(), action, CID))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  const inCommunity = cases.filter((c) => c.may && !HELD_EVERYWHERE.includes(c.role));
  if (inCommunity.length > 0)
    it.each(inCommunity)('$action: $role of another community is refused 403 FORBIDDEN', ({ action, role }) => {
      expect(answerOf(() => authorizeIn(ctxOf(grantOf(role, OTHER_CID)), action, CID))).toEqual({
        status: 403,
        code: 'FORBIDDEN',
      });
    });
}
