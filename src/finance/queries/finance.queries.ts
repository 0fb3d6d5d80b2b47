import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Fund } from '@gongzhi/domain/finance/authorisation.js';
import { belowThreshold, topUpDue } from '@gongzhi/domain/finance/fund-balances.js';
import { statementDuty } from '@gongzhi/domain/finance/statement-duty.js';
import { notFound } from '@gongzhi/domain/shared/domain-error.js';
import { formatYuan } from '@gongzhi/domain/shared/quantities.js';
import { firstRow, oneRow, rows } from '../../platform/database/rows.js';
import type {
  CovenantDelegationRow,
  EntryWithResolutionRow,
  LedgerTotalsRow,
  StatementRow,
  UnitHistoryRow,
} from './rows.js';

export interface LedgerFilter {
  from?: string;
  to?: string;
  source?: string;
  /** Words of an expense's purpose, matched anywhere in it, case aside. */
  purpose?: string;
  resolutionId?: string;
  kind?: string;
  limit: number;
  offset: number;
}

const FUNDS: Fund[] = ['PUBLIC_REVENUE', 'MAINTENANCE_FUND'];

const yuan = (fen: string | null) => (fen === null ? null : formatYuan(BigInt(fen)));
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** The vote behind a payment, where a resident can check it: its title, its resource and its tally (rule 24: public). */
function resolutionOf(r: EntryWithResolutionRow) {
  if (!r.resolution_id) return null;
  return {
    id: r.resolution_id,
    outcome: r.resolution_outcome,
    budget: yuan(r.budget),
    title: r.resolution_title ?? null,
    href: `/api/v1/communities/${r.community_id}/resolutions/${r.resolution_id}`,
    tally: r.resolution_tally ?? null,
  };
}

/** An entry as every public view shows it: an expense links to its resolution, an emergency says so (rule 21). */
function entryOf(r: EntryWithResolutionRow, detailed: boolean) {
  return {
    entryId: r.entry_id,
    kind: r.kind,
    category: r.category,
    amount: yuan(r.amount),
    occurredAt: iso(r.occurred_at),
    source: r.source,
    description: r.description,
    payee: r.payee,
    purpose: r.purpose,
    authority: r.authority,
    resolution: resolutionOf(r),
    emergency: r.emergency ? { reason: r.emergency_reason, evidenceSha256: r.evidence_sha256 } : null,
    evidenceSha256: r.evidence_sha256,
    invoiceSha256: r.invoice_sha256,
    bearers: r.bearers,
    ...(detailed ? { shares: r.shares } : {}),
    reverses: r.reverses,
    reversedBy: r.reversed_by,
    reason: r.reason,
    position: String(r.position),
  };
}

export type LedgerEntryView = ReturnType<typeof entryOf>;

@Injectable()
export class FinanceQueries {
  constructor(private readonly dataSource: DataSource) {}

