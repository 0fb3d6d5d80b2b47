import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { MerkleLog } from '@gongzhi/ledger-log/merkle-log.js';
import { DataSource } from 'typeorm';
import { CheckpointLedger } from '../../src/transparency/checkpoints/checkpoint-ledger.js';
import { CheckpointScheduler } from '../../src/transparency/checkpoints/checkpoint-scheduler.js';
import { CommunityLogs } from '../../src/transparency/community-logs.js';
import { createTestDatabase } from '../support/database.js';
import { TestServer } from '../support/test-server.js';
import { castBallot, openSurvey, YEAR_SECONDS } from './log-helpers.js';

// Issue 13, item 9: the signer re-derives the root from the stored leaves before signing, so neither a
// corrupt in-memory tree nor a stored leaf that changed under it gets a signature.
describe('the checkpoint signer signs only a root re-derived from the stored leaves', () => {
  let database: { url: string; drop(): Promise<void> };
  let server: TestServer;
  let db: pg.Client;
  let cid: string;
  let vote: Awaited<ReturnType<typeof openSurvey>>;
  // Nothing is signed but what the test asks for: no count or age makes a checkpoint due.
  const env = {
    GONGZHI_CHECKPOINT_EVERY: '100000',
    GONGZHI_CHECKPOINT_SECONDS: '100000',
    GONGZHI_TOKEN_TTL_SECONDS: YEAR_SECONDS,
  };
  const errors: string[] = [];
  let spy: jest.SpiedFunction<Logger['error']>;

  const sign = () => server.app.get(CheckpointScheduler).signLatest(cid);
  const sizes = async () =>
    (
      await db.query('SELECT tree_size FROM log_checkpoints WHERE community_id = $1 ORDER BY tree_size', [cid])
    ).rows.map((r) => Number(r.tree_size));
  const storedLeaves = async (): Promise<string[]> =>
    (await db.query('SELECT leaf_hash FROM log_leaves WHERE community_id = $1 ORDER BY leaf_index', [cid])).rows.map(
      (r) => r.leaf_hash,
    );
  const cachedLogs = () => server.app.get<unknown, { logs: Map<string, MerkleLog> }>(CommunityLogs).logs;
  const growLog = async (owner: string, choice: string) => {
    const receipt = await castBallot(server, vote.resolution, vote.ownerTokens[owner], choice);
    await server.get(`/api/v1/communities/${cid}?after=${receipt.position}`);
  };

  beforeAll(async () => {
    database = await createTestDatabase('checkpoint_derivation');
    server = await TestServer.startOn(database.url, env);
    vote = await openSurvey(server, ['O1', 'O2']);
    cid = vote.communityId;
    await growLog('O1', 'FOR');
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    spy = jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation((message: unknown) => void errors.push(String(message)));
  });
  afterAll(async () => {
    spy?.mockRestore();
    await db?.end();
    await server.stopKeepingDatabase();
    await database.drop();
  });
  beforeEach(() => {
    errors.length = 0;
  });

  it('signs the first checkpoint, its root re-derived from every stored leaf', async () => {
    expect(await sign()).toBe(true);
    const leaves = await storedLeaves();
    expect(await sizes()).toEqual([leaves.length]);
    const [{ root_hash }] = (await db.query('SELECT root_hash FROM log_checkpoints WHERE community_id = $1', [cid]))
      .rows;
    expect(root_hash).toBe(MerkleLog.from(leaves).root());
  });

  it('refuses to sign, with a logged error, when a stored leaf after the last checkpoint differs from the in-memory tree', async () => {
    const signedBefore = await sizes();
    await growLog('O2', 'AGAINST');
    await growLog('O1', 'AGAINST');
    const leaves = await storedLeaves();
    const victim = leaves.length - 2; // not the last: the head's last leaf hash would give it away before the signer looks
    await db.query('UPDATE log_leaves SET leaf_hash = $3 WHERE community_id = $1 AND leaf_index = $2', [
      cid,
      victim,
      'f'.repeat(64),
    ]);
    try {
      await expect(sign()).rejects.toMatchObject({ code: 'CHECKPOINT_NOT_DERIVED' });
      expect(await sizes()).toEqual(signedBefore);
      expect(errors.join('\n')).toMatch(
        /refusing to sign a checkpoint of community .* at \d+ leaves: the stored leaves give root/,
      );
    } finally {
      await db.query('UPDATE log_leaves SET leaf_hash = $3 WHERE community_id = $1 AND leaf_index = $2', [
        cid,
        victim,
        leaves[victim],
      ]);
    }
  });

  it('refuses to sign when the in-memory tree disagrees with the signed root of the last checkpoint', async () => {
    const signedBefore = await sizes();
    const leaves = await storedLeaves();
    // Same size and same last leaf, which is all the cache's own check looks at; leaf 0 differs.
    cachedLogs().set(cid, MerkleLog.from(leaves.map((h, i) => (i === 0 ? 'e'.repeat(64) : h))));
    await expect(sign()).rejects.toMatchObject({ code: 'CHECKPOINT_INCONSISTENT' });
    expect(await sizes()).toEqual(signedBefore);
    expect(errors.join('\n')).toMatch(/refusing to sign a checkpoint of community .* does not extend the signed root/);
  });

  it("refuses a candidate whose proof holds but whose frontier of the signed size is not the signed tree's", async () => {
    const signedBefore = await sizes();
    const leaves = await storedLeaves();
    const good = MerkleLog.from(leaves);
    const wrong = MerkleLog.from(leaves.map((h, i) => (i === 0 ? 'e'.repeat(64) : h)));
    const m = signedBefore.at(-1)!;
    const candidate = {
      communityId: cid,
      treeSize: good.size,
      rootHash: good.root(),
      proof: good.consistencyProof(m),
      previousFrontier: wrong.frontier(m),
    };
    await expect(
      server.app.get(DataSource).transaction((tx) => server.app.get(CheckpointLedger).append(tx, candidate)),
    ).rejects.toMatchObject({
      code: 'CHECKPOINT_NOT_DERIVED',
    });
    expect(await sizes()).toEqual(signedBefore);
    expect(errors.join('\n')).toMatch(/the in-memory tree at \d+ leaves does not fold into the signed root/);
  });

  it('refuses to sign when the in-memory tree is wrong only after the last checkpoint', async () => {
    const signedBefore = await sizes();
    const leaves = await storedLeaves();
    cachedLogs().set(cid, MerkleLog.from(leaves.map((h, i) => (i === leaves.length - 2 ? 'd'.repeat(64) : h))));
    await expect(sign()).rejects.toMatchObject({ code: 'CHECKPOINT_NOT_DERIVED' });
    expect(await sizes()).toEqual(signedBefore);
    expect(errors.join('\n')).toMatch(/the stored leaves give root .* the in-memory tree/);
  });

  it('signs again once the tree is reloaded from the stored leaves', async () => {
    cachedLogs().delete(cid);
    expect(await sign()).toBe(true);
    const leaves = await storedLeaves();
    expect((await sizes()).at(-1)).toBe(leaves.length);
    const latest = (await server.get(`/api/v1/communities/${cid}/log/checkpoint`)).body;
    expect(latest.rootHash).toBe(MerkleLog.from(leaves).root());
    expect(errors).toEqual([]);
  });
});
