import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Menu votes (SCENARIOS.md 5): a resolution's options to rank, and each ballot's ranking. */
export class MenuVotes1764000000310 implements MigrationInterface {
  name = 'MenuVotes1764000000310';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE voting_resolutions ADD COLUMN options jsonb;
      ALTER TABLE voting_ballots ADD COLUMN ranking text[];
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE voting_ballots DROP COLUMN ranking; ALTER TABLE voting_resolutions DROP COLUMN options',
    );
  }
}
