import type { ResolutionFacts } from './authorisation.js';
import type { CovenantDelegation } from './covenant.js';
import type { Ledger, ReversalRequest } from './ledger-lines.js';

/*
 * The public-revenue ledger's commands and state, in a file of their own: the decider (public-revenue.ts) and
 * its part expenses.ts both read them, and the part does not import the decider (no cycle).
 */

export type PublicRevenueCommand =
  | {
      type: 'RecordIncome';
      data: {
        entryId: string;
        amount: bigint;
        source: string;
        description: string;
        receivedAt: Date;
        evidenceSha256?: string;
        now: Date;
      };
    }
  | {
      type: 'PayExpense';
      data: {
        entryId: string;
        amount: bigint;
        payee: string;
        purpose: string;
        /** null: under the management covenant's delegation, within its caps. */
        resolution: ResolutionFacts | null;
        paidAt: Date;
        invoiceSha256?: string;
        now: Date;
      };
    }
  | {
      type: 'TransferToFund';
      /** `fund`: the maintenance fund as the handler read it, with the transfers it has received so far. */
      data: { entryId: string; amount: bigint; fund: FundStanding; transferredAt: Date; now: Date };
    }
  | { type: 'ReverseEntry'; data: ReversalRequest }
  /** Rule 27: the caps are the ones the covenant vote carried; the command brings none of its own. */
  | { type: 'SetCovenantDelegation'; data: { resolution: ResolutionFacts; now: Date } };

/** Rule 22 as the maintenance fund stands: its balance, its initial total, the transfers it has booked. */
export interface FundStanding {
  balance: bigint;
  initialTotal: bigint;
  received: ReadonlySet<string>;
}

export interface PublicRevenueState extends Ledger {
  delegation: CovenantDelegation | null;
  /** Transfers to the maintenance fund (rule 22), which the fund books on its side by these entry ids. */
  topUps: readonly { entryId: string; amount: bigint; transferredAt: string }[];
}
