import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Voting1764000000300 implements MigrationInterface {
  name = 'Voting1764000000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE voting_resolutions (
        resolution_id text PRIMARY KEY,
        community_id text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        matter text NOT NULL,
        rulebook text NOT NULL,
        rulebook_version text NOT NULL,
        status text NOT NULL,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        budget jsonb,
        drafted_at timestamptz NOT NULL,
        posted_at timestamptz,
        opened_at timestamptz,
        closed_at timestamptz,
        roster_hash text,
        eligible_heads int,
        eligible_area bigint,
        tally jsonb,
        outcome text,
        results_due_by timestamptz,
        results_late boolean,
        close_event_id uuid,
        close_position bigint
      );
      CREATE INDEX voting_resolutions_community ON voting_resolutions (community_id, drafted_at);
      CREATE TABLE voting_voters (
        resolution_id text NOT NULL,
        voter_id text NOT NULL,
        representative_id text NOT NULL,
        owner_ids text[] NOT NULL,
        unit_ids text[] NOT NULL,
        area bigint NOT NULL,
        PRIMARY KEY (resolution_id, voter_id)
      );
      CREATE INDEX voting_voters_representative ON voting_voters (resolution_id, representative_id);
      CREATE TABLE voting_ballots (
        event_id uuid PRIMARY KEY,
        resolution_id text NOT NULL,
        community_id text NOT NULL,
        position bigint NOT NULL,
        owner_id text NOT NULL,
        voter_ids text[] NOT NULL,
        choice text NOT NULL,
        channel text NOT NULL,
        cast_by text NOT NULL,
        proxy_owner_id text,
        evidence_sha256 text,
        cast_at timestamptz NOT NULL,
        late boolean NOT NULL
      );
      CREATE INDEX voting_ballots_resolution ON voting_ballots (resolution_id, position);
      CREATE INDEX voting_ballots_owner ON voting_ballots (community_id, owner_id);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE voting_ballots, voting_voters, voting_resolutions');
  }
}
