import type { Grant, Principal } from '../platform/auth/principal.js';
import { grantsAllow } from './identity.access.js';

/**
 * Rule 33: the committee holds owners' letters to deliver them. An owner's code turned into an account
 * by a signed-in committee member of that community, or added to an account that holds the committee
 * role there, was activated on the owner's behalf: the grant names that committee account, and every
 * ballot cast through it says so. An owner activating their own letter, signed in as nobody, is not marked.
 */
export function committeeActivator(
  grant: Grant,
  caller: Principal | null,
  existing: { id: string; grants: readonly Grant[] } | null,
): string | undefined {
  if (grant.role !== 'owner' || !grant.communityId) return undefined;
  if (caller && grantsAllow(caller.grants, 'ActivateOnOwnersBehalf', grant.communityId)) return caller.accountId;
  if (existing && grantsAllow(existing.grants, 'ActivateOnOwnersBehalf', grant.communityId)) return existing.id;
  return undefined;
}
