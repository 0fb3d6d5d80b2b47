import type { ErrorCodeList } from '../platform/http/error-codes.js';

/** The registry context's refusals (codes it shares with a context listed earlier are listed there). */
export const REGISTRY_ERROR_CODES = {
  COMMITTEE_IN_OFFICE: {
    status: 409,
    text: "A filed owners' committee is in office; no property-management committee can be formed.",
  },
  COMMUNITY_EXISTS: { status: 409, text: 'This community is already registered.' },
  DUPLICATE_MEMBER: { status: 400, text: 'A member is listed twice.' },
  DUPLICATE_OWNER: { status: 400, text: 'An owner is listed twice.' },
  DUPLICATE_UNIT: { status: 400, text: 'A unit is listed twice.' },
  EMPTY_ROSTER: { status: 400, text: 'The roster is empty; enter at least one unit.' },
  EXPECTED_CSV: { status: 400, text: 'Upload a CSV file.' },
  INVALID_OWNER_ID: { status: 400, text: 'An owner id has no spaces or "+".' },
  INVALID_ROSTER_ROW: { status: 400, text: 'A roster row is incomplete.' },
  INVALID_OWNER_ROW: { status: 400, text: 'An owners-file row is wrong: its id, name or kind; correct the row named.' },
  NOTHING_TO_TRANSFER: { status: 409, text: 'The unit already has exactly these owners.' },
  NO_MEMBERS: { status: 400, text: 'Enter at least one member.' },
  NO_OWNERS: { status: 400, text: 'Enter at least one owner.' },
  OWNER_ALREADY_REGISTERED: { status: 409, text: 'This owner is already registered.' },
  OWNER_NOT_FOUND: { status: 404, text: 'No such owner on the roster: check the owner id.' },
  REPRESENTATIVE_NOT_AN_OWNER: { status: 400, text: "A co-owned unit's representative is one of its owners." },
  REPRESENTATIVE_NOT_OWNER: { status: 400, text: "A co-owned unit's representative is one of its owners." },
  REPRESENTATIVE_REQUIRED: { status: 400, text: 'Choose one owner to represent the co-owned unit.' },
  ROLE_NOT_ALLOWED: { status: 400, text: 'Only property-management committee members have roles.' },
  UNIT_ALREADY_REGISTERED: { status: 409, text: 'This unit is already registered.' },
  UNIT_NOT_FOUND: { status: 404, text: 'The unit is not on the roster.' },
  UNIT_WITHOUT_OWNER: { status: 400, text: 'Every unit has at least one owner.' },
  UNKNOWN_OWNER: { status: 400, text: 'The owner is not on the roster.' },
} as const satisfies ErrorCodeList;

export type RegistryErrorCode = keyof typeof REGISTRY_ERROR_CODES;
