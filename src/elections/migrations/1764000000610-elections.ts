import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Elections1764000000610 implements MigrationInterface {
  name = 'Elections1764000000610';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE elections_elections (
        election_id text PRIMARY KEY,
        community_id text NOT NULL,
        title text NOT NULL,
        seats int NOT NULL,
        alternates int NOT NULL,
        candidates jsonb NOT NULL,
        rulebook text NOT NULL,
        rulebook_version text NOT NULL,
        status text NOT NULL,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        drafted_at timestamptz NOT NULL,
        posted_at timestamptz,
        opened_at timestamptz,
        closed_at timestamptz,
        roster_hash text,
        eligible_heads int,
        eligible_area bigint,
        result jsonb,
        close_event_id uuid
      );
      CREATE INDEX elections_elections_community ON elections_elections (community_id, drafted_at);
      CREATE TABLE elections_voters (
        election_id text NOT NULL,
        voter_id text NOT NULL,
        representative_id text NOT NULL,
        owner_ids text[] NOT NULL,
        unit_ids text[] NOT NULL,
        area bigint NOT NULL,
        PRIMARY KEY (election_id, voter_id)
      );
      CREATE TABLE elections_ballots (
        event_id uuid PRIMARY KEY,
        election_id text NOT NULL,
        position bigint NOT NULL,
        owner_id text NOT NULL,
        voter_ids text[] NOT NULL,
        selections text[] NOT NULL,
        channel text NOT NULL,
        cast_by text NOT NULL,
        evidence_sha256 text,
        cast_at timestamptz NOT NULL,
        late boolean NOT NULL
      );
      CREATE INDEX elections_ballots_election ON elections_ballots (election_id, position);
      CREATE TABLE elections_committee_views (
        community_id text PRIMARY KEY,
        district text NOT NULL DEFAULT '',
        view jsonb NOT NULL,
        last_position bigint NOT NULL
      );
      CREATE INDEX elections_committee_views_district ON elections_committee_views (district);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'DROP TABLE elections_committee_views, elections_ballots, elections_voters, elections_elections',
    );
  }
}
