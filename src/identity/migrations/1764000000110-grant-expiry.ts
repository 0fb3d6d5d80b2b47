import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A grant may end at a known time: an elected committee's role ends with its term (DOMAIN.md rule 14)
 * without anyone revoking it. Null: until revoked.
 */
export class GrantExpiry1764000000110 implements MigrationInterface {
  name = 'GrantExpiry1764000000110';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE account_grants ADD COLUMN expires_at timestamptz');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE account_grants DROP COLUMN expires_at');
  }
}
