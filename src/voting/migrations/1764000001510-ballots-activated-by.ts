import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rule 33: a ballot cast through an owner account the committee activated names that committee account. */
export class BallotsActivatedBy1764000001510 implements MigrationInterface {
  name = 'BallotsActivatedBy1764000001510';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE voting_ballots ADD COLUMN activated_by text; ALTER TABLE elections_ballots ADD COLUMN activated_by text',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE voting_ballots DROP COLUMN activated_by; ALTER TABLE elections_ballots DROP COLUMN activated_by',
    );
  }
}
