import { forbidden } from '../../../libs/domain/shared/domain-error.js';
import { ApiError } from '../http/error-response.js';

export const ROLES = ['admin', 'regulator', 'committee', 'auditor', 'owner'] as const;
export type Role = (typeof ROLES)[number];

/** admin and regulator hold their role everywhere; the others for one community (and owner for one owner id). */
export interface Grant {
  role: Role;
  communityId: string | null;
  subjectId: string | null;
}

/** The signed-in account behind a request. */
export interface Principal {
  accountId: string;
  login: string;
  grants: Grant[];
}

export interface Actor {
  id: string;
  role: Role;
  /** For an owner, the owner id of the roster this account stands for. */
  subjectId: string | null;
}

const GLOBAL_ROLES: readonly Role[] = ['admin', 'regulator'];

export function requireSignedIn(principal: Principal | null): Principal {
  if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', 'sign in first: send Authorization: Bearer <token> from POST /api/v1/auth/token');
  return principal;
}

/** The grants a principal holds for a community among the given roles, global roles first. */
export function grantsFor(principal: Principal | null, roles: readonly Role[], communityId: string | null): Grant[] {
  if (!principal) return [];
  return principal.grants.filter(
    (g) => roles.includes(g.role) && (GLOBAL_ROLES.includes(g.role) ? g.communityId === null : g.communityId === communityId),
  );
}

/**
 * Authorisation is checked where the command is handled (DESIGN.md "Security"): this is that check.
 * 401 without a principal, 403 when no grant of the roles covers the community.
 */
export function authorize(principal: Principal | null, roles: readonly Role[], communityId: string | null): Actor {
  const signedIn = requireSignedIn(principal);
  const [grant] = grantsFor(signedIn, roles, communityId);
  if (!grant) {
    const where = communityId ? ` of community ${communityId}` : '';
    throw forbidden('FORBIDDEN', `this needs the role ${roles.join(' or ')}${where}; your account does not hold it`);
  }
  return { id: signedIn.accountId, role: grant.role, subjectId: grant.subjectId };
}

/** The owner ids this principal stands for in a community. */
export function ownerIdsOf(principal: Principal | null, communityId: string): string[] {
  return grantsFor(principal, ['owner'], communityId).flatMap((g) => (g.subjectId ? [g.subjectId] : []));
}
