import { invalid } from '../shared/domain-error.js';
import type { Rulebook } from './rulebooks.js';

/** Rule 14: the smallest committee this community may have (3 where it has at most 100 households). */
export function minimumCommitteeSize(rulebook: Rulebook, households: number): number {
  const c = rulebook.committee;
  return households <= c.smallCommunityMaxHouseholds ? c.minMembersSmallCommunity : c.minMembers;
}

/** Rule 14: odd, at least the minimum; alternates no more than members. Throws with a stable code. */
export function checkCommitteeSize(rulebook: Rulebook, households: number, members: number, alternates = 0): void {
  const min = minimumCommitteeSize(rulebook, households);
  if (!Number.isSafeInteger(members) || members < min) {
    throw invalid(
      'COMMITTEE_TOO_SMALL',
      `an owners' committee here needs at least ${min} members (${rulebook.id}; ${households} households), not ${members}`,
      { minimum: min },
    );
  }
  if (rulebook.committee.oddMembers && members % 2 === 0) {
    throw invalid(
      'COMMITTEE_SIZE_EVEN',
      `an owners' committee has an odd number of members (${rulebook.id}); ${members} is even`,
    );
  }
  if (!Number.isSafeInteger(alternates) || alternates < 0 || alternates > members) {
    throw invalid(
      'TOO_MANY_ALTERNATES',
      `alternates may number 0 to ${members} (no more than members), not ${alternates}`,
    );
  }
}

export type PmcRole = 'CHAIR_RESIDENTS_COMMITTEE' | 'OWNER_REPRESENTATIVE' | 'OTHER';
export const PMC_ROLES: readonly PmcRole[] = ['CHAIR_RESIDENTS_COMMITTEE', 'OWNER_REPRESENTATIVE', 'OTHER'];

/**
 * Rule 17 (Beijing Arts. 52–59): at least the rulebook's minimum, odd, owner representatives at least
 * half, and chaired by exactly one representative of the residents' committee.
 */
export function checkPmcComposition(rulebook: Rulebook, roles: readonly (PmcRole | undefined)[]): void {
  const { minMembers, oddMembers } = rulebook.pmc;
  if (roles.length < minMembers) {
    throw invalid(
      'PMC_TOO_SMALL',
      `a property-management committee needs at least ${minMembers} members (${rulebook.id}), not ${roles.length}`,
      { minimum: minMembers },
    );
  }
  if (oddMembers && roles.length % 2 === 0) {
    throw invalid(
      'PMC_SIZE_EVEN',
      `a property-management committee has an odd number of members; ${roles.length} is even`,
    );
  }
  if (roles.some((r) => r === undefined || !PMC_ROLES.includes(r))) {
    throw invalid(
      'PMC_ROLE_REQUIRED',
      `every member of a property-management committee needs a role: one of ${PMC_ROLES.join(', ')}`,
    );
  }
  const chairs = roles.filter((r) => r === 'CHAIR_RESIDENTS_COMMITTEE').length;
  if (chairs !== 1) {
    throw invalid(
      'PMC_CHAIR_REQUIRED',
      `a property-management committee is chaired by one representative of the residents' committee; ${chairs} were named`,
    );
  }
  const owners = roles.filter((r) => r === 'OWNER_REPRESENTATIVE').length;
  // "at least half": 2 × owners ≥ members, in integers.
  if (owners * 2 < roles.length) {
    throw invalid(
      'PMC_TOO_FEW_OWNER_REPRESENTATIVES',
      `owner representatives must be at least half of the ${roles.length} members; ${owners} were named`,
    );
  }
}

/**
 * Rule 29: where a committee in office stands after members left. It is flagged, and a by-election
 * (补选) of exactly its empty seats is due, when it fell below its lawful size or to an even number
 * with no alternate left to step up. Recorded in the events that change the members, so an export
 * shows the flag without knowing the households.
 */
export interface Vacancy {
  members: number;
  emptySeats: number;
  minimum: number;
  byElectionDue: boolean;
}

export function vacancyOf(
  rulebook: Rulebook,
  households: number,
  seats: number,
  members: number,
  alternates: number,
): Vacancy {
  const minimum = minimumCommitteeSize(rulebook, households);
  const even = rulebook.committee.oddMembers && members % 2 === 0;
  const emptySeats = Math.max(0, seats - members);
  return {
    members,
    emptySeats,
    minimum,
    byElectionDue: emptySeats > 0 && (members < minimum || (even && alternates === 0)),
  };
}
