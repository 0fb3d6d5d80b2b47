import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1764000000100 implements MigrationInterface {
  name = 'Identity1764000000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE accounts (id uuid PRIMARY KEY, login text NOT NULL UNIQUE, secret_hash text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE account_grants (
        id bigserial PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        role text NOT NULL CHECK (role IN ('admin', 'regulator', 'committee', 'auditor', 'owner')),
        community_id text,
        subject_id text,
        granted_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );
      CREATE UNIQUE INDEX account_grants_live ON account_grants (account_id, role, coalesce(community_id, ''), coalesce(subject_id, '')) WHERE revoked_at IS NULL;
      CREATE INDEX account_grants_community ON account_grants (community_id, role) WHERE revoked_at IS NULL;
      CREATE TABLE activation_codes (
        code_hash text PRIMARY KEY,
        role text NOT NULL,
        community_id text,
        subject_id text,
        label text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz,
        used_by uuid
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE activation_codes, account_grants, accounts');
  }
}
