import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Registry1764000000200 implements MigrationInterface {
  name = 'Registry1764000000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE registry_communities (
        community_id text PRIMARY KEY,
        name text NOT NULL,
        district text NOT NULL,
        street text,
        rulebook text NOT NULL,
        rulebook_version text NOT NULL,
        units int NOT NULL DEFAULT 0,
        heads int NOT NULL DEFAULT 0,
        area bigint NOT NULL DEFAULT 0,
        owners int NOT NULL DEFAULT 0,
        managing_body jsonb,
        registered_at timestamptz NOT NULL
      );
      CREATE INDEX registry_communities_district ON registry_communities (district);
      CREATE TABLE registry_owners (
        community_id text NOT NULL,
        owner_id text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        PRIMARY KEY (community_id, owner_id)
      );
      CREATE TABLE registry_units (
        community_id text NOT NULL,
        unit_id text NOT NULL,
        building text NOT NULL,
        area bigint NOT NULL,
        area_source text NOT NULL,
        owner_ids text[] NOT NULL,
        representative_id text NOT NULL,
        PRIMARY KEY (community_id, unit_id)
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE registry_units, registry_owners, registry_communities');
  }
}
