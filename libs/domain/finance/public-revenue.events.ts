import type { IncomeSource } from './accounts.js';
import type { Posting } from './journal.js';

/**
 * The public-revenue account of a community (DOMAIN.md rule 19), one stream per community so that
 * every expense against a budget is decided in order against all the others. Amounts are "700000.00".
 */

export interface PublicRevenueReceivedData {
  entryId: string;
  amount: string;
  source: IncomeSource;
  description: string;
  receivedAt: string;
  evidenceSha256: string | null;
  postings: Posting[];
}

export interface PublicRevenueSpentData {
  entryId: string;
  amount: string;
  payee: string;
  purpose: string;
  /** The vote that authorised it, its outcome and budget as they stood when the money left. */
  resolutionId: string;
  resolutionOutcome: string;
  budget: string;
  /** What the resolution had spent with this payment included: a reader sees the budget being used up. */
  spentUnderResolution: string;
  paidAt: string;
  invoiceSha256: string | null;
  postings: Posting[];
}

/** Rule 19's other authority: the management covenant lets the committee spend up to caps without a vote. */
export interface CovenantDelegationSetData {
  resolutionId: string;
  perItemCap: string;
  yearlyCap: string;
  /** When the covenant vote closed (rule 26); absent on events recorded before rule 27 took the caps from the vote. */
  covenantClosedAt?: string | null;
  setAt: string;
}

export interface PublicRevenueSpentUnderCovenantData {
  entryId: string;
  amount: string;
  payee: string;
  purpose: string;
  covenantResolutionId: string;
  perItemCap: string;
  yearlyCap: string;
  /** The calendar year (Beijing time) whose cap this counts against, and what it has used with this. */
  year: number;
  spentThisYear: string;
  paidAt: string;
  invoiceSha256: string | null;
  postings: Posting[];
}

/**
 * Rule 22: public revenue leaves for the maintenance fund, which stood below 30% of its initial
 * total; the fund books its side (MaintenanceFundToppedUp) with this entry's id.
 */
export interface PublicRevenueTransferredToFundData {
  entryId: string;
  amount: string;
  transferredAt: string;
  /** The fund as it stood when this was decided, and what brought it back to 30% then. */
  fundBalance: string;
  initialTotal: string;
  topUpDue: string;
  postings: Posting[];
}

export interface EntryReversedData {
  entryId: string;
  reverses: string;
  reason: string;
  reversedAt: string;
  postings: Posting[];
}

export type PublicRevenueEvent =
  | { type: 'PublicRevenueReceived'; data: PublicRevenueReceivedData }
  | { type: 'PublicRevenueSpent'; data: PublicRevenueSpentData }
  | { type: 'PublicRevenueEntryReversed'; data: EntryReversedData }
  | { type: 'CovenantDelegationSet'; data: CovenantDelegationSetData }
  | { type: 'PublicRevenueSpentUnderCovenant'; data: PublicRevenueSpentUnderCovenantData }
  | { type: 'PublicRevenueTransferredToFund'; data: PublicRevenueTransferredToFundData };

export const PUBLIC_REVENUE_EVENT_TYPES: readonly PublicRevenueEvent['type'][] = [
  'PublicRevenueReceived',
  'PublicRevenueSpent',
  'PublicRevenueEntryReversed',
  'CovenantDelegationSet',
  'PublicRevenueSpentUnderCovenant',
  'PublicRevenueTransferredToFund',
];

export const publicRevenueStream = (communityId: string) => `public-revenue-${communityId}`;
