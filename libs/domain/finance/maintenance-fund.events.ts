import type { EntryReversedData } from './public-revenue.events.js';
import type { Posting } from './journal.js';

/**
 * The maintenance fund of a community (DOMAIN.md rules 20–22): one sub-account per unit, one stream
 * per community so that no two withdrawals can both spend the same unit's last fen.
 */

export interface Deposit {
  unitId: string;
  amount: string;
  depositedAt: string;
}

export type WithdrawalAuthority =
  | { kind: 'RESOLUTION'; resolutionId: string; outcome: string; budget: string }
  | { kind: 'EMERGENCY'; reason: string; evidenceSha256: string };

export interface MaintenanceFundWithdrawnData {
  entryId: string;
  amount: string;
  payee: string;
  purpose: string;
  authority: WithdrawalAuthority;
  /** Who bears it as requested; `shares` is the apportionment by area, sorted by unitId. */
  bearers: { units: string[]; buildings: string[] };
  shares: { unitId: string; areaM2: string; amount: string }[];
  paidAt: string;
  /** Rule 22: the fund stands below 30% of everything deposited once this has left. */
  belowThreshold: boolean;
  postings: Posting[];
}

/** Rule 22: the fund's side of a public-revenue transfer, shared among all units by area. */
export interface MaintenanceFundToppedUpData {
  entryId: string;
  /** The public-revenue entry that sent it. */
  transferEntryId: string;
  amount: string;
  shares: { unitId: string; areaM2: string; amount: string }[];
  transferredAt: string;
  /** Whether the fund still stands below 30% of its initial total once this has come in. */
  belowThreshold: boolean;
  postings: Posting[];
}

export type MaintenanceFundEvent =
  | {
      type: 'MaintenanceFundDeposited';
      data: { entryId: string; deposits: Deposit[]; total: string; postings: Posting[] };
    }
  | { type: 'MaintenanceFundWithdrawn'; data: MaintenanceFundWithdrawnData }
  | { type: 'MaintenanceFundEntryReversed'; data: EntryReversedData }
  | { type: 'MaintenanceFundToppedUp'; data: MaintenanceFundToppedUpData };

export const MAINTENANCE_FUND_EVENT_TYPES: readonly MaintenanceFundEvent['type'][] = [
  'MaintenanceFundDeposited',
  'MaintenanceFundWithdrawn',
  'MaintenanceFundEntryReversed',
  'MaintenanceFundToppedUp',
];

export const maintenanceFundStream = (communityId: string) => `maintenance-fund-${communityId}`;
