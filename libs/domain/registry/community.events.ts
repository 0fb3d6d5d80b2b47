import type { OwnerKind } from './counting.js';

/** Rule 1: the registered area if there is one, else the surveyed, else the sales contract's. */
export type AreaSource = 'REGISTERED' | 'SURVEYED' | 'CONTRACT';
export const AREA_SOURCES: readonly AreaSource[] = ['REGISTERED', 'SURVEYED', 'CONTRACT'];

/** Areas travel in events as the API writes them ("89.37"): exact, and readable in an export. */
export interface UnitRecord {
  unitId: string;
  building: string;
  area: string;
  areaSource: AreaSource;
  ownerIds: string[];
  representativeId: string;
}

export type ManagingBodyKind = 'PREPARATORY_GROUP' | 'PMC';

/** A PMC member's seat (rule 17); a preparatory group's members carry none. */
export type PmcMemberRole = 'CHAIR_RESIDENTS_COMMITTEE' | 'OWNER_REPRESENTATIVE' | 'OTHER';

export interface ManagingBodyMember {
  memberId: string;
  name: string;
  role?: PmcMemberRole;
}

export type CommunityEvent =
  | {
      type: 'CommunityRegistered';
      data: {
        communityId: string;
        name: string;
        district: string;
        street: string | null;
        rulebook: string;
        rulebookVersion: string;
      };
    }
  | {
      type: 'ManagingBodyAppointed';
      data: { kind: ManagingBodyKind; members: ManagingBodyMember[]; appointedAt: string; termEndsAt?: string };
    }
  | { type: 'OwnersRegistered'; data: { owners: { ownerId: string; name: string; kind: OwnerKind }[] } }
  | { type: 'UnitsRegistered'; data: { units: UnitRecord[] } }
  | {
      type: 'UnitTransferred';
      data: {
        unitId: string;
        from: { ownerIds: string[]; representativeId: string };
        to: { ownerIds: string[]; representativeId: string };
        effectiveAt: string;
      };
    };

export type CommunityEventType = CommunityEvent['type'];

export const COMMUNITY_EVENT_TYPES: readonly CommunityEventType[] = [
  'CommunityRegistered',
  'ManagingBodyAppointed',
  'OwnersRegistered',
  'UnitsRegistered',
  'UnitTransferred',
];

export const communityStream = (communityId: string) => `community-${communityId}`;
