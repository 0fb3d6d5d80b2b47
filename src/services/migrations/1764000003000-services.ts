import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rules 34–38's read models: each request's folded state, and each community's property service. */
export class Services1764000003000 implements MigrationInterface {
  name = 'Services1764000003000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE services_requests (
        request_id text PRIMARY KEY,
        community_id text NOT NULL,
        filed_at timestamptz NOT NULL,
        category text NOT NULL,
        handler text,
        status text NOT NULL,
        requester_account text NOT NULL,
        state jsonb NOT NULL,
        position bigint NOT NULL
      );
      CREATE INDEX services_requests_community ON services_requests (community_id, filed_at);
      CREATE TABLE services_property (
        community_id text PRIMARY KEY,
        state jsonb NOT NULL,
        position bigint NOT NULL
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE services_property, services_requests');
  }
}
