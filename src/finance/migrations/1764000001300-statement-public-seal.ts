import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rule 32: a published statement's second seal, of its public copy; null for statements sealed before it. */
export class StatementPublicSeal1764000001300 implements MigrationInterface {
  name = 'StatementPublicSeal1764000001300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE finance_statements ADD COLUMN public_sha256 text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE finance_statements DROP COLUMN public_sha256');
  }
}
