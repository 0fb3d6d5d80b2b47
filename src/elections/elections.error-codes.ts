import type { ErrorCodeList } from '../platform/http/error-codes.js';

/** The elections context's refusals (codes it shares with a context listed earlier are listed there). */
export const ELECTIONS_ERROR_CODES = {
  BY_ELECTION_NOT_DUE: { status: 409, text: 'The committee has no empty seat to fill by a by-election.' },
  BY_ELECTION_OF_ANOTHER_COMMITTEE: {
    status: 409,
    text: 'This by-election was held for a committee that is no longer in office.',
  },
  BY_ELECTION_OVERFILLS: {
    status: 409,
    text: 'The by-election elected more members than the committee has empty seats.',
  },
  BY_ELECTION_SEATS: { status: 400, text: 'A by-election is for exactly the empty seats.' },
  CANDIDATE_ALREADY_A_MEMBER: { status: 400, text: 'A sitting member cannot stand in a by-election.' },
  CANDIDATE_NOT_AN_OWNER: { status: 400, text: 'A candidate must be a registered owner of this community.' },
  COMMITTEE_INCOMPLETE: {
    status: 409,
    text: 'The election did not elect enough members for a lawful committee; it cannot be filed. Hold a by-election.',
  },
  COMMITTEE_SIZE_EVEN: { status: 400, text: "An owners' committee has an odd number of members; change the seats." },
  COMMITTEE_TERM_EXPIRED: { status: 409, text: "The committee's term is over; hold the next election first." },
  COMMITTEE_TOO_SMALL: { status: 400, text: 'The committee is too small.' },
  DUPLICATE_CANDIDATE: { status: 400, text: 'A candidate is listed twice.' },
  DUPLICATE_SELECTION: { status: 400, text: 'A candidate is selected twice.' },
  ELECTION_ALREADY_OPEN: { status: 409, text: 'The election is already open.' },
  ELECTION_ALREADY_POSTED: { status: 409, text: 'The election is already posted.' },
  ELECTION_EXISTS: { status: 409, text: 'This election already exists; reload the page.' },
  ELECTION_NOT_CLOSED: {
    status: 409,
    text: 'The election has not closed: the ballot is logged, and whether it was counted shows after the close.',
  },
  ELECTION_NOT_FOUND: { status: 404, text: 'No such election.' },
  ELECTION_NOT_HELD: { status: 404, text: 'The election has not closed; only a closed election is filed.' },
  ELECTION_NOT_OPEN: { status: 409, text: 'The election is not open for voting yet.' },
  FILING_ALREADY_DECIDED: { status: 409, text: 'The street office has already decided on filing this election.' },
  INVALID_CANDIDATES: { status: 400, text: 'Enter at least one candidate.' },
  INVALID_CANDIDATE_ID: { status: 400, text: 'A candidate id uses only letters, digits and . _ - : /.' },
  NOBODY_ELECTED: { status: 409, text: 'The election elected nobody; there is no committee to file.' },
  NOT_A_MEMBER: { status: 404, text: 'This owner is not a member of the committee in office.' },
  NOT_A_REMOVAL_VOTE: { status: 400, text: 'That vote is not a vote to remove a member.' },
  NO_COMMITTEE: { status: 409, text: "No filed owners' committee is in office." },
  NO_PMC: { status: 409, text: 'This community has no property-management committee to dissolve.' },
  PMC_ALREADY_DISSOLVED: { status: 409, text: 'This property-management committee is already dissolved.' },
  PMC_CHAIR_REQUIRED: {
    status: 400,
    text: "One representative of the residents' committee chairs a property-management committee.",
  },
  PMC_ROLE_REQUIRED: { status: 400, text: 'Choose a role for every member of the property-management committee.' },
  PMC_SIZE_EVEN: { status: 400, text: 'A property-management committee has an odd number of members.' },
  PMC_TOO_FEW_OWNER_REPRESENTATIVES: {
    status: 400,
    text: 'Owner representatives must be at least half of the members.',
  },
  PMC_TOO_SMALL: { status: 400, text: 'The property-management committee is too small.' },
  QUORUM_RECORD_MISMATCH: {
    status: 409,
    text: "The decision does not match the election's quorum record; open the record again and decide.",
  },
  REASON_REQUIRED: { status: 400, text: 'A refusal to file states its reason, so the community can put it right.' },
  REMOVAL_ALREADY_RECORDED: { status: 409, text: 'That removal is recorded already.' },
  REMOVAL_NOT_PASSED: { status: 409, text: 'The removal vote did not pass (or has not closed).' },
  RESIGNATION_OF_ANOTHER: {
    status: 403,
    text: 'A member resigns only themself; removing another member is the owners’ vote.',
  },
  TERM_TOO_LONG: { status: 400, text: 'The term is too long.' },
  TOO_MANY_ALTERNATES: { status: 400, text: 'There cannot be more alternates than seats.' },
  TOO_MANY_SELECTIONS: { status: 400, text: 'Too many candidates selected.' },
  UNKNOWN_CANDIDATE: { status: 400, text: 'A selected candidate is not in this election; reload the page.' },
} as const satisfies ErrorCodeList;

export type ElectionsErrorCode = keyof typeof ELECTIONS_ERROR_CODES;
