import { type Actor, authorize, authorizeAt, grantsFor, type Place, type Role } from '../platform/auth/principal.js';
import type { RequestContext } from '../platform/auth/request-context.js';

/**
 * Who may do what with the registry (communities, their roster, their managing body, owners' letters): the one
 * place the registry module's handlers and controller ask. Each entry is the roles that may; the administrator
 * and the regulator hold theirs everywhere (`communityId` null), the others in one community. Anyone else is
 * refused 401 (no token), 403 FORBIDDEN or 403 OUTSIDE_JURISDICTION. The list of communities and one community's
 * page are public and need no entry.
 */
export const REGISTRY_ACCESS = {
  /** Rule 31: a street office registers communities where its jurisdiction reaches; the administrator anywhere. */
  RegisterCommunity: ['admin', 'regulator'],
  /** Rule 17: a preparatory group is appointed by the street office or the administrator. */
  AppointManagingBody: ['admin', 'regulator'],
  /** Rule 17: a property-management committee is the street office's act alone. */
  AppointPmc: ['regulator'],
  /** The committee keeps the roster; a dry run (`?dryRun=true`) is asked the same. */
  RegisterUnits: ['committee'],
  RegisterOwners: ['committee'],
  TransferUnit: ['committee'],
  /** Rule 33: an owner re-keys their own account with a new letter (the grant's subject is their owner id)… */
  IssueOwnLetter: ['owner'],
  /** …and the committee or the street office issues one for any owner of the community, at the owner's request. */
  IssueOwnerLetter: ['committee', 'regulator'],
  /** The roster with its totals by the counting rules. */
  readRoster: ['committee', 'regulator'],
} as const satisfies Record<string, readonly Role[]>;

export type RegistryAction = keyof typeof REGISTRY_ACCESS;

/** The caller, if `REGISTRY_ACCESS` lets them do `action` (in this community; null: by a role held everywhere). */
export function authorizeRegistry(ctx: RequestContext, action: RegistryAction, communityId: string | null): Actor {
  return authorize(ctx.principal, REGISTRY_ACCESS[action], communityId);
}

/** Rule 31: the caller, if `REGISTRY_ACCESS` lets them do `action` and a regulator's scope covers the place. */
export function authorizeRegistryAt(ctx: RequestContext, action: RegistryAction, place: Place): Actor {
  return authorizeAt(ctx.principal, REGISTRY_ACCESS[action], place);
}

/** The subjects (owner ids) of the caller's grants in this community that `REGISTRY_ACCESS` lets do `action`. */
export function registrySubjects(ctx: RequestContext, action: RegistryAction, communityId: string): string[] {
  return grantsFor(ctx.principal, REGISTRY_ACCESS[action], communityId).flatMap((g) =>
    g.subjectId ? [g.subjectId] : [],
  );
}
