import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * C2SP checkpoints and witness cosignatures. A checkpoint keeps its origin and its signed note (null for the
 * ones signed before notes existed); log_cosignatures keeps what each witness returned. Both are signed
 * history: no row of either changes or goes, as log_checkpoints already enforces.
 */
export class CheckpointNotes1764000001100 implements MigrationInterface {
  name = 'CheckpointNotes1764000001100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE log_checkpoints ADD COLUMN origin text, ADD COLUMN note text;
      CREATE TABLE log_cosignatures (
        community_id text NOT NULL,
        tree_size bigint NOT NULL,
        witness_vkey text NOT NULL,
        witness_name text NOT NULL,
        cosigned_at bigint NOT NULL,
        line text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        -- No foreign key to log_checkpoints: its own trigger, not a constraint, must be what refuses a TRUNCATE.
        PRIMARY KEY (community_id, tree_size, witness_vkey)
      );
      CREATE INDEX log_cosignatures_by_witness ON log_cosignatures (witness_vkey, community_id, tree_size DESC);
      CREATE TRIGGER log_cosignatures_immutable_row BEFORE UPDATE OR DELETE ON log_cosignatures
        FOR EACH ROW EXECUTE FUNCTION log_checkpoints_reject_change();
      CREATE TRIGGER log_cosignatures_immutable_truncate BEFORE TRUNCATE ON log_cosignatures
        FOR EACH STATEMENT EXECUTE FUNCTION log_checkpoints_reject_change();
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE log_cosignatures; ALTER TABLE log_checkpoints DROP COLUMN origin, DROP COLUMN note');
  }
}
