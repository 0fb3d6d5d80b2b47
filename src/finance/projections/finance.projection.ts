import { Injectable } from '@nestjs/common';
import {
  MAINTENANCE_FUND_EVENT_TYPES,
  type MaintenanceFundEvent,
} from '@gongzhi/domain/finance/maintenance-fund.events.js';
import { TOP_UP_PURPOSE } from '@gongzhi/domain/finance/public-revenue.js';
import {
  PUBLIC_REVENUE_EVENT_TYPES,
  type EntryReversedData,
  type PublicRevenueEvent,
} from '@gongzhi/domain/finance/public-revenue.events.js';
import { STATEMENT_EVENT_TYPES, type StatementEvent } from '@gongzhi/domain/finance/statement.events.js';
import { parseYuan } from '@gongzhi/domain/shared/quantities.js';
import type { RecordedEvent } from '@gongzhi/event-store/event-store.js';
import {
  derive,
  insert,
  RowsProjection,
  table,
  update,
  upsert,
  type RowWrite,
  type WrittenRow,
} from '../../platform/projections/row-writes.js';
import type { CovenantDelegationRow, EntryRow, StatementRow, UnitMovementRow } from '../queries/rows.js';

type FinanceEvent = PublicRevenueEvent | MaintenanceFundEvent | StatementEvent;

const fen = (yuan: string) => parseYuan(yuan).toString();

const ENTRIES = table<EntryRow>('finance_entries');
const MOVEMENTS = table<UnitMovementRow>('finance_unit_movements');
const DELEGATIONS = table<CovenantDelegationRow>('finance_covenant_delegations');
const STATEMENTS = table<StatementRow>('finance_statements');

/** What an event says of its entry; the rest of the row (its fund, event, position) comes from the event. */
type EntryData = Pick<EntryRow, 'entry_id' | 'kind' | 'category' | 'amount' | 'effect'> & {
  occurred_at: string;
} & Partial<
    Pick<
      EntryRow,
      | 'source'
      | 'description'
      | 'payee'
      | 'purpose'
      | 'authority'
      | 'resolution_id'
      | 'resolution_outcome'
      | 'budget'
      | 'emergency'
      | 'emergency_reason'
      | 'evidence_sha256'
      | 'invoice_sha256'
      | 'bearers'
      | 'shares'
      | 'below_threshold'
    >
  >;

/** An entry's whole row: a column the event leaves out is null (emergency: false), as the table reads it. */
function entry(recorded: RecordedEvent, fund: EntryRow['fund'], d: EntryData): RowWrite {
  const row: WrittenRow<EntryRow> = {
    community_id: recorded.metadata.communityId!,
    fund,
    event_id: recorded.eventId,
    position: recorded.position.toString(),
    entry_id: d.entry_id,
    kind: d.kind,
    category: d.category,
    occurred_at: d.occurred_at,
    amount: d.amount,
    effect: d.effect,
    source: d.source ?? null,
    description: d.description ?? null,
    payee: d.payee ?? null,
    purpose: d.purpose ?? null,
    authority: d.authority ?? null,
    resolution_id: d.resolution_id ?? null,
    resolution_outcome: d.resolution_outcome ?? null,
    budget: d.budget ?? null,
    emergency: d.emergency ?? false,
    emergency_reason: d.emergency_reason ?? null,
    evidence_sha256: d.evidence_sha256 ?? null,
    invoice_sha256: d.invoice_sha256 ?? null,
    bearers: d.bearers ?? null,
    shares: d.shares ?? null,
    below_threshold: d.below_threshold ?? null,
  };
  return insert(ENTRIES, row);
}

/** Each unit's share of an entry. */
function unitMovements(
  recorded: RecordedEvent,
  entryId: string,
  at: string,
  moves: { unitId: string; amount: string }[],
): RowWrite {
  return insert(
    MOVEMENTS,
    ...moves.map((m) => ({
      entry_id: entryId,
      unit_id: m.unitId,
      community_id: recorded.metadata.communityId!,
      amount: m.amount,
      occurred_at: at,
      position: recorded.position.toString(),
    })),
  );
}

/**
 * A reversal copies what it reverses with the opposite effect, and marks the original: rows the event does
 * not carry, so derived in SQL from those written (the applier writes the batch's pending entries first).
 */
