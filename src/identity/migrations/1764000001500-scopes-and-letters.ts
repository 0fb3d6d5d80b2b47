import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rule 31: a regulator's grant (and the invitation code that carries it) names its district and,
 * optionally, its street; null district: a grant from before, or a city-wide authority (see README).
 * Rule 33: an owner grant records the committee account that activated it on the owner's behalf.
 */
export class ScopesAndLetters1764000001500 implements MigrationInterface {
  name = 'ScopesAndLetters1764000001500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE account_grants ADD COLUMN district text, ADD COLUMN street text, ADD COLUMN activated_by uuid;
      ALTER TABLE activation_codes ADD COLUMN district text, ADD COLUMN street text, ADD COLUMN voided_at timestamptz;
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE account_grants DROP COLUMN district, DROP COLUMN street, DROP COLUMN activated_by;
      ALTER TABLE activation_codes DROP COLUMN district, DROP COLUMN street, DROP COLUMN voided_at;
    `);
  }
}
