import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  MAINTENANCE_FUND_EVENT_TYPES,
  type MaintenanceFundEvent,
} from '../../../libs/domain/finance/maintenance-fund.events.js';
import { TOP_UP_PURPOSE } from '../../../libs/domain/finance/public-revenue.js';
import {
  PUBLIC_REVENUE_EVENT_TYPES,
  type EntryReversedData,
  type PublicRevenueEvent,
} from '../../../libs/domain/finance/public-revenue.events.js';
import { STATEMENT_EVENT_TYPES, type StatementEvent } from '../../../libs/domain/finance/statement.events.js';
import { parseYuan } from '../../../libs/domain/shared/quantities.js';
import type { RecordedEvent } from '../../../libs/event-store/event-store.js';
import type { Projection } from '../../platform/projections/projection.js';
import { ProjectionRegistry } from '../../platform/projections/projection-registry.js';

type FinanceEvent = PublicRevenueEvent | MaintenanceFundEvent | StatementEvent;

const fen = (yuan: string) => parseYuan(yuan).toString();

interface EntryRow {
  entry_id: string;
  kind: string;
  category: string;
  occurred_at: string;
  amount: string;
  effect: string;
  source?: string | null;
  description?: string | null;
  payee?: string | null;
  purpose?: string | null;
  authority?: string | null;
  resolution_id?: string | null;
  resolution_outcome?: string | null;
  budget?: string | null;
  emergency?: boolean;
  emergency_reason?: string | null;
  evidence_sha256?: string | null;
  invoice_sha256?: string | null;
  bearers?: unknown;
  shares?: unknown;
  below_threshold?: boolean | null;
}

const COLUMNS = [
  'entry_id',
  'kind',
  'category',
  'occurred_at',
  'amount',
  'effect',
  'source',
  'description',
  'payee',
  'purpose',
  'authority',
  'resolution_id',
  'resolution_outcome',
  'budget',
  'emergency',
  'emergency_reason',
  'evidence_sha256',
  'invoice_sha256',
  'bearers',
  'shares',
  'below_threshold',
] as const;

/** Both funds' ledgers, every unit's movements, and the statements: what the public and the committee read. */
@Injectable()
export class FinanceProjection implements Projection, OnModuleInit {
  readonly name = 'finance';
  readonly tables = ['finance_entries', 'finance_unit_movements', 'finance_covenant_delegations', 'finance_statements'];
  readonly eventTypes = [...PUBLIC_REVENUE_EVENT_TYPES, ...MAINTENANCE_FUND_EVENT_TYPES, ...STATEMENT_EVENT_TYPES];

