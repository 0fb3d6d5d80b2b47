import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { verifyCheckpointSignature } from '@gongzhi/ledger-log/checkpoint-signing.js';
import { verifyConsistency } from '@gongzhi/ledger-log/proofs.js';
import { rebuildProjections } from '../../src/cli/rebuild-projections.js';
import { readConfig } from '../../src/platform/config/app-config.js';
import { createTestDatabase, testKeyDir } from '../support/database.js';
import { TestServer } from '../support/test-server.js';
import { castBallot, openSurvey, signedExport, YEAR_SECONDS } from './log-helpers.js';

interface Signed {
  communityId: string;
  treeSize: number;
  rootHash: string;
  timestamp: string;
  signature: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * ISSUE 11 "keys away from the data", the tamper of its third paragraph: someone with superuser access
 * to the database (not to the key folder) edits a ballot past the append-only trigger
 * (session_replication_role = replica), deletes the community's checkpoints, runs
 * `gongzhi projections rebuild` and restarts the server. A regulator who pinned the log key and saved
 * a checkpoint before must never be handed a checkpoint, signed with that key, of a history that does
 * not extend the saved one.
 */
describe('a database edit, checkpoints deleted, a rebuild and a restart: the server will not re-sign history', () => {
  const env = {
    GONGZHI_CHECKPOINT_EVERY: '2',
    GONGZHI_CHECKPOINT_SECONDS: '1',
    GONGZHI_TOKEN_TTL_SECONDS: YEAR_SECONDS,
  };
  let database: { url: string; drop(): Promise<void> };
  let server: TestServer | null = null;
  let superuser: pg.Client;

  // Each case on a database of its own: a refused history stalls the projections of the whole database.
  beforeEach(async () => {
    database = await createTestDatabase('database_tamper');
    superuser = new pg.Client({ connectionString: database.url });
    await superuser.connect();
  });
  afterEach(async () => {
    await superuser?.end();
    await server?.stopKeepingDatabase();
    server = null;
    await database.drop();
  });

  /** A community with a vote, two ballots and the log signed to its end; the regulator's pinned key and saved checkpoint. */
  async function signedHistory() {
    server = await TestServer.startOn(database.url, env);
    const vote = await openSurvey(server, ['O1', 'O2', 'O4']);
    await castBallot(server, vote.resolution, vote.ownerTokens.O1, 'FOR');
    const ballot = await castBallot(server, vote.resolution, vote.ownerTokens.O2, 'AGAINST');
    await signedExport(server, vote.communityId, vote.admin, ballot.position);
    const pinned = (await server.get('/api/v1/log/public-key')).body as { publicKey: string; fingerprint: string };
    const saved = (await server.get(`/api/v1/communities/${vote.communityId}/log/checkpoint`)).body as Signed;
    expect(verifyCheckpointSignature(saved, pinned.publicKey)).toBe(true);
    await server.stopKeepingDatabase();
    server = null;
    return { vote, ballot, pinned, saved, cid: vote.communityId };
  }

  /** Runs `sql` as a superuser with the append-only triggers off for the session. */
  async function asSuperuserPastTriggers(sql: string, params: unknown[]): Promise<number> {
    await superuser.query('SET session_replication_role = replica');
    try {
      return (await superuser.query(sql, params)).rowCount ?? 0;
    } finally {
      await superuser.query('SET session_replication_role = origin');
    }
  }

  /** Every checkpoint in the database signed by the pinned key that the regulator's saved one does not lead to. */
  async function signedForksOf(saved: Signed, publicKey: string, cid: string, via: TestServer) {
    const { rows } = await superuser.query(
      'SELECT tree_size, root_hash, signed_at, signature FROM log_checkpoints WHERE community_id = $1 ORDER BY tree_size',
      [cid],
    );
    const forks: Signed[] = [];
    for (const row of rows) {
      const c: Signed = {
        communityId: cid,
        treeSize: Number(row.tree_size),
        rootHash: row.root_hash,
        timestamp: new Date(row.signed_at).toISOString(),
        signature: row.signature,
      };
      if (!verifyCheckpointSignature(c, publicKey)) continue; // not the pinned key's: the regulator drops it anyway
      if (c.treeSize < saved.treeSize) forks.push(c);
      else if (c.treeSize === saved.treeSize) {
        if (c.rootHash !== saved.rootHash) forks.push(c);
      } else {
        const proof = await via.get(
          `/api/v1/communities/${cid}/log/proofs/consistency?first=${saved.treeSize}&second=${c.treeSize}`,
        );
        if (
          proof.status !== 200 ||
          !verifyConsistency(
            saved.treeSize,
            c.treeSize,
            saved.rootHash,
            c.rootHash,
            proof.body.proof ?? proof.body.path,
          )
        )
          forks.push(c);
      }
    }
    return { forks, count: rows.length };
  }

  it('refuses the rebuild (LOG_DIVERGED) and, restarted, signs nothing that departs from the checkpoint it signed before', async () => {
    const { vote, ballot, pinned, saved, cid } = await signedHistory();
    // The server kept that checkpoint outside the database, beside its keys.
    const keptFile = join(testKeyDir(database.url), 'checkpoints', `${cid}.json`);
    expect(existsSync(keptFile)).toBe(true);
    expect(JSON.parse(readFileSync(keptFile, 'utf8'))).toMatchObject({
      treeSize: saved.treeSize,
      rootHash: saved.rootHash,
    });

    // The tamper, as a database superuser: triggers off for the session, a vote changed, the signatures gone.
    expect(
      await asSuperuserPastTriggers(
        `UPDATE events SET data = replace(data::text, '"AGAINST"', '"FOR"')::jsonb WHERE event_id = $1`,
        [ballot.eventId],
      ),
    ).toBe(1);
    expect(await asSuperuserPastTriggers('DELETE FROM log_checkpoints WHERE community_id = $1', [cid])).toBeGreaterThan(
      0,
    );

    // gongzhi projections rebuild: the replayed log meets the kept checkpoint and stops.
    const config = readConfig({
      DATABASE_URL: database.url,
      GONGZHI_KEY_DIR: testKeyDir(database.url),
      LOG_LEVEL: 'error',
      ...env,
    });
    const rebuild = rebuildProjections(config);
    await expect(rebuild).rejects.toMatchObject({ code: 'LOG_DIVERGED' });
    // Which replayed size meets the kept checkpoint first depends on how the rebuild batches; what matters is
    // that the refusal names the checkpoint kept outside the database, its size and its root.
    await expect(rebuild).rejects.toThrow(
      new RegExp(
        `${saved.treeSize} leaves[^]*${saved.rootHash}[^]*kept outside the database|kept outside the database[^]*${saved.rootHash}`,
      ),
    );

    // Restarted, with its timer signing whatever is due every quarter second, and asked for a new ballot too.
    server = await TestServer.startOn(database.url, env);
    const after = await server.post(
      `${vote.resolution}/ballots`,
      { choice: 'ABSTAIN' },
      { token: vote.ownerTokens.O4 },
    );
    expect(after.status).toBe(201); // events are still taken: the history is refused, not the service
    await sleep(3_000);

    // The failed rebuild was undone, so the log still holds the leaves it signed: whatever the restarted server
    // signs extends the regulator's checkpoint, and the edited ballot's leaf is still the one the owner's
    // receipt names, so the edit shows as a leaf that no longer matches its event (verify's "leaf hashes").
    const { forks } = await signedForksOf(saved, pinned.publicKey, cid, server);
    expect(forks).toEqual([]);
    const { rows } = await superuser.query('SELECT leaf_hash FROM log_leaves WHERE event_id = $1', [ballot.eventId]);
    expect(rows.map((r) => r.leaf_hash)).toEqual([ballot.leafHash]);
    // The key is the one the regulator pinned: the refusal is not a key change.
    expect((await server.get('/api/v1/log/public-key')).body.fingerprint).toBe(pinned.fingerprint);
  });

  it('re-signs, restarted, a log whose checkpoints alone were deleted, but not one whose leaves were edited under them, without any rebuild', async () => {
    const { pinned, saved, cid } = await signedHistory();
    const deleteCheckpointsAndRestart = async () => {
      expect(
        await asSuperuserPastTriggers('DELETE FROM log_checkpoints WHERE community_id = $1', [cid]),
      ).toBeGreaterThan(0);
      await superuser.query(
        `UPDATE log_heads SET first_unsigned_at = now() - interval '1 hour' WHERE community_id = $1`,
        [cid],
      );
      server = await TestServer.startOn(database.url, env);
      await sleep(3_000); // a dozen ticks of the signing timer
      const signed = await signedForksOf(saved, pinned.publicKey, cid, server);
      await server.stopKeepingDatabase();
      server = null;
      return signed;
    };

    // The control: the same leaves, only the signatures gone. The timer signs them again, consistently.
    expect(await deleteCheckpointsAndRestart()).toEqual({ forks: [], count: 1 });

    // The leaves edited in place (as if to match edited events) before the checkpoints go: nothing is signed.
    expect(
      await asSuperuserPastTriggers(`UPDATE log_leaves SET leaf_hash = $2 WHERE community_id = $1 AND leaf_index = 0`, [
        cid,
        'ab'.repeat(32),
      ]),
    ).toBe(1);
    expect(await deleteCheckpointsAndRestart()).toEqual({ forks: [], count: 0 });
  });

  it('refuses to sign a log the database shortened below the checkpoint it signed (its last events deleted, as an older backup would be)', async () => {
    const { ballot, pinned, saved, cid } = await signedHistory();
    // The ballot and everything after it gone, with the checkpoints: a history that never had that vote.
    expect(await asSuperuserPastTriggers('DELETE FROM events WHERE position >= $1', [ballot.position])).toBeGreaterThan(
      0,
    );
    expect(await asSuperuserPastTriggers('DELETE FROM log_checkpoints WHERE community_id = $1', [cid])).toBeGreaterThan(
      0,
    );

    const config = readConfig({
      DATABASE_URL: database.url,
      GONGZHI_KEY_DIR: testKeyDir(database.url),
      LOG_LEVEL: 'error',
      ...env,
    });
    const rebuild = rebuildProjections(config);
    await expect(rebuild).rejects.toMatchObject({ code: 'LOG_DIVERGED' });
    await expect(rebuild).rejects.toThrow(
      new RegExp(`short of the checkpoint this server signed at ${saved.treeSize} leaves`),
    );
    server = await TestServer.startOn(database.url, env);
    await sleep(2_000);
    expect(await signedForksOf(saved, pinned.publicKey, cid, server)).toEqual({ forks: [], count: 0 });
  });
});
