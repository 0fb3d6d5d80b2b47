import type { ResolutionFacts } from './authorisation.js';
import type { Ledger, ReversalRequest } from './ledger-lines.js';

/*
 * The maintenance fund's commands and state, in a file of their own: the decider (maintenance-fund.ts) and its
 * parts (deposits.ts, withdrawals.ts) all read them, and no part imports the decider (no cycle).
 */

/** A unit of the roster as the handler read it: what apportionment by area needs. */
export interface FundUnit {
  unitId: string;
  building: string;
  area: bigint;
}

export type MaintenanceFundCommand =
  | {
      type: 'DepositToFund';
      data: {
        entryId: string;
        /** `row`: the line of the imported file it came from (the header is row 1), for refusals. */
        deposits: { unitId: string; amount: bigint; depositedAt: Date; row?: number }[];
        roster: readonly FundUnit[];
        now: Date;
      };
    }
  | {
      type: 'WithdrawFromFund';
      data: {
        entryId: string;
        amount: bigint;
        payee: string;
        purpose: string;
        resolution: ResolutionFacts | null;
        emergency: { reason: string; evidenceSha256: string } | null;
        units: string[];
        buildings: string[];
        roster: readonly FundUnit[];
        paidAt: Date;
        now: Date;
      };
    }
  | {
      type: 'ReceiveTopUp';
      /** `transfer`: the public-revenue entry that sent it (rule 22), as that ledger recorded it. */
      data: {
        entryId: string;
        transfer: { entryId: string; amount: bigint; transferredAt: string };
        roster: readonly FundUnit[];
        now: Date;
      };
    }
  | { type: 'ReverseEntry'; data: ReversalRequest };

export interface MaintenanceFundState extends Ledger {
  /** Everything deposited, net of reversed deposits: the "initial total" rule 22 measures against. */
  deposited: bigint;
  spentByResolution: ReadonlyMap<string, bigint>;
  /** Public-revenue transfers received (rule 22), by the public-revenue entry that sent them. */
  receivedTopUps: ReadonlySet<string>;
}
