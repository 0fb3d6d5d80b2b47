import type { ErrorCodeList } from '../platform/http/error-codes.js';

/** The services context’s refusals: requests, the property company’s contract, assessments and fee releases (rules 34–38). */
export const SERVICES_ERROR_CODES = {
  ASSESSMENT_NOT_PUBLISHED: {
    status: 409,
    text: "The period's assessment is not published yet; the fee is paid only after it (pay after experience).",
  },
  COMPANY_EXISTS: { status: 409, text: 'This property company is already registered.' },
  COMPANY_NOT_SERVING: {
    status: 403,
    text: "This staff account no longer holds the property company's desk: it was removed, another company was registered, or the company's last contract has ended.",
  },
  COMPANY_NOT_FOUND: { status: 404, text: 'Register the property company before recording its contract.' },
  CONTRACT_EXISTS: { status: 409, text: 'A contract with this id already exists; choose another id.' },
  CONTRACT_NOT_FOUND: { status: 404, text: 'The community has no such service contract.' },
  CONTRACT_OVERLAPS: {
    status: 409,
    text: 'Another contract already covers part of these dates; one company serves at a time.',
  },
  FEE_ALREADY_RELEASED: { status: 409, text: "This period's fee was already released." },
  INVALID_CREDIT_CODE: { status: 400, text: 'The unified social credit code is 18 digits or capital letters.' },
  INVALID_FORMULA: {
    status: 400,
    text: 'The weights must be whole numbers adding up to 100, and a lower band must withhold at least as much as a higher one.',
  },
  INVALID_ID: { status: 400, text: 'An id is 1–40 letters, digits, "-" or "_".' },
  INVALID_ITEMS: { status: 400, text: 'Each service item needs its own id, a name and a standard.' },
  INVALID_NAME: { status: 400, text: 'A name needs 1 to 100 characters (a company’s, 1 to 200), not only spaces.' },
  INVALID_PERIODS: {
    status: 400,
    text: 'The periods must run from the contract start to its end, each starting where the previous ends.',
  },
  MENU_VOTE_NOT_PASSED: {
    status: 409,
    text: 'The menu vote named has not passed; a contract cites a passed SERVICE_MENU vote.',
  },
  MENU_VOTE_REQUIRED: { status: 400, text: 'An item that cites a menu option needs the menu vote named.' },
  NOT_A_MENU_VOTE: { status: 400, text: 'The vote named is not a SERVICE_MENU vote.' },
  NOT_A_SURVEY: { status: 400, text: 'The vote named for an item is not a SURVEY vote.' },
  NO_COMPANY_SERVING: {
    status: 409,
    text: 'No property company serves the community now; register the company (or sign its new contract) before naming its staff.',
  },
  NOT_THE_HANDLER: {
    status: 403,
    text: "This request is not dispatched to the property company; the company's staff accept and resolve only what is dispatched to it.",
  },
  NOT_THE_REQUESTER: { status: 403, text: 'Only the person who filed this request may rate or reopen it.' },
  PERIOD_ALREADY_ASSESSED: { status: 409, text: 'This period is already assessed; an assessment is published once.' },
  PERIOD_NOT_FOUND: { status: 404, text: 'The contract has no such period.' },
  REQUEST_ALREADY_ACCEPTED: {
    status: 409,
    text: 'The handler already accepted this request; it cannot be passed on now.',
  },
  REQUEST_ALREADY_RATED: { status: 409, text: 'This outcome is already rated.' },
  REQUEST_ALREADY_REOPENED: {
    status: 409,
    text: 'This request was reopened once already; a request is reopened only once.',
  },
  REQUEST_EXISTS: { status: 409, text: 'This request was already filed.' },
  REQUEST_NOT_DISPATCHED: { status: 409, text: 'The request has no handler yet; dispatch it first.' },
  REQUEST_NOT_FOUND: { status: 404, text: 'The community has no such request.' },
  REQUEST_NOT_IN_HAND: {
    status: 409,
    text: 'Only a request the handler has accepted, and not yet resolved, can be resolved.',
  },
  REQUEST_NOT_RESOLVED: {
    status: 409,
    text: 'The request is not resolved yet; rate or reopen it once the handler has resolved it.',
  },
  STAFF_ALREADY_REMOVED: { status: 409, text: 'This staff member was already removed.' },
  STAFF_NOT_FOUND: { status: 404, text: 'The property company has no such staff member in this community.' },
  SURVEY_BEFORE_PERIOD: { status: 409, text: 'This survey closed before the period began; it cannot rate the period.' },
  SURVEY_MISSING: { status: 400, text: 'Name exactly one SURVEY vote for every service item of the contract.' },
  SURVEY_NOT_CLOSED: { status: 409, text: 'The survey is not closed yet; assess the period after it closes.' },
  TOO_MANY_PHOTOS: { status: 400, text: 'At most 9 photos per step.' },
  UNKNOWN_ITEM: { status: 400, text: 'The contract has no such service item.' },
  UNKNOWN_PLACE: {
    status: 400,
    text: 'The community has no such unit or building; for a common area, name it in words.',
  },
} as const satisfies ErrorCodeList;

export type ServicesErrorCode = keyof typeof SERVICES_ERROR_CODES;
