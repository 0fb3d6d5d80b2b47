import { type Actor, authorize, type Grant, type Role } from '../platform/auth/principal.js';
import type { RequestContext } from '../platform/auth/request-context.js';

/**
 * Who may do what with accounts: the one place the identity module asks. Signing in, activating a code and
 * reading one's own account (`auth/me`) are for anyone who has the secret, the code or the token, and need
 * no entry; owners' letters and the managing body's codes are the registry's (REGISTRY_ACCESS). Anyone else is
 * refused 401 (no token) or 403 FORBIDDEN.
 */
export const IDENTITY_ACCESS = {
  /** An administrator invites the administrators, the regulators (rule 31: scoped or city-wide) and the auditors (rule 32). */
  InviteAccount: ['admin'],
  /**
   * Rule 33: who holds owners' letters to deliver them: an owner's code activated by their session, or added to
   * an account holding this role in the owner's community, is marked as activated on the owner's behalf.
   */
  ActivateOnOwnersBehalf: ['committee'],
} as const satisfies Record<string, readonly Role[]>;

export type IdentityAction = keyof typeof IDENTITY_ACCESS;

/** The caller, if `IDENTITY_ACCESS` lets them do `action` (in this community; null: by a role held everywhere). */
export function authorizeIdentity(ctx: RequestContext, action: IdentityAction, communityId: string | null): Actor {
  return authorize(ctx.principal, IDENTITY_ACCESS[action], communityId);
}

/** Whether any of these grants (an account's, not yet a request's) lets do `action` in this community. */
export function grantsAllow(grants: readonly Grant[], action: IdentityAction, communityId: string): boolean {
  const roles: readonly Role[] = IDENTITY_ACCESS[action];
  return grants.some((g) => roles.includes(g.role) && g.communityId === communityId);
}