function reversal(recorded: RecordedEvent, d: EntryReversedData): RowWrite[] {
  return [
    derive(
      `INSERT INTO finance_entries (entry_id, community_id, fund, kind, category, event_id, position, occurred_at, amount, effect, source, description, payee, purpose,
                                    authority, resolution_id, resolution_outcome, budget, emergency, emergency_reason, evidence_sha256, invoice_sha256, bearers, reverses, reason)
       SELECT $1, community_id, fund, 'REVERSAL', category, $2, $3, $4, amount, -effect, source, description, payee, purpose,
              authority, resolution_id, resolution_outcome, budget, emergency, emergency_reason, evidence_sha256, invoice_sha256, bearers, entry_id, $5
       FROM finance_entries WHERE entry_id = $6 ON CONFLICT DO NOTHING`,
      [d.entryId, recorded.eventId, recorded.position.toString(), d.reversedAt, d.reason, d.reverses],
    ),
    update(ENTRIES, { reversed_by: d.entryId }, { entry_id: d.reverses }),
    derive(
      `INSERT INTO finance_unit_movements (entry_id, unit_id, community_id, amount, occurred_at, position)
       SELECT $1, unit_id, community_id, -amount, $2, $3 FROM finance_unit_movements WHERE entry_id = $4 ON CONFLICT DO NOTHING`,
      [d.entryId, d.reversedAt, recorded.position.toString(), d.reverses],
    ),
  ];
}

