import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ed25519NoteSigner, ed25519NoteVerifier, verifyNote } from '@gongzhi/ledger-log/signed-note.js';
import { parseCheckpointText } from '@gongzhi/ledger-log/tlog-checkpoint.js';
import { ed25519CosignatureVerifier } from '@gongzhi/ledger-log/tlog-cosignature.js';
import { type RunningWitness, startWitness } from '../../src/witness/witness-command.js';
import { createTestDatabase } from '../support/database.js';
import { TestServer } from '../support/test-server.js';
import { castBallot, exportOf, openSurvey, YEAR_SECONDS } from './log-helpers.js';

/**
 * The split view end to end: a real Gongzhi server submits its checkpoints to a real witness (its HTTP
 * server and its files; in this process, not a child, to spare a build). The server's database is then
 * copied and a second server, same key and origin, grows another history from the copy: the witness,
 * restarted in between, refuses it and keeps it as evidence.
 */
describe('witnesses: a normal history is cosigned, a forked one is refused and kept as evidence', () => {
  const ORIGIN = 'gongzhi.test';
  const logPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const logVkey = ed25519NoteSigner(ORIGIN, logPem).vkey;
  // Both servers, on the database and on its copy, take the same keys from the environment: the owners'
  // tokens hold on either, and both sign as the one log.
  const tokenSecret = randomBytes(32).toString('hex');
  let witnessDir: string;
  let witness: RunningWitness;
  let port = 0;
  let databaseA: { url: string; drop(): Promise<void> };
  let databaseB: { url: string; drop(): Promise<void> } | null = null;
  let serverA: TestServer;
  let serverB: TestServer | null = null;
  let vote: Awaited<ReturnType<typeof openSurvey>>;
  let cid: string;
  let witnessVkey: string;

  const startTheWitness = async () => {
    witness = await startWitness({
      dir: witnessDir,
      name: 'jiedao.test/witness',
      logs: [{ origin: `${ORIGIN}/community/*`, vkeys: [logVkey] }],
      port,
      host: '127.0.0.1',
    });
    port = Number(new URL(witness.url).port);
  };
  const env = () => ({
    GONGZHI_CHECKPOINT_EVERY: '1000',
    GONGZHI_CHECKPOINT_SECONDS: '1',
    GONGZHI_TOKEN_TTL_SECONDS: YEAR_SECONDS,
    GONGZHI_LOG_ORIGIN: ORIGIN,
    GONGZHI_LOG_SIGNING_KEY: logPem.replace(/\n/g, '\\n'),
    GONGZHI_TOKEN_SECRET: tokenSecret,
    GONGZHI_WITNESSES: `${witnessVkey}=${witness.url}`,
  });
  const checkpointOf = async (server: TestServer) =>
    (await server.get(`/api/v1/communities/${cid}/log/checkpoint`)).body;
  /** Polls until the server has signed a checkpoint of at least `size` leaves and `ready` says so. */
  const waitFor = async <T>(
    what: string,
    probe: () => Promise<T | null | undefined | false>,
    timeoutMs = 30_000,
  ): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const signedThrough = (server: TestServer, size: number) =>
    waitFor(`a checkpoint of ${size} leaves`, async () => {
      const c = await checkpointOf(server);
      return c.treeSize >= size ? c : null;
    });
  const cosigned = (server: TestServer, size: number) =>
    waitFor(`a cosigned checkpoint of ${size} leaves`, async () => {
      const c = await checkpointOf(server);
      return c.treeSize >= size && c.cosignatures?.length > 0 ? c : null;
    });
  const logSize = async (server: TestServer, position: string) => {
    await server.get(`/api/v1/communities/${cid}?after=${position}`);
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      return Number(
        (await client.query('SELECT tree_size FROM log_heads WHERE community_id = $1', [cid])).rows[0].tree_size,
      );
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    witnessDir = mkdtempSync(join(tmpdir(), 'gongzhi-witness-'));
    await startTheWitness();
    witnessVkey = witness.vkey;
    databaseA = await createTestDatabase('witness_a');
    serverA = await TestServer.startOn(databaseA.url, env());
    vote = await openSurvey(serverA, ['O1', 'O2']);
    cid = vote.communityId;
  });
  afterAll(async () => {
    await serverB?.stopKeepingDatabase();
    await serverA?.stopKeepingDatabase();
    await witness?.close();
    await databaseB?.drop();
    await databaseA?.drop();
    rmSync(witnessDir, { recursive: true, force: true });
  });

  it('publishes the log key as a vkey, and each checkpoint as a C2SP note carrying the witness cosignature, verifiable with both vkeys', async () => {
    expect((await serverA.get('/api/v1/log/public-key')).body.vkey).toBe(logVkey);
    const receipt = await castBallot(serverA, vote.resolution, vote.ownerTokens.O1, 'FOR');
    const size = await logSize(serverA, receipt.position);
    const checkpoint = await cosigned(serverA, size);
    const byLog = verifyNote(checkpoint.note, [ed25519NoteVerifier(logVkey)]);
    expect(parseCheckpointText(byLog.text)).toEqual({
      origin: `${ORIGIN}/community/${cid}`,
      treeSize: checkpoint.treeSize,
      rootHash: checkpoint.rootHash,
      extensions: [],
    });
    const byWitness = verifyNote(checkpoint.note, [ed25519CosignatureVerifier(witnessVkey)]);
    expect(byWitness.verified.map((s) => s.line)).toEqual([checkpoint.cosignatures[0].line]);
    expect(checkpoint.cosignatures[0]).toMatchObject({ witness: 'jiedao.test/witness' });
    // The JSON fields stay beside the note for the portal.
    expect(checkpoint).toMatchObject({
      communityId: cid,
      timestamp: expect.any(String),
      signature: expect.any(String),
    });

    const lines = (await exportOf(serverA, cid, vote.admin))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ record: 'header', vkey: logVkey, origin: `${ORIGIN}/community/${cid}` });
    const exported = lines.find((l) => l.record === 'checkpoint' && l.treeSize === checkpoint.treeSize);
    expect(exported).toMatchObject({ note: checkpoint.note, cosignatures: checkpoint.cosignatures });
  });

  it('goes on signing while the witness is down, and gets the cosignature once it is back', async () => {
    // The copy the forked server will start from: this history, before either grows further.
    await serverA.stopKeepingDatabase();
    databaseB = await createTestDatabase('witness_b');
    const admin = new pg.Client({ connectionString: `${process.env.GONGZHI_TEST_PG_SERVER}/postgres` });
    await admin.connect();
    const nameOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
    try {
      await admin.query(`DROP DATABASE "${nameOf(databaseB.url)}"`);
      await admin.query(`CREATE DATABASE "${nameOf(databaseB.url)}" TEMPLATE "${nameOf(databaseA.url)}"`);
    } finally {
      await admin.end();
    }
    serverA = await TestServer.startOn(databaseA.url, env());

    await witness.close();
    const warnings: string[] = [];
    const spy = jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation((message: unknown) => void warnings.push(String(message)));
    let unwitnessed;
    try {
      const receipt = await castBallot(serverA, vote.resolution, vote.ownerTokens.O2, 'FOR');
      unwitnessed = await signedThrough(serverA, await logSize(serverA, receipt.position));
      expect(unwitnessed.cosignatures).toEqual([]);
      await waitFor('a warning that the witness is unreachable', async () =>
        warnings.find((w) =>
          /^witness jiedao\.test\/witness \(http:\/\/127\.0\.0\.1:\d+\): .*retrying in \d+ s$/.test(w),
        ),
      );
    } finally {
      spy.mockRestore();
    }

    await startTheWitness();
    const checkpoint = await cosigned(serverA, unwitnessed.treeSize);
    expect(checkpoint.rootHash).toBe(unwitnessed.rootHash);
    expect(verifyNote(checkpoint.note, [ed25519CosignatureVerifier(witnessVkey)]).verified).toHaveLength(1);
  });

  it('refuses, after its own restart, a second history under the same key and origin, and keeps it as evidence', async () => {
    const honest = await checkpointOf(serverA);
    await witness.close();
    await startTheWitness();

    serverB = await TestServer.startOn(databaseB!.url, env());
    const receipt = await castBallot(serverB, vote.resolution, vote.ownerTokens.O2, 'AGAINST');
    const size = await logSize(serverB, receipt.position);
    const forked = await signedThrough(serverB, size);
    expect(forked.treeSize).toBe(honest.treeSize);
    expect(forked.rootHash).not.toBe(honest.rootHash);
    // Both are validly signed by the one log key: only the witness tells them apart.
    verifyNote(forked.note, [ed25519NoteVerifier(logVkey)]);

    const evidence = await waitFor('the witness to refuse the fork', async () => {
      const kept = await witness.store.evidence(`${ORIGIN}/community/${cid}`);
      return kept.find((e) => e.status === 422) ?? null;
    });
    expect(evidence.reason).toMatch(new RegExp(`a different root at size ${honest.treeSize}`));
    // The forked server's database says the witness last cosigned the size before: the witness's 409 told it
    // otherwise, and it came back with that size.
    const statuses = (await witness.store.evidence(`${ORIGIN}/community/${cid}`)).map((e) => e.status);
    expect(statuses.indexOf(409)).toBeGreaterThanOrEqual(0);
    expect(statuses.indexOf(409)).toBeLessThan(statuses.indexOf(422));
    expect(evidence.body).toContain(forked.note.split('\n\n')[0]);
    expect((await checkpointOf(serverB)).cosignatures).toEqual([]);
    expect((await checkpointOf(serverA)).cosignatures).toHaveLength(1);
  });
});
