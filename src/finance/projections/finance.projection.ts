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

  private async insertEntry(db: EntityManager, recorded: RecordedEvent, fund: string, row: EntryRow): Promise<void> {
    const values = COLUMNS.map((c) => {
      const v = (row as unknown as Record<string, unknown>)[c];
      return (c === 'bearers' || c === 'shares') && v != null
        ? JSON.stringify(v)
        : (v ?? (c === 'emergency' ? false : null));
    });
    await db.query(
      `INSERT INTO finance_entries (community_id, fund, event_id, position, ${COLUMNS.join(', ')})
       VALUES ($1, $2, $3, $4, ${COLUMNS.map((_, i) => `$${i + 5}`).join(', ')}) ON CONFLICT DO NOTHING`,
      [recorded.metadata.communityId, fund, recorded.eventId, recorded.position.toString(), ...values],
    );
  }

  private async unitMovements(
    db: EntityManager,
    recorded: RecordedEvent,
    entryId: string,
    at: string,
    moves: { unitId: string; amount: string }[],
  ) {
    if (moves.length === 0) return;
    await db.query(
      `INSERT INTO finance_unit_movements (entry_id, unit_id, community_id, amount, occurred_at, position)
       SELECT $1, m.unit_id, $2, m.amount, $3, $4 FROM jsonb_to_recordset($5::jsonb) AS m(unit_id text, amount bigint) ON CONFLICT DO NOTHING`,
      [
        entryId,
        recorded.metadata.communityId,
        at,
        recorded.position.toString(),
        JSON.stringify(moves.map((m) => ({ unit_id: m.unitId, amount: m.amount }))),
      ],
    );
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
    const event = recorded as unknown as FinanceEvent;
    switch (event.type) {
      case 'PublicRevenueReceived': {
        const d = event.data;
        const amount = fen(d.amount);
        await this.insertEntry(db, recorded, 'PUBLIC_REVENUE', {
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
        await this.insertEntry(db, recorded, 'PUBLIC_REVENUE', {
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
        await this.insertEntry(db, recorded, 'PUBLIC_REVENUE', {
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
        await this.insertEntry(db, recorded, 'PUBLIC_REVENUE', {
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
        await this.insertEntry(db, recorded, 'MAINTENANCE_FUND', {
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
        await this.unitMovements(
          db,
          recorded,
          d.entryId,
          d.transferredAt,
          d.shares.map((s) => ({ unitId: s.unitId, amount: fen(s.amount) })),
        );
        return;
      }
      case 'PublicRevenueEntryReversed':
      case 'MaintenanceFundEntryReversed':
        await this.reversal(db, recorded, event.data);
        return;
      case 'MaintenanceFundDeposited': {
        const d = event.data;
        const amount = fen(d.total);
        const first = d.deposits.map((x) => x.depositedAt).sort()[0];
        await this.insertEntry(db, recorded, 'MAINTENANCE_FUND', {
          entry_id: d.entryId,
          kind: 'DEPOSIT',
          category: 'INCOME',
          occurred_at: first,
          amount,
          effect: amount,
          shares: d.deposits,
        });
        await this.unitMovements(
          db,
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
        await this.insertEntry(db, recorded, 'MAINTENANCE_FUND', {
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
        await this.unitMovements(
          db,
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