  private async ledger(communityId: string, fund: string, filter: LedgerFilter, detailed: boolean) {
    const where = ['e.community_id = $1', 'e.fund = $2'];
    const params: unknown[] = [communityId, fund];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (filter.from) add('e.occurred_at >= ?', filter.from);
    if (filter.to) add('e.occurred_at < ?', filter.to);
    if (filter.source) add('e.source = ?', filter.source);
    if (filter.kind) add('e.kind = ?', filter.kind);
    if (filter.resolutionId) add('e.resolution_id = ?', filter.resolutionId);
    // The words as typed: LIKE's wildcards in them match themselves.
    if (filter.purpose)
      add(
        "e.purpose ILIKE '%' || ? || '%'",
        filter.purpose.replace(/[\\%_]/g, (c) => `\\${c}`),
      );
    const totals = await oneRow<LedgerTotalsRow>(
      this.dataSource,
      `SELECT coalesce(sum(effect), 0)::text AS balance,
              coalesce(sum(effect) FILTER (WHERE category = 'INCOME'), 0)::text AS income,
              coalesce(sum(effect) FILTER (WHERE category = 'INCOME' AND source IS DISTINCT FROM 'PUBLIC_REVENUE'), 0)::text AS deposited,
              coalesce(-sum(effect) FILTER (WHERE category = 'EXPENSE'), 0)::text AS expenses,
              coalesce(-sum(effect) FILTER (WHERE category = 'EXPENSE' AND emergency), 0)::text AS emergency
       FROM finance_entries WHERE community_id = $1 AND fund = $2`,
      [communityId, fund],
    );
    const { count } = await oneRow<{ count: number }>(
      this.dataSource,
      `SELECT count(*)::int AS count FROM finance_entries e WHERE ${where.join(' AND ')}`,
      params,
    );
    const found = await rows<EntryWithResolutionRow>(
      this.dataSource,
      `SELECT e.*, r.title AS resolution_title, r.tally AS resolution_tally
       FROM finance_entries e LEFT JOIN voting_resolutions r ON r.resolution_id = e.resolution_id AND r.community_id = e.community_id
       WHERE ${where.join(' AND ')} ORDER BY e.occurred_at, e.position LIMIT ${filter.limit} OFFSET ${filter.offset}`,
      params,
    );
    return {
      totals,
      page: { total: count, limit: filter.limit, offset: filter.offset },
      entries: found.map((r) => entryOf(r, detailed)),
    };
  }

  async publicRevenue(communityId: string, filter: LedgerFilter) {
    const { totals, page, entries } = await this.ledger(communityId, 'PUBLIC_REVENUE', filter, false);
    const delegation = await firstRow<CovenantDelegationRow>(
      this.dataSource,
      'SELECT * FROM finance_covenant_delegations WHERE community_id = $1',
      [communityId],
    );
    return {
      communityId,
      balance: yuan(totals.balance),
      totalIncome: yuan(totals.income),
      totalExpenses: yuan(totals.expenses),
      covenantDelegation: delegation
        ? {
            resolutionId: delegation.resolution_id,
            perItemCap: yuan(delegation.per_item_cap),
            yearlyCap: yuan(delegation.yearly_cap),
            setAt: iso(delegation.set_at),
          }
        : null,
      page,
      entries,
    };
  }

  /** Totals and entries for anyone; per-unit balances and shares only when `perUnit` (rule 24). */
  async maintenanceFund(communityId: string, filter: LedgerFilter, perUnit: boolean) {
    const { totals, page, entries } = await this.ledger(communityId, 'MAINTENANCE_FUND', filter, perUnit);
    const balance = BigInt(totals.balance);
    const deposited = BigInt(totals.deposited);
    const low = belowThreshold(balance, deposited);
    const units = perUnit ? await this.unitBalances(communityId) : undefined;
    return {
      communityId,
      balance: formatYuan(balance),
      initialTotal: formatYuan(deposited),
      toppedUpFromPublicRevenue: formatYuan(BigInt(totals.income) - deposited),
      totalWithdrawn: yuan(totals.expenses),
      emergencyWithdrawn: yuan(totals.emergency),
      belowThreshold: low,
      topUpDue: low ? formatYuan(topUpDue(balance, deposited)) : null,
      ...(units ? { units } : {}),
      page,
      entries,
    };
  }

  async unitBalances(communityId: string) {
    const balances = await rows<{ unit_id: string; balance: string }>(
      this.dataSource,
      `SELECT unit_id, sum(amount)::text AS balance FROM finance_unit_movements WHERE community_id = $1 GROUP BY unit_id ORDER BY unit_id`,
      [communityId],
    );
    return balances.map((r) => ({
      unitId: r.unit_id,
      balance: formatYuan(BigInt(r.balance)),
    }));
  }

