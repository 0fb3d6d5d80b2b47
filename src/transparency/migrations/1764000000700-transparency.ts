import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transparency log. log_leaves and log_heads are a projection (a rebuild empties and refills them);
 * log_checkpoints is signed history, so nothing may change or remove a row of it, in code or by hand.
 */
export class Transparency1764000000700 implements MigrationInterface {
  name = 'Transparency1764000000700';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE log_leaves (
        community_id text NOT NULL,
        leaf_index bigint NOT NULL,
        event_id uuid NOT NULL,
        stream_id text NOT NULL,
        revision bigint NOT NULL,
        position bigint NOT NULL,
        leaf_hash text NOT NULL,
        PRIMARY KEY (community_id, leaf_index),
        CONSTRAINT log_leaves_event_unique UNIQUE (event_id)
      );
      CREATE TABLE log_heads (
        community_id text PRIMARY KEY,
        tree_size bigint NOT NULL,
        last_leaf_hash text,
        first_unsigned_at timestamptz
      );
      CREATE INDEX log_heads_unsigned ON log_heads (first_unsigned_at) WHERE first_unsigned_at IS NOT NULL;
      CREATE TABLE log_checkpoints (
        community_id text NOT NULL,
        tree_size bigint NOT NULL,
        root_hash text NOT NULL,
        signed_at text NOT NULL,
        signature text NOT NULL,
        key_fingerprint text NOT NULL,
        consistency_proof jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (community_id, tree_size)
      );
      CREATE FUNCTION log_checkpoints_reject_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'checkpoints are signed history: % on log_checkpoints is refused', TG_OP
          USING ERRCODE = 'restrict_violation';
      END
      $fn$;
      CREATE TRIGGER log_checkpoints_immutable_row BEFORE UPDATE OR DELETE ON log_checkpoints
        FOR EACH ROW EXECUTE FUNCTION log_checkpoints_reject_change();
      CREATE TRIGGER log_checkpoints_immutable_truncate BEFORE TRUNCATE ON log_checkpoints
        FOR EACH STATEMENT EXECUTE FUNCTION log_checkpoints_reject_change();
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'DROP TABLE log_checkpoints, log_heads, log_leaves; DROP FUNCTION log_checkpoints_reject_change()',
    );
  }
}
