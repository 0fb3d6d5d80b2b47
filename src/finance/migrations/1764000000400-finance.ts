import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Finance1764000000400 implements MigrationInterface {
  name = 'Finance1764000000400';

  async up(runner: QueryRunner): Promise<void> {
    // Amounts in fen as bigint; `effect` is the signed change to the fund's bank account.
    await runner.query(`
      CREATE TABLE finance_entries (
        entry_id text PRIMARY KEY,
        community_id text NOT NULL,
        fund text NOT NULL,
        kind text NOT NULL,
        category text NOT NULL,
        event_id uuid NOT NULL,
        position bigint NOT NULL,
        occurred_at timestamptz NOT NULL,
        amount bigint NOT NULL,
        effect bigint NOT NULL,
        source text,
        description text,
        payee text,
        purpose text,
        authority text,
        resolution_id text,
        resolution_outcome text,
        budget bigint,
        emergency boolean NOT NULL DEFAULT false,
        emergency_reason text,
        evidence_sha256 text,
        invoice_sha256 text,
        bearers jsonb,
        shares jsonb,
        below_threshold boolean,
        reverses text,
        reversed_by text,
        reason text
      );
      CREATE INDEX finance_entries_ledger ON finance_entries (community_id, fund, occurred_at, position);
      CREATE INDEX finance_entries_resolution ON finance_entries (resolution_id);
      CREATE TABLE finance_unit_movements (
        entry_id text NOT NULL,
        unit_id text NOT NULL,
        community_id text NOT NULL,
        amount bigint NOT NULL,
        occurred_at timestamptz NOT NULL,
        position bigint NOT NULL,
        PRIMARY KEY (entry_id, unit_id)
      );
      CREATE INDEX finance_unit_movements_unit ON finance_unit_movements (community_id, unit_id, position);
      CREATE TABLE finance_covenant_delegations (
        community_id text PRIMARY KEY,
        resolution_id text NOT NULL,
        per_item_cap bigint NOT NULL,
        yearly_cap bigint NOT NULL,
        set_at timestamptz NOT NULL,
        position bigint NOT NULL
      );
      CREATE TABLE finance_statements (
        statement_id text PRIMARY KEY,
        community_id text NOT NULL,
        fund text NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        status text NOT NULL,
        content jsonb NOT NULL,
        drafted_at timestamptz NOT NULL,
        content_sha256 text,
        published_at timestamptz,
        publish_event_id uuid,
        opinion text,
        report_sha256 text,
        auditor_id text,
        audited_at timestamptz
      );
      CREATE INDEX finance_statements_community ON finance_statements (community_id, period_start);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'DROP TABLE finance_statements, finance_covenant_delegations, finance_unit_movements, finance_entries',
    );
  }
}
