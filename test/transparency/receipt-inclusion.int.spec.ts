import { verifyCheckpointSignature } from '@gongzhi/ledger-log/checkpoint-signing.js';
import { verifyConsistency, verifyInclusion } from '@gongzhi/ledger-log/proofs.js';
import { TestServer } from '../support/test-server.js';
import { castBallot, checkpointCovering, openSurvey, YEAR_SECONDS } from './log-helpers.js';

describe('an owner checks their ballot receipt against a signed checkpoint (DESIGN.md "Transparency log")', () => {
  let server: TestServer;
  let cid: string;
  let vote: Awaited<ReturnType<typeof openSurvey>>;
  const log = () => `/api/v1/communities/${cid}/log`;

  beforeAll(async () => {
    // Checkpoints by time only here (every 100 events would never come): at most a second after a ballot.
    server = await TestServer.start('log_receipt', {
      GONGZHI_CHECKPOINT_SECONDS: '1',
      GONGZHI_TOKEN_TTL_SECONDS: YEAR_SECONDS,
    });
    vote = await openSurvey(server);
    cid = vote.communityId;
  });
  afterAll(() => server.stop());

  it('publishes one Ed25519 public key, the same on every call', async () => {
    const first = await server.get('/api/v1/log/public-key');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      algorithm: 'Ed25519',
      publicKey: expect.stringContaining('BEGIN PUBLIC KEY'),
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      vkey: expect.stringMatching(/^gongzhi\.local\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/),
    });
    expect((await server.get('/api/v1/log/public-key')).body).toEqual(first.body);
  });

  it('proves a ballot receipt is in the log under a checkpoint signed by the published key', async () => {
    const receipt = await castBallot(server, vote.resolution, vote.ownerTokens.O1, 'FOR');
    const checkpoint = await checkpointCovering(server, cid, receipt.eventId);
    const { publicKey } = (await server.get('/api/v1/log/public-key')).body;
    expect(verifyCheckpointSignature(checkpoint, publicKey)).toBe(true);

    const proof = await server.get(
      `${log()}/proofs/inclusion?eventId=${receipt.eventId}&treeSize=${checkpoint.treeSize}`,
    );
    expect(proof.status).toBe(200);
    expect(proof.body).toMatchObject({
      eventId: receipt.eventId,
      leafHash: receipt.leafHash,
      treeSize: checkpoint.treeSize,
      rootHash: checkpoint.rootHash,
      checkpoint,
    });
    // Only the receipt, the proof and the signed checkpoint: the owner needs nothing else from the server.
    expect(
      verifyInclusion(
        receipt.leafHash,
        proof.body.leafIndex,
        checkpoint.treeSize,
        proof.body.auditPath,
        checkpoint.rootHash,
      ),
    ).toBe(true);
    expect(
      verifyInclusion(
        receipt.leafHash,
        proof.body.leafIndex + 1,
        checkpoint.treeSize,
        proof.body.auditPath,
        checkpoint.rootHash,
      ),
    ).toBe(false);
  });

  it('proves the same receipt against a later checkpoint, and that the later log extends the earlier', async () => {
    const receipt = await castBallot(server, vote.resolution, vote.ownerTokens.O2, 'AGAINST');
    const earlier = await checkpointCovering(server, cid, receipt.eventId);
    const later = await castBallot(server, vote.resolution, vote.ownerTokens.O4, 'ABSTAIN');
    const latest = await checkpointCovering(server, cid, later.eventId);
    expect(latest.treeSize).toBeGreaterThan(earlier.treeSize);

    const proof = (await server.get(`${log()}/proofs/inclusion?eventId=${receipt.eventId}&treeSize=${latest.treeSize}`))
      .body;
    expect(verifyInclusion(receipt.leafHash, proof.leafIndex, latest.treeSize, proof.auditPath, latest.rootHash)).toBe(
      true,
    );

    const consistency = await server.get(
      `${log()}/proofs/consistency?first=${earlier.treeSize}&second=${latest.treeSize}`,
    );
    expect(consistency.status).toBe(200);
    expect(consistency.body).toMatchObject({
      first: earlier.treeSize,
      second: latest.treeSize,
      firstRoot: earlier.rootHash,
      secondRoot: latest.rootHash,
    });
    expect(
      verifyConsistency(earlier.treeSize, latest.treeSize, earlier.rootHash, latest.rootHash, consistency.body.proof),
    ).toBe(true);

    const all = await server.get(`${log()}/checkpoints`);
    expect(all.body.map((c: { treeSize: number }) => c.treeSize)).toEqual(
      expect.arrayContaining([earlier.treeSize, latest.treeSize]),
    );
    expect(all.body).toEqual([...all.body].sort((a, b) => a.treeSize - b.treeSize));
  });

  it('answers a clear error for an event the log does not hold, a tree larger than the log, and bad input', async () => {
    const unknown = await server.get(`${log()}/proofs/inclusion?eventId=00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('EVENT_NOT_IN_LOG');
    const latest = (await server.get(`${log()}/checkpoint`)).body;
    const tooLarge = await server.get(`${log()}/proofs/consistency?first=1&second=${latest.treeSize + 1000}`);
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.code).toBe('TREE_SIZE_OUT_OF_RANGE');
    const notANumber = await server.get(`${log()}/proofs/consistency?first=-1`);
    expect(notANumber.status).toBe(400);
    const noCheckpoint = await server.get('/api/v1/communities/no-such-community/log/checkpoint');
    expect(noCheckpoint.status).toBe(404);
    expect(noCheckpoint.body.code).toBe('CHECKPOINT_NOT_FOUND');
  });
});
