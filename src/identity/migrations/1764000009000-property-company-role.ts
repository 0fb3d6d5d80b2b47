import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The property company's staff hold a grant of their own (`property_company`, its subject the staff id),
 * so that the company, not the committee, accepts and resolves what was dispatched to it.
 */
export class PropertyCompanyRole1764000009000 implements MigrationInterface {
  name = 'PropertyCompanyRole1764000009000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE account_grants DROP CONSTRAINT account_grants_role_check;
      ALTER TABLE account_grants ADD CONSTRAINT account_grants_role_check
        CHECK (role IN ('admin', 'regulator', 'committee', 'auditor', 'owner', 'property_company'));
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DELETE FROM account_grants WHERE role = 'property_company';
      ALTER TABLE account_grants DROP CONSTRAINT account_grants_role_check;
      ALTER TABLE account_grants ADD CONSTRAINT account_grants_role_check
        CHECK (role IN ('admin', 'regulator', 'committee', 'auditor', 'owner'));
    `);
  }
}
