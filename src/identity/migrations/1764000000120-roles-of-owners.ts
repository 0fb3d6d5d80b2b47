import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A role that follows an owner id rather than an account: the elected committee's members hold the
 * `committee` role as owners of the roster, including one who activates their owner account only after
 * the filing. An activation code may also carry an end for its grant (a PMC's term).
 */
export class RolesOfOwners1764000000120 implements MigrationInterface {
  name = 'RolesOfOwners1764000000120';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE owner_roles (
        community_id text NOT NULL,
        owner_id text NOT NULL,
        role text NOT NULL CHECK (role IN ('committee', 'auditor')),
        expires_at timestamptz,
        PRIMARY KEY (community_id, role, owner_id)
      );
      ALTER TABLE activation_codes ADD COLUMN grant_expires_at timestamptz;
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE owner_roles; ALTER TABLE activation_codes DROP COLUMN grant_expires_at');
  }
}
