import type { MigrationInterface, QueryRunner } from 'typeorm';
import { POSTGRES_EVENT_STORE_SCHEMA } from '@gongzhi/event-store/postgres/schema.js';

/** The event store's tables and the server's own bookkeeping. */
export class Platform1764000000000 implements MigrationInterface {
  name = 'Platform1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(POSTGRES_EVENT_STORE_SCHEMA);
    await runner.query(`
      CREATE TABLE projection_checkpoint (id text PRIMARY KEY, position bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
      INSERT INTO projection_checkpoint (id, position) VALUES ('main', 0);
      CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);
      CREATE TABLE idempotency_records (
        account_id uuid NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code int,
        response jsonb,
        started_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (account_id, key)
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE idempotency_records, settings, projection_checkpoint');
  }
}
