import { forbidden } from '@gongzhi/domain/shared/domain-error.js';
import { ApiError } from '../http/error-response.js';

export const ROLES = ['admin', 'regulator', 'committee', 'auditor', 'owner', 'property_company'] as const;
export type Role = (typeof ROLES)[number];

/**
 * admin and regulator hold their role everywhere; the others for one community (and owner for one owner
 * id; property_company for one staff member of the community's property company, its subject the staff id).
 */
export interface Grant {
  role: Role;
  communityId: string | null;
  subjectId: string | null;
  /** Rule 31: a regulator's jurisdiction, a district and optionally one of its streets; absent: city-wide. */
  district?: string;
  street?: string;
  /** Rule 33: an owner grant the committee activated on the owner's behalf names that committee account. */
  activatedBy?: string;
}

/** The signed-in account behind a request. */
export interface Principal {
  accountId: string;
  login: string;
  grants: Grant[];
  /** Rule 31: regulator grants set aside for this request because the community lies outside them. */
  outsideJurisdiction?: boolean;
}

export interface Actor {
  id: string;
  role: Role;
  /** For an owner, the owner id of the roster this account stands for. */
  subjectId: string | null;
  /** Rule 33: for an owner, the committee account that activated this grant on the owner's behalf. */
  activatedBy?: string;
}

const GLOBAL_ROLES: readonly Role[] = ['admin', 'regulator'];

export function requireSignedIn(principal: Principal | null): Principal {
  if (!principal)
    throw new ApiError(
      401,
      'UNAUTHENTICATED',
      'sign in first: send Authorization: Bearer <token> from POST /api/v1/auth/token',
    );
  return principal;
}

/** The grants a principal holds for a community among the given roles, global roles first. */
export function grantsFor(principal: Principal | null, roles: readonly Role[], communityId: string | null): Grant[] {
  if (!principal) return [];
  return principal.grants.filter(
    (g) =>
      roles.includes(g.role) &&
      (GLOBAL_ROLES.includes(g.role) ? g.communityId === null : g.communityId === communityId),
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
    if (signedIn.outsideJurisdiction && roles.includes('regulator')) {
      throw forbidden(
        'OUTSIDE_JURISDICTION',
        `community ${communityId} lies outside the district or street your regulator account is scoped to`,
      );
    }
    const where = communityId ? ` of community ${communityId}` : '';
    throw forbidden('FORBIDDEN', `this needs the role ${roles.join(' or ')}${where}; your account does not hold it`);
  }
  return {
    id: signedIn.accountId,
    role: grant.role,
    subjectId: grant.subjectId,
    ...(grant.activatedBy ? { activatedBy: grant.activatedBy } : {}),
  };
}

/** The owner ids this principal stands for in a community. */
export function ownerIdsOf(principal: Principal | null, communityId: string): string[] {
  return grantsFor(principal, ['owner'], communityId).flatMap((g) => (g.subjectId ? [g.subjectId] : []));
}

/** A community's place, as its registration names it (rule 31). */
export interface Place {
  district: string;
  street: string | null;
}

/** Rule 31: whether a grant's jurisdiction covers a place: global roles without a district cover all. */
export function covers(grant: Grant, place: Place): boolean {
  if (!grant.district) return true;
  return grant.district === place.district && (!grant.street || grant.street === place.street);
}

/**
 * The principal as it acts on one community: regulator grants whose jurisdiction does not cover the
 * community's place are set aside, so every authorize() and grantsFor() of the request sees only the
 * grants that reach it.
 */
export function withinPlace(principal: Principal, place: Place): Principal {
  const outside = principal.grants.filter((g) => g.role === 'regulator' && !covers(g, place));
  if (outside.length === 0) return principal;
  return { ...principal, grants: principal.grants.filter((g) => !outside.includes(g)), outsideJurisdiction: true };
}

/**
 * Rule 31: the places a caller of a route naming no community may act on: null for the administrator
 * and a city-wide regulator, else its scoped regulator grants. A place none of them covers is refused.
 */
export function authorizeAt(principal: Principal | null, roles: readonly Role[], place: Place | null): Actor {
  const actor = authorize(principal, roles, null);
  if (actor.role !== 'regulator' || place === null) return actor;
  const regulatorGrants = grantsFor(principal, ['regulator'], null);
  if (regulatorGrants.some((g) => covers(g, place))) return actor;
  const scope = regulatorGrants.map((g) => [g.district, g.street].filter(Boolean).join(' ')).join(', ');
  throw forbidden(
    'OUTSIDE_JURISDICTION',
    `${place.district}${place.street ? ` ${place.street}` : ''} lies outside your regulator account's scope (${scope})`,
  );
}

/** Rule 31: the one scope a regulator's district view is confined to; null: global. */
export function viewScope(principal: Principal | null): { district: string; street: string | null } | null {
  const grants = grantsFor(principal, ['admin', 'regulator'], null);
  if (grants.some((g) => g.role === 'admin' || !g.district)) return null;
  const g = grants[0];
  return g ? { district: g.district!, street: g.street ?? null } : null;
}

/** Rule 33: the committee account that activated this principal's grant for the owner, if one did. */
export function activatedByOf(principal: Principal | null, communityId: string, ownerId: string): string | undefined {
  return principal?.grants.find((g) => g.role === 'owner' && g.communityId === communityId && g.subjectId === ownerId)
    ?.activatedBy;
}