/** The rows a finance event writes: a pure function of the event, carried out by the batch applier. */
export function financeRowsOf(recorded: RecordedEvent): RowWrite[] {
  const event = recorded as unknown as FinanceEvent;
  const writes: RowWrite[] = [];
  switch (event.type) {
    case 'PublicRevenueReceived': {
      const d = event.data;
      const amount = fen(d.amount);
      writes.push(
        entry(recorded, 'PUBLIC_REVENUE', {
          entry_id: d.entryId,
          kind: 'INCOME',
          category: 'INCOME',
          occurred_at: d.receivedAt,
          amount,
          effect: amount,
          source: d.source,
          description: d.description,
          evidence_sha256: d.evidenceSha256,
        }),
      );
      return writes;
    }
    case 'PublicRevenueSpent': {
      const d = event.data;
      const amount = fen(d.amount);
      writes.push(
        entry(recorded, 'PUBLIC_REVENUE', {
          entry_id: d.entryId,
          kind: 'EXPENSE',
          category: 'EXPENSE',
          occurred_at: d.paidAt,
          amount,
          effect: `-${amount}`,
          payee: d.payee,
          purpose: d.purpose,
          authority: 'RESOLUTION',
          resolution_id: d.resolutionId,
          resolution_outcome: d.resolutionOutcome,
          budget: fen(d.budget),
          invoice_sha256: d.invoiceSha256,
        }),
      );
      return writes;
    }
    case 'PublicRevenueSpentUnderCovenant': {
      const d = event.data;
      const amount = fen(d.amount);
      // Linked to the covenant vote that delegated it, so a resident traces it like any other payment.
      writes.push(
        entry(recorded, 'PUBLIC_REVENUE', {
          entry_id: d.entryId,
          kind: 'EXPENSE',
          category: 'EXPENSE',
          occurred_at: d.paidAt,
          amount,
          effect: `-${amount}`,
          payee: d.payee,
          purpose: d.purpose,
          authority: 'COVENANT',
          resolution_id: d.covenantResolutionId,
          resolution_outcome: 'PASSED',
          invoice_sha256: d.invoiceSha256,
        }),
      );
      return writes;
    }
    case 'CovenantDelegationSet': {
      const d = event.data;
      // A later delegation replaces the standing one; an older event never overwrites a newer one.
      return [
        upsert(
          DELEGATIONS,
          {
            community_id: recorded.metadata.communityId!,
            resolution_id: d.resolutionId,
            per_item_cap: fen(d.perItemCap),
            yearly_cap: fen(d.yearlyCap),
            set_at: d.setAt,
            position: recorded.position.toString(),
          },
          ['community_id'],
          'position',
        ),
      ];
    }
    case 'PublicRevenueTransferredToFund': {
      const d = event.data;
      const amount = fen(d.amount);
      writes.push(
        entry(recorded, 'PUBLIC_REVENUE', {
          entry_id: d.entryId,
          kind: 'TRANSFER',
          category: 'EXPENSE',
          occurred_at: d.transferredAt,
          amount,
          effect: `-${amount}`,
          purpose: TOP_UP_PURPOSE,
          authority: 'RULE_22',
        }),
      );
      return writes;
    }
    case 'MaintenanceFundToppedUp': {
      const d = event.data;
      const amount = fen(d.amount);
      // Source PUBLIC_REVENUE keeps it out of the initial total that rule 22 measures against.
      writes.push(
        entry(recorded, 'MAINTENANCE_FUND', {
          entry_id: d.entryId,
          kind: 'TOP_UP',
          category: 'INCOME',
          occurred_at: d.transferredAt,
          amount,
          effect: amount,
          source: 'PUBLIC_REVENUE',
          purpose: TOP_UP_PURPOSE,
          authority: 'RULE_22',
          shares: d.shares,
          below_threshold: d.belowThreshold,
        }),
      );
      writes.push(
        unitMovements(
          recorded,
          d.entryId,
          d.transferredAt,
          d.shares.map((s) => ({ unitId: s.unitId, amount: fen(s.amount) })),
        ),
      );
      return writes;
    }
    case 'PublicRevenueEntryReversed':
    case 'MaintenanceFundEntryReversed':
      // The entry it reverses may be among the batch's not yet written: the applier writes those first.
      return reversal(recorded, event.data);
    case 'MaintenanceFundDeposited': {
      const d = event.data;
      const amount = fen(d.total);
      const first = d.deposits.map((x) => x.depositedAt).sort()[0];
      writes.push(
        entry(recorded, 'MAINTENANCE_FUND', {
          entry_id: d.entryId,
          kind: 'DEPOSIT',
          category: 'INCOME',
          occurred_at: first,
          amount,
          effect: amount,
          shares: d.deposits,
        }),
      );
      writes.push(
        unitMovements(
          recorded,
          d.entryId,
          first,
          d.deposits.map((x) => ({ unitId: x.unitId, amount: fen(x.amount) })),
        ),
      );
      return writes;
    }
    case 'MaintenanceFundWithdrawn': {
      const d = event.data;
      const amount = fen(d.amount);
      const a = d.authority;
      writes.push(
        entry(recorded, 'MAINTENANCE_FUND', {
          entry_id: d.entryId,
          kind: 'WITHDRAWAL',
          category: 'EXPENSE',
          occurred_at: d.paidAt,
          amount,
          effect: `-${amount}`,
          payee: d.payee,
          purpose: d.purpose,
          authority: a.kind,
          resolution_id: a.kind === 'RESOLUTION' ? a.resolutionId : null,
          resolution_outcome: a.kind === 'RESOLUTION' ? a.outcome : null,
          budget: a.kind === 'RESOLUTION' ? fen(a.budget) : null,
          emergency: a.kind === 'EMERGENCY',
          emergency_reason: a.kind === 'EMERGENCY' ? a.reason : null,
          evidence_sha256: a.kind === 'EMERGENCY' ? a.evidenceSha256 : null,
          bearers: d.bearers,
          shares: d.shares,
          below_threshold: d.belowThreshold,
        }),
      );
      writes.push(
        unitMovements(
          recorded,
          d.entryId,
          d.paidAt,
          d.shares.map((s) => ({ unitId: s.unitId, amount: `-${fen(s.amount)}` })),
        ),
      );
      return writes;
    }
    case 'StatementDrafted': {
      const d = event.data;
      return [
        insert(STATEMENTS, {
          statement_id: d.statementId,
          community_id: d.communityId,
          fund: d.fund,
          period_start: d.periodStart,
          period_end: d.periodEnd,
          status: 'DRAFT',
          content: d.content,
          drafted_at: d.draftedAt,
        }),
      ];
    }
    case 'StatementPublished':
      return [
        update(
          STATEMENTS,
          {
            status: 'PUBLISHED',
            content_sha256: event.data.contentSha256,
            published_at: event.data.publishedAt,
            publish_event_id: recorded.eventId,
            public_sha256: event.data.publicSha256 ?? null,
          },
          { statement_id: recorded.streamId.slice('statement-'.length) },
        ),
      ];
    case 'StatementAudited':
      return [
        update(
          STATEMENTS,
          {
            status: 'AUDITED',
            opinion: event.data.opinion,
            report_sha256: event.data.reportSha256,
            auditor_id: event.data.auditorId,
            audited_at: event.data.auditedAt,
          },
          { statement_id: recorded.streamId.slice('statement-'.length) },
        ),
      ];
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** Both funds' ledgers, every unit's movements, and the statements: what the public and the committee read. */
@Injectable()
export class FinanceProjection extends RowsProjection {
  readonly name = 'finance';
  readonly tables = ['finance_entries', 'finance_unit_movements', 'finance_covenant_delegations', 'finance_statements'];
  readonly eventTypes = [...PUBLIC_REVENUE_EVENT_TYPES, ...MAINTENANCE_FUND_EVENT_TYPES, ...STATEMENT_EVENT_TYPES];

  override rowsOf(recorded: RecordedEvent): RowWrite[] {
    return financeRowsOf(recorded);
  }
}
