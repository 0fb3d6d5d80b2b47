import { forbidden, invalid } from '@gongzhi/domain/shared/domain-error.js';
import { type Actor, authorize, ownerIdsOf, type Role } from '../platform/auth/principal.js';
import type { RequestContext } from '../platform/auth/request-context.js';

/**
 * Who may do what with a community's resolutions: the one place voting's handlers and controller ask.
 * Each entry is the roles of that community that may; anyone else is refused 401 (no token) or 403 FORBIDDEN.
 */
export const VOTING_ACCESS = {
  DraftResolution: ['committee'],
  PostResolution: ['committee'],
  OpenResolution: ['committee'],
  CloseResolution: ['committee'],
  /** Rule 10: an owner votes, for themself or as another owner's named proxy. */
  CastBallot: ['owner'],
  /** Rule 11: the committee enters paper ballots in the owners' names. */
  EnterPaperBallots: ['committee'],
  AuthoriseProxy: ['owner'],
  /** Rule 24: the voter-by-voter record is for the committee and the regulator. */
  readQuorumRecord: ['committee', 'regulator'],
  /** Rule 24: which units took part (not how) is for the community's owners too. */
  readParticipation: ['owner', 'committee', 'regulator'],
  readOwnBallots: ['owner'],
} as const satisfies Record<string, readonly Role[]>;

export type VotingAction = keyof typeof VOTING_ACCESS;

/** The caller, if `VOTING_ACCESS` lets them do `action` in this community; refused otherwise. */
export function authorizeVoting(ctx: RequestContext, action: VotingAction, communityId: string): Actor {
  return authorize(ctx.principal, VOTING_ACCESS[action], communityId);
}

/** The owner's own owner id in this community, from their grants (an account may hold several). */
export function callerOwnerId(ctx: RequestContext, communityId: string, chosen?: string): string {
  const ownerIds = ownerIdsOf(ctx.principal, communityId);
  if (chosen) {
    if (!ownerIds.includes(chosen))
      throw forbidden('NOT_YOUR_OWNER_ID', `your account does not stand for owner ${chosen} in this community`);
    return chosen;
  }
  if (ownerIds.length > 1)
    throw invalid(
      'OWNER_ID_REQUIRED',
      `your account stands for several owners here (${ownerIds.join(', ')}): say which with ownerId`,
    );
  return ownerIds[0];
}
