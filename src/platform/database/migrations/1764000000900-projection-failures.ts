import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A community whose read models stopped at an event a projection could not apply: the runner skips the
 * community's later events (and keeps applying every other community's) until it is resumed.
 */
export class ProjectionFailures1764000000900 implements MigrationInterface {
  name = 'ProjectionFailures1764000000900';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE projection_failures (
        community_id text PRIMARY KEY,
        position bigint NOT NULL,
        event_type text NOT NULL,
        projection text NOT NULL,
        error text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE projection_failures');
  }
}
