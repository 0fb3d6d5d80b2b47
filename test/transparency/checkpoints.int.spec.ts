import { DataSource } from 'typeorm';
import pg from 'pg';
import {
  generateSigningKeyPair,
  publicKeyFingerprint,
  verifyCheckpointSignature,
} from '@gongzhi/ledger-log/checkpoint-signing.js';
import { MerkleLog } from '@gongzhi/ledger-log/merkle-log.js';
import { EVENTS_IMMUTABLE_ROW_TRIGGER } from '@gongzhi/event-store/postgres/schema.js';
import { rebuildProjections } from '../../src/cli/rebuild-projections.js';
import { readConfig } from '../../src/platform/config/app-config.js';
import { CheckpointLedger } from '../../src/transparency/checkpoints/checkpoint-ledger.js';
import { createTestDatabase, testKeyDir } from '../support/database.js';
import { TestServer } from '../support/test-server.js';
import { castBallot, openSurvey, signedExport, YEAR_SECONDS } from './log-helpers.js';

const hex = (c: string) => c.repeat(64);

describe('signed checkpoints: only consistent, never changed, and a rebuild must reproduce them', () => {
  let database: { url: string; drop(): Promise<void> };
  let server: TestServer;
  let db: pg.Client;
  let cid: string;
  let ballot: Awaited<ReturnType<typeof castBallot>>;
  // Only the count signs here (and the export, at its own size): a timer would race it on a loaded machine.
  const env = {
    GONGZHI_CHECKPOINT_EVERY: '3',
    GONGZHI_CHECKPOINT_SECONDS: YEAR_SECONDS,
    GONGZHI_TOKEN_TTL_SECONDS: YEAR_SECONDS,
  };

  const checkpoints = async () =>
    (
      await db.query(
        'SELECT tree_size, root_hash, signed_at, signature FROM log_checkpoints WHERE community_id = $1 ORDER BY tree_size',
        [cid],
      )
    ).rows;
  const leaves = async () =>
    (await db.query('SELECT * FROM log_leaves WHERE community_id = $1 ORDER BY leaf_index', [cid])).rows;

  beforeAll(async () => {
    database = await createTestDatabase('log_checkpoints');
    server = await TestServer.startOn(database.url, env);
    const vote = await openSurvey(server, ['O1', 'O2']);
    cid = vote.communityId;
    await castBallot(server, vote.resolution, vote.ownerTokens.O1, 'FOR');
    ballot = await castBallot(server, vote.resolution, vote.ownerTokens.O2, 'AGAINST');
    await signedExport(server, cid, vote.admin, ballot.position);
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await server.stopKeepingDatabase();
    await database.drop();
  });

  it("signs every N leaves in the projection's own transaction, each checkpoint carrying its consistency proof", async () => {
    const sizes = (await checkpoints()).map((c) => Number(c.tree_size));
    expect(sizes.slice(0, 3)).toEqual([3, 6, 9]);
  });

  it('refuses a checkpoint whose root does not extend the latest one, and one that does not grow the log', async () => {
    const ledger = server.app.get(CheckpointLedger);
    const dataSource = server.app.get(DataSource);
    const before = await checkpoints();
    const latest = before[before.length - 1];
    // A forged tree: the latest checkpoint's size plus one leaf, but from a different history.
    const forged = MerkleLog.from(
      Array.from({ length: Number(latest.tree_size) + 1 }, (_, i) => hex(i % 2 ? 'a' : 'b')),
    );
    const candidate = {
      communityId: cid,
      treeSize: forged.size,
      rootHash: forged.root(),
      proof: forged.consistencyProof(Number(latest.tree_size)),
      previousFrontier: forged.frontier(Number(latest.tree_size)),
    };
    await expect(dataSource.transaction((m) => ledger.append(m, candidate))).rejects.toMatchObject({
      code: 'CHECKPOINT_INCONSISTENT',
    });
    await expect(
      dataSource.transaction((m) => ledger.append(m, { ...candidate, treeSize: Number(latest.tree_size), proof: [] })),
    ).rejects.toMatchObject({
      code: 'CHECKPOINT_NOT_NEWER',
    });
    expect(await checkpoints()).toEqual(before);
  });

  it('keeps checkpoints immutable in the database itself: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await expect(
      db.query('UPDATE log_checkpoints SET root_hash = $1 WHERE community_id = $2', [hex('0'), cid]),
    ).rejects.toThrow(/signed history/);
    await expect(db.query('DELETE FROM log_checkpoints WHERE community_id = $1', [cid])).rejects.toThrow(
      /signed history/,
    );
    await expect(db.query('TRUNCATE log_checkpoints')).rejects.toThrow(/signed history/);
  });

  it('rebuilds the leaves to exactly what they were, checked against every signed root, adding no checkpoint', async () => {
    const before = { leaves: await leaves(), checkpoints: await checkpoints() };
    const { events } = await rebuildProjections(
      readConfig({ DATABASE_URL: database.url, GONGZHI_KEY_DIR: testKeyDir(database.url), LOG_LEVEL: 'error', ...env }),
    );
    expect(events).toBeGreaterThan(5);
    await server.get(`/api/v1/communities/${cid}?after=${ballot.position}`);
    expect(await leaves()).toEqual(before.leaves);
    expect(await checkpoints()).toEqual(before.checkpoints);
    const proof = await server.get(`/api/v1/communities/${cid}/log/proofs/inclusion?eventId=${ballot.eventId}`);
    expect(proof.status).toBe(200);
  });

  it('stops a rebuild whose replayed events no longer give a signed root (LOG_DIVERGED), and recovers once history is restored', async () => {
    const [{ data }] = (await db.query('SELECT data::text AS data FROM events WHERE event_id = $1', [ballot.eventId]))
      .rows;
    const tamper = async (text: string) => {
      await db.query(`ALTER TABLE events DISABLE TRIGGER ${EVENTS_IMMUTABLE_ROW_TRIGGER}`);
      await db.query('UPDATE events SET data = $2::jsonb WHERE event_id = $1', [ballot.eventId, text]);
      await db.query(`ALTER TABLE events ENABLE TRIGGER ${EVENTS_IMMUTABLE_ROW_TRIGGER}`);
    };
    // The server's own runner would replay too and keep failing; stop it for the duration.
    await server.stopKeepingDatabase();
    const config = readConfig({
      DATABASE_URL: database.url,
      GONGZHI_KEY_DIR: testKeyDir(database.url),
      LOG_LEVEL: 'error',
      ...env,
    });
    await tamper(data.replace('"AGAINST"', '"FOR"'));
    try {
      await expect(rebuildProjections(config)).rejects.toMatchObject({ code: 'LOG_DIVERGED' });
    } finally {
      await tamper(data);
    }
    await rebuildProjections(config);
    server = await TestServer.startOn(database.url, env);
    const answer = await server.get(
      `/api/v1/communities/${cid}/log/proofs/inclusion?eventId=${ballot.eventId}&after=${ballot.position}`,
    );
    expect(answer.status).toBe(200);
  });

  it('signs with the key kept at first start after a restart, or with GONGZHI_LOG_SIGNING_KEY when configured', async () => {
    const kept = (await server.get('/api/v1/log/public-key')).body;
    await server.stopKeepingDatabase();
    server = await TestServer.startOn(database.url, env);
    expect((await server.get('/api/v1/log/public-key')).body).toEqual(kept);
    const latest = (await server.get(`/api/v1/communities/${cid}/log/checkpoint`)).body;
    expect(verifyCheckpointSignature(latest, kept.publicKey)).toBe(true);

    const configured = generateSigningKeyPair();
    await server.stopKeepingDatabase();
    server = await TestServer.startOn(database.url, {
      ...env,
      GONGZHI_LOG_SIGNING_KEY: configured.privateKey.replace(/\n/g, '\\n'),
    });
    expect((await server.get('/api/v1/log/public-key')).body.fingerprint).toBe(
      publicKeyFingerprint(configured.publicKey),
    );
  });
});
