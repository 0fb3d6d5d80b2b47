import type { ErrorCodeList } from '../platform/http/error-codes.js';

/** The finance context's refusals (codes it shares with a context listed earlier are listed there). */
export const FINANCE_ERROR_CODES = {
  ALREADY_REVERSED: { status: 409, text: 'This entry was already reversed; it cannot be reversed again.' },
  AUTHORITY_AMBIGUOUS: { status: 400, text: 'Name one authority: a passed vote or an emergency, not both.' },
  AUTHORITY_REQUIRED: {
    status: 400,
    text: 'A payment needs a passed vote; the maintenance fund also allows an emergency with its reason and evidence.',
  },
  BEARERS_SET_BY_VOTE: {
    status: 400,
    text: 'The vote behind this spending already names who bears it: leave the units and buildings out.',
  },
  BUDGET_EXCEEDED: { status: 409, text: "The amount goes over the vote's budget." },
  CANNOT_REVERSE_A_REVERSAL: {
    status: 409,
    text: 'This entry is itself a reversal; record the correct movement again instead.',
  },
  CAPS_ADOPTED_BY_OWNERS: {
    status: 400,
    text: 'The covenant’s caps are what the owners voted: choose the passed covenant vote only.',
  },
  CAPS_INCONSISTENT: { status: 400, text: 'The per-item cap cannot be above the yearly cap.' },
  COVENANT_HAS_NO_CAPS: {
    status: 409,
    text: 'That covenant vote adopted no spending caps, so it delegates no spending.',
  },
  COVENANT_SUPERSEDED: { status: 409, text: 'A later covenant vote replaced that one: choose the latest.' },
  EMERGENCY_EVIDENCE_REQUIRED: { status: 400, text: 'An emergency use needs its evidence file.' },
  ENTRY_EXISTS: { status: 409, text: 'This entry is already recorded.' },
  ENTRY_NOT_FOUND: { status: 404, text: 'The entry to reverse was not found.' },
  ENTRY_NOT_REVERSIBLE: { status: 409, text: 'This entry cannot be reversed.' },
  INSUFFICIENT_FUNDS: { status: 409, text: 'The public revenue cannot pay this.' },
  INSUFFICIENT_UNIT_BALANCE: { status: 409, text: "A unit's share goes over its sub-account balance." },
  INVALID_DEPOSIT_ROW: { status: 400, text: 'A deposit row is incomplete.' },
  INVALID_OPINION: { status: 400, text: 'Choose the audit opinion from the list.' },
  INVALID_SOURCE: { status: 400, text: 'Choose the source of income from the list.' },
  NOT_A_COVENANT: { status: 400, text: 'This vote is not the management covenant; it delegates no spending.' },
  NOT_INVITED_FOR_STATEMENT: {
    status: 403,
    text: 'You were invited to audit another statement, and see only that one.',
  },
  NO_COVENANT_DELEGATION: {
    status: 409,
    text: 'The covenant delegates no spending to the committee; choose a passed vote.',
  },
  NO_DEPOSITS: { status: 400, text: 'Enter at least one deposit.' },
  NO_UNITS_TO_APPORTION: { status: 400, text: 'Enter at least one unit or building to bear the cost.' },
  PAID_BEFORE_AUTHORISED: {
    status: 400,
    text: 'The payment is dated before the vote that authorises it closed: give the real date.',
  },
  PERIOD_ALREADY_PUBLISHED: {
    status: 409,
    text: 'The statement of this period is published; enter it as a correction in the next one.',
  },
  PERIOD_NOT_OVER: { status: 409, text: 'The period has not ended; draft the statement after it.' },
  PER_ITEM_CAP_EXCEEDED: { status: 409, text: "The amount goes over the covenant's per-item cap." },
  RESOLUTION_NOT_FOR_THIS_FUND: { status: 400, text: 'The vote approved money from another fund.' },
  RESOLUTION_NOT_PASSED: { status: 409, text: 'The vote did not pass; nothing may be paid under it.' },
  REVERSAL_BACKDATED: { status: 400, text: 'A reversal is dated today; it cannot be back-dated.' },
  STATEMENT_ALREADY_AUDITED: { status: 409, text: 'This statement already has an audit opinion.' },
  STATEMENT_ALREADY_PUBLISHED: { status: 409, text: 'This statement is published and can no longer change.' },
  STATEMENT_EXISTS: { status: 409, text: 'This statement already exists.' },
  STATEMENT_NOT_PUBLISHED: { status: 409, text: 'Only a published statement is audited.' },
  TEXT_REQUIRED: { status: 400, text: 'A required field is empty.' },
  TEXT_TOO_LONG: { status: 400, text: 'The text is too long; shorten it.' },
  TIME_IN_FUTURE: { status: 400, text: 'The date is later than now; enter when it happened.' },
  TOP_UP_ALREADY_RECEIVED: { status: 409, text: 'This transfer from public revenue is already recorded.' },
  TOP_UP_EXCEEDS_DUE: { status: 409, text: 'The top-up goes over what is due.' },
  TOP_UP_NOT_DUE: {
    status: 409,
    text: 'The fund is not below 30%; public revenue goes in now only under a passed vote.',
  },
  UNBALANCED_ENTRY: { status: 400, text: 'The entry does not balance; contact support.' },
  UNKNOWN_ACCOUNT_CLASS: { status: 400, text: 'The ledger account is not valid; contact support.' },
  YEARLY_CAP_EXCEEDED: { status: 409, text: "The amount goes over the covenant's yearly cap." },
} as const satisfies ErrorCodeList;

export type FinanceErrorCode = keyof typeof FINANCE_ERROR_CODES;
