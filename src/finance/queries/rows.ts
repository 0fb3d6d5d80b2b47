import type { Fund } from '@gongzhi/domain/finance/authorisation.js';
import type { StatementContent } from '@gongzhi/domain/finance/statement-content.js';

// The finance read model's rows as pg answers them: bigint columns (fen, positions) as strings,
// timestamptz as Date, jsonb parsed.

/** finance_entries: one movement of either fund's ledger. */
export interface EntryRow {
  entry_id: string;
  community_id: string;
  fund: Fund;
  kind: string;
  category: string;
  event_id: string;
  position: string;
  occurred_at: Date;
  amount: string;
  effect: string;
  source: string | null;
  description: string | null;
  payee: string | null;
  purpose: string | null;
  authority: string | null;
  resolution_id: string | null;
  resolution_outcome: string | null;
  budget: string | null;
  emergency: boolean;
  emergency_reason: string | null;
  evidence_sha256: string | null;
  invoice_sha256: string | null;
  /** A withdrawal's bearers as requested ({ units, buildings }). */
  bearers: unknown;
  /** The apportionment by unit (a deposit's deposits, a withdrawal's or top-up's shares). */
  shares: unknown;
  below_threshold: boolean | null;
  reverses: string | null;
  reversed_by: string | null;
  reason: string | null;
}

/** An entry with the resolution behind it (voting_resolutions' title and tally), as the ledgers read it. */
export interface EntryWithResolutionRow extends EntryRow {
  resolution_title: string | null;
  resolution_tally: unknown;
}

/** A fund's totals in fen, summed in SQL and cast to text. */
export interface LedgerTotalsRow {
  balance: string;
  income: string;
  deposited: string;
  expenses: string;
  emergency: string;
}

/** finance_unit_movements: a unit's share of an entry. */
export interface UnitMovementRow {
  entry_id: string;
  unit_id: string;
  community_id: string;
  amount: string;
  occurred_at: Date;
  position: string;
}

/** A unit's movement joined to its entry, as a unit's history reads it. */
export type UnitHistoryRow = Pick<UnitMovementRow, 'entry_id' | 'amount' | 'occurred_at' | 'position'> &
  Pick<
    EntryRow,
    | 'kind'
    | 'payee'
    | 'purpose'
    | 'resolution_id'
    | 'resolution_outcome'
    | 'emergency'
    | 'emergency_reason'
    | 'evidence_sha256'
    | 'reverses'
  >;

/** finance_covenant_delegations: the standing delegation a covenant vote set. */
export interface CovenantDelegationRow {
  community_id: string;
  resolution_id: string;
  per_item_cap: string;
  yearly_cap: string;
  set_at: Date;
  position: string;
}

/** finance_statements: a statement through drafted, published, audited. */
export interface StatementRow {
  statement_id: string;
  community_id: string;
  fund: Fund;
  period_start: Date;
  period_end: Date;
  status: 'DRAFT' | 'PUBLISHED' | 'AUDITED';
  content: StatementContent;
  drafted_at: Date;
  content_sha256: string | null;
  published_at: Date | null;
  publish_event_id: string | null;
  public_sha256: string | null;
  opinion: string | null;
  report_sha256: string | null;
  auditor_id: string | null;
  audited_at: Date | null;
}
