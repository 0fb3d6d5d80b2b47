import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency-Key records expire (GONGZHI_IDEMPOTENCY_TTL_HOURS): `first_used_at` dates a key's window,
 * kept when a failed attempt frees the key for its retry. Records made before have none (NULL) and
 * are dated by `started_at`.
 */
export class IdempotencyWindow1764000000010 implements MigrationInterface {
  name = 'IdempotencyWindow1764000000010';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE idempotency_records ADD COLUMN first_used_at timestamptz;
      ALTER TABLE idempotency_records ALTER COLUMN first_used_at SET DEFAULT now();
      CREATE INDEX idempotency_records_age ON idempotency_records (coalesce(first_used_at, started_at));
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX idempotency_records_age; ALTER TABLE idempotency_records DROP COLUMN first_used_at');
  }
}
