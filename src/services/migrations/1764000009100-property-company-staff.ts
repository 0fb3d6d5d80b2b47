import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The property company's staff as the committee names them: each one's company, so that a staff grant
 * (`property_company`, its subject the staff id) acts only while that company serves the community.
 * Not a read model: no event rebuilds it, and the names never enter the public log.
 */
export class PropertyCompanyStaff1764000009100 implements MigrationInterface {
  name = 'PropertyCompanyStaff1764000009100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE property_company_staff (
        staff_id uuid PRIMARY KEY,
        -- The order they were named in: several may be named within one moment of the server's clock.
        named bigserial NOT NULL,
        community_id text NOT NULL,
        company_id text NOT NULL,
        name text NOT NULL,
        login text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        removed_at timestamptz,
        removed_because text CHECK (removed_because IN ('REMOVED', 'COMPANY_REPLACED'))
      );
      CREATE INDEX property_company_staff_community ON property_company_staff (community_id, named);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE property_company_staff');
  }
}