  constructor(private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  private insertEntry(pending: PendingLedger, recorded: RecordedEvent, fund: string, row: EntryRow): void {
    const entry: Record<string, unknown> = {
      community_id: recorded.metadata.communityId,
      fund,
      event_id: recorded.eventId,
      position: recorded.position.toString(),
    };
    for (const c of COLUMNS) entry[c] = row[c] ?? (c === 'emergency' ? false : null);
    pending.entries.push(entry);
  }

  private unitMovements(
    pending: PendingLedger,
    recorded: RecordedEvent,
    entryId: string,
    at: string,
    moves: { unitId: string; amount: string }[],
  ): void {
    for (const m of moves)
      pending.movements.push({
        entry_id: entryId,
        unit_id: m.unitId,
        community_id: recorded.metadata.communityId!,
        amount: m.amount,
        occurred_at: at,
        position: recorded.position.toString(),
      });
  }

  /** A reversal copies what it reverses with the opposite effect, and marks the original. */
  private async reversal(db: EntityManager, recorded: RecordedEvent, d: EntryReversedData): Promise<void> {
    await db.query(
      `INSERT INTO finance_entries (entry_id, community_id, fund, kind, category, event_id, position, occurred_at, amount, effect, source, description, payee, purpose,
                                    authority, resolution_id, resolution_outcome, budget, emergency, emergency_reason, evidence_sha256, invoice_sha256, bearers, reverses, reason)
       SELECT $1, community_id, fund, 'REVERSAL', category, $2, $3, $4, amount, -effect, source, description, payee, purpose,
              authority, resolution_id, resolution_outcome, budget, emergency, emergency_reason, evidence_sha256, invoice_sha256, bearers, entry_id, $5
       FROM finance_entries WHERE entry_id = $6 ON CONFLICT DO NOTHING`,
      [d.entryId, recorded.eventId, recorded.position.toString(), d.reversedAt, d.reason, d.reverses],
    );
    await db.query('UPDATE finance_entries SET reversed_by = $1 WHERE entry_id = $2', [d.entryId, d.reverses]);
    await db.query(
      `INSERT INTO finance_unit_movements (entry_id, unit_id, community_id, amount, occurred_at, position)
       SELECT $1, unit_id, community_id, -amount, $2, $3 FROM finance_unit_movements WHERE entry_id = $4 ON CONFLICT DO NOTHING`,
      [d.entryId, d.reversedAt, recorded.position.toString(), d.reverses],
    );
  }

  async apply(recorded: RecordedEvent, db: EntityManager): Promise<void> {
    return this.applyBatch([recorded], db);
  }

  /** The batch's entries and unit movements are one insert per table (written before a reversal reads them). */
  async applyBatch(events: readonly RecordedEvent[], db: EntityManager): Promise<void> {
    const pending = new PendingLedger();
    for (const recorded of events) await this.applyEvent(recorded, db, pending);
    await pending.flush(db);
  }

  private async applyEvent(recorded: RecordedEvent, db: EntityManager, pending: PendingLedger): Promise<void> {
    const event = recorded as unknown as FinanceEvent;
    switch (event.type) {
      case 'PublicRevenueReceived': {
        const d = event.data;
        const amount = fen(d.amount);
        this.insertEntry(pending, recorded, 'PUBLIC_REVENUE', {
          entry_id: d.entryId,
          kind: 'INCOME',
          category: 'INCOME',
          occurred_at: d.receivedAt,
          amount,
          effect: amount,
          source: d.source,
          description: d.description,
          evidence_sha256: d.evidenceSha256,
        });
        return;
      }
      case 'PublicRevenueSpent': {
        const d = event.data;
        const amount = fen(d.amount);
        this.insertEntry(pending, recorded, 'PUBLIC_REVENUE', {
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
        });
        return;
      }
      case 'PublicRevenueSpentUnderCovenant': {
        const d = event.data;
        const amount = fen(d.amount);
        // Linked to the covenant vote that delegated it, so a resident traces it like any other payment.
        this.insertEntry(pending, recorded, 'PUBLIC_REVENUE', {
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
        });
        return;
      }
      case 'CovenantDelegationSet': {
        const d = event.data;
        await db.query(
          `INSERT INTO finance_covenant_delegations (community_id, resolution_id, per_item_cap, yearly_cap, set_at, position) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (community_id) DO UPDATE SET resolution_id = $2, per_item_cap = $3, yearly_cap = $4, set_at = $5, position = $6
           WHERE finance_covenant_delegations.position <= $6`,
          [
            recorded.metadata.communityId,
            d.resolutionId,
            fen(d.perItemCap),
            fen(d.yearlyCap),
            d.setAt,
            recorded.position.toString(),
          ],
        );
        return;
      }
      case 'PublicRevenueTransferredToFund': {
        const d = event.data;
        const amount = fen(d.amount);
        this.insertEntry(pending, recorded, 'PUBLIC_REVENUE', {
          entry_id: d.entryId,
          kind: 'TRANSFER',
          category: 'EXPENSE',
          occurred_at: d.transferredAt,
          amount,
          effect: `-${amount}`,
          purpose: TOP_UP_PURPOSE,
          authority: 'RULE_22',
        });
        return;
      }
      case 'MaintenanceFundToppedUp': {
        const d = event.data;
        const amount = fen(d.amount);
        // Source PUBLIC_REVENUE keeps it out of the initial total that rule 22 measures against.
        this.insertEntry(pending, recorded, 'MAINTENANCE_FUND', {
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
        });
        this.unitMovements(
          pending,
          recorded,
          d.entryId,
          d.transferredAt,
          d.shares.map((s) => ({ unitId: s.unitId, amount: fen(s.amount) })),
        );
        return;
      }
      case 'PublicRevenueEntryReversed':
      case 'MaintenanceFundEntryReversed':
        // The entry it reverses may be among the batch's not yet written.
        await pending.flush(db);
        await this.reversal(db, recorded, event.data);
        return;
      case 'MaintenanceFundDeposited': {
        const d = event.data;
        const amount = fen(d.total);
        const first = d.deposits.map((x) => x.depositedAt).sort()[0];
        this.insertEntry(pending, recorded, 'MAINTENANCE_FUND', {
          entry_id: d.entryId,
          kind: 'DEPOSIT',
          category: 'INCOME',
          occurred_at: first,
          amount,
          effect: amount,
          shares: d.deposits,
        });
        this.unitMovements(
          pending,
          recorded,
          d.entryId,
          first,
          d.deposits.map((x) => ({ unitId: x.unitId, amount: fen(x.amount) })),
        );
        return;
      }
      case 'MaintenanceFundWithdrawn': {
        const d = event.data;
        const amount = fen(d.amount);
        const a = d.authority;
        this.insertEntry(pending, recorded, 'MAINTENANCE_FUND', {
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
        });
        this.unitMovements(
          pending,
          recorded,
          d.entryId,
          d.paidAt,
          d.shares.map((s) => ({ unitId: s.unitId, amount: `-${fen(s.amount)}` })),
        );
        return;
      }
      case 'StatementDrafted': {
        const d = event.data;
        await db.query(
          `INSERT INTO finance_statements (statement_id, community_id, fund, period_start, period_end, status, content, drafted_at)
           VALUES ($1, $2, $3, $4, $5, 'DRAFT', $6, $7) ON CONFLICT DO NOTHING`,
          [d.statementId, d.communityId, d.fund, d.periodStart, d.periodEnd, JSON.stringify(d.content), d.draftedAt],
        );
        return;
      }
      case 'StatementPublished':
        await db.query(
          `UPDATE finance_statements SET status = 'PUBLISHED', content_sha256 = $2, published_at = $3, publish_event_id = $4, public_sha256 = $5 WHERE statement_id = $1`,
          [
            recorded.streamId.slice('statement-'.length),
            event.data.contentSha256,
            event.data.publishedAt,
            recorded.eventId,
            event.data.publicSha256 ?? null,
          ],
        );
        return;
      case 'StatementAudited':
        await db.query(
          `UPDATE finance_statements SET status = 'AUDITED', opinion = $2, report_sha256 = $3, auditor_id = $4, audited_at = $5 WHERE statement_id = $1`,
          [
            recorded.streamId.slice('statement-'.length),
            event.data.opinion,
            event.data.reportSha256,
            event.data.auditorId,
            event.data.auditedAt,
          ],
        );
        return;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  }
}

/**
 * Entries and unit movements of a batch, not yet written: one INSERT per table, rows in event order
 * (ON CONFLICT DO NOTHING keeps the first of a key, as one insert per event did). The rows take the
 * tables' own column types (jsonb_populate_recordset), so amounts stay exact integers of fen.
 */
class PendingLedger {
  readonly entries: Record<string, unknown>[] = [];
  readonly movements: {
    entry_id: string;
    unit_id: string;
    community_id: string;
    amount: string;
    occurred_at: string;
    position: string;
  }[] = [];

  async flush(db: EntityManager): Promise<void> {
    if (this.entries.length > 0) {
      const columns = ['community_id', 'fund', 'event_id', 'position', ...COLUMNS].join(', ');
      await db.query(
        `INSERT INTO finance_entries (${columns})
         SELECT ${columns} FROM jsonb_populate_recordset(NULL::finance_entries, $1::jsonb) ON CONFLICT DO NOTHING`,
        [JSON.stringify(this.entries)],
      );
    }
    if (this.movements.length > 0)
      await db.query(
        `INSERT INTO finance_unit_movements (entry_id, unit_id, community_id, amount, occurred_at, position)
         SELECT entry_id, unit_id, community_id, amount, occurred_at, position
         FROM jsonb_populate_recordset(NULL::finance_unit_movements, $1::jsonb) ON CONFLICT DO NOTHING`,
        [JSON.stringify(this.movements)],
      );
    this.entries.length = 0;
    this.movements.length = 0;
  }
}
