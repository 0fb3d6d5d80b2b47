import { type Actor, authorize, type Role } from '../platform/auth/principal.js';
import type { RequestContext } from '../platform/auth/request-context.js';

/**
 * Who may do what with a community's elections and its committee: the one place the elections module's
 * handlers and controllers ask. `null` community: the street office acts on any community in its jurisdiction.
 * Anyone else is refused 401 (no token), 403 FORBIDDEN or 403 OUTSIDE_JURISDICTION.
 */
export const ELECTIONS_ACCESS = {
  DraftElection: { roles: ['committee'], inCommunity: true },
  PostElection: { roles: ['committee'], inCommunity: true },
  OpenElection: { roles: ['committee'], inCommunity: true },
  CloseElection: { roles: ['committee'], inCommunity: true },
  CastElectionBallot: { roles: ['owner'], inCommunity: true },
  EnterPaperElectionBallots: { roles: ['committee'], inCommunity: true },
  /** Rule 16: the street office files (or refuses) the elected committee. */
  FileCommittee: { roles: ['regulator'], inCommunity: false },
  /** Rule 29: a member resigns only themself. */
  ResignFromCommittee: { roles: ['committee'], inCommunity: true },
  /** Rule 29: a removal the owners voted is recorded by the committee or the street office. */
  RemoveCommitteeMember: { roles: ['committee', 'regulator'], inCommunity: true },
  /** Rule 17: dissolving a PMC is the street office's act. */
  DissolvePmc: { roles: ['regulator'], inCommunity: false },
  /** Rule 24: the voter-by-voter record is for the committee and the regulator. */
  readQuorumRecord: { roles: ['committee', 'regulator'], inCommunity: true },
  readParticipation: { roles: ['owner', 'committee', 'regulator'], inCommunity: true },
  readOwnBallots: { roles: ['owner'], inCommunity: true },
  /** Rule 31: the district's overview is for the street office (scoped) and the administrator. */
  readDistrict: { roles: ['regulator', 'admin'], inCommunity: false },
} as const satisfies Record<string, { roles: readonly Role[]; inCommunity: boolean }>;

export type ElectionsAction = keyof typeof ELECTIONS_ACCESS;

/** The caller, if `ELECTIONS_ACCESS` lets them do `action` (in this community, where it is one's own); refused otherwise. */
export function authorizeElections(ctx: RequestContext, action: ElectionsAction, communityId: string | null): Actor {
  const { roles, inCommunity } = ELECTIONS_ACCESS[action];
  return authorize(ctx.principal, roles, inCommunity ? communityId : null);
}