  async unit(communityId: string, unitId: string) {
    const movements = await rows<UnitHistoryRow>(
      this.dataSource,
      `SELECT m.entry_id, m.amount::text AS amount, m.occurred_at, m.position, e.kind, e.payee, e.purpose, e.resolution_id, e.resolution_outcome, e.emergency, e.emergency_reason,
              e.evidence_sha256, e.reverses
       FROM finance_unit_movements m JOIN finance_entries e USING (entry_id)
       WHERE m.community_id = $1 AND m.unit_id = $2 ORDER BY m.occurred_at, m.position`,
      [communityId, unitId],
    );
    let balance = 0n;
    const history = movements.map((r) => {
      balance += BigInt(r.amount);
      return {
        entryId: r.entry_id,
        kind: r.kind,
        amount: formatYuan(BigInt(r.amount)),
        balanceAfter: formatYuan(balance),
        occurredAt: iso(r.occurred_at),
        payee: r.payee,
        purpose: r.purpose,
        resolution: r.resolution_id ? { id: r.resolution_id, outcome: r.resolution_outcome } : null,
        emergency: r.emergency ? { reason: r.emergency_reason, evidenceSha256: r.evidence_sha256 } : null,
        reverses: r.reverses,
      };
    });
    return { communityId, unitId, balance: formatYuan(balance), history };
  }

  private statementOf(r: StatementRow) {
    return {
      id: r.statement_id,
      communityId: r.community_id,
      fund: r.fund,
      periodStart: iso(r.period_start),
      periodEnd: iso(r.period_end),
      status: r.status,
      draftedAt: iso(r.drafted_at),
      publishedAt: iso(r.published_at),
      contentSha256: r.content_sha256,
      // Rule 32: the SHA-256 of the canonical JSON of `content` exactly as the public reads it.
      publicSeal: r.public_sha256,
      publishEventId: r.publish_event_id,
      audit: r.opinion
        ? { opinion: r.opinion, reportSha256: r.report_sha256, auditorId: r.auditor_id, auditedAt: iso(r.audited_at) }
        : null,
      content: r.content,
    };
  }

  async statements(communityId: string) {
    const found = await rows<StatementRow>(
      this.dataSource,
      'SELECT * FROM finance_statements WHERE community_id = $1 ORDER BY period_start, drafted_at, statement_id',
      [communityId],
    );
    return found.map((r) => this.statementOf(r));
  }

  /** Rule 23's cadence, computed from the clock at read time: which statement each fund owes, and whether it is late. */
  async statementDuties(communityId: string, now: Date) {
    const published = await rows<Pick<StatementRow, 'fund' | 'period_start' | 'period_end'>>(
      this.dataSource,
      `SELECT fund, period_start, period_end FROM finance_statements WHERE community_id = $1 AND status <> 'DRAFT'`,
      [communityId],
    );
    // Rule 28: owed from the fund's first entry, as booked; an entry booked later with an earlier date is a
    // correction shown by the next statement, and does not move where the duty starts.
    const firsts = await rows<{ fund: Fund; first: Date }>(
      this.dataSource,
      'SELECT DISTINCT ON (fund) fund, occurred_at AS first FROM finance_entries WHERE community_id = $1 ORDER BY fund, position',
      [communityId],
    );
    return FUNDS.map((fund) =>
      statementDuty(
        fund,
        now,
        iso(firsts.find((f) => f.fund === fund)?.first ?? null),
        published
          .filter((p) => p.fund === fund)
          .map((p) => ({ periodStart: iso(p.period_start)!, periodEnd: iso(p.period_end)! })),
      ),
    );
  }

  async statement(communityId: string, statementId: string) {
    const row = await firstRow<StatementRow>(
      this.dataSource,
      'SELECT * FROM finance_statements WHERE community_id = $1 AND statement_id = $2',
      [communityId, statementId],
    );
    if (!row) throw notFound('STATEMENT_NOT_FOUND', `community ${communityId} has no statement ${statementId}`);
    return this.statementOf(row);
  }
}
