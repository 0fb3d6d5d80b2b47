import pg from 'pg';
import { LogRepository } from '../../src/transparency/log.repository.js';
import { TestServer } from '../support/test-server.js';
import { castBallot, openSurvey, signedExport, YEAR_SECONDS } from './log-helpers.js';

/**
 * A batch of the log's projection locks the community's head, then builds its next checkpoint from the
 * latest signed one. When it had to wait for that lock because the checkpoint scheduler held it and
 * signed, it must see what the scheduler signed: read under the old snapshot, the batch built its proof
 * from the checkpoint before, and the ledger refused it as "does not extend the signed root".
 */
describe('the log head locked for a batch of leaves', () => {
  let server: TestServer;
  let db: pg.Client;
  let cid: string;

  beforeAll(async () => {
    server = await TestServer.start('checkpoint_head_lock', {
      GONGZHI_CHECKPOINT_EVERY: '3',
      GONGZHI_CHECKPOINT_SECONDS: YEAR_SECONDS,
      GONGZHI_TOKEN_TTL_SECONDS: YEAR_SECONDS,
    });
    const vote = await openSurvey(server, ['O1', 'O2']);
    cid = vote.communityId;
    const ballot = await castBallot(server, vote.resolution, vote.ownerTokens.O1, 'FOR');
    await signedExport(server, cid, vote.admin, ballot.position);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await server.stop();
  });

  it('shows the checkpoint signed by the transaction it waited for, not the one before it', async () => {
    const repository = server.app.get(LogRepository);
    // The other side: holds the head, signs (a checkpoint row of its own size, as the scheduler writes), commits.
    await db.query('BEGIN');
    await db.query('SELECT tree_size FROM log_heads WHERE community_id = $1 FOR UPDATE', [cid]);
    await db.query(
      `INSERT INTO log_checkpoints
         SELECT (jsonb_populate_record(c, jsonb_build_object('tree_size', 999999))).*
         FROM log_checkpoints c WHERE community_id = $1 ORDER BY tree_size DESC LIMIT 1`,
      [cid],
    );
    await db.query('UPDATE log_heads SET first_unsigned_at = NULL WHERE community_id = $1', [cid]);

    let waited = false;
    const locked = repository.transaction((manager) => repository.lockHeadForAppend(manager, cid, []));
    void locked.then(() => (waited = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(waited).toBe(false); // still waiting for the lock
    await db.query('COMMIT');

    expect((await locked).latestSignedSize).toBe(999999);
  });
});
