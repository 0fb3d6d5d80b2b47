import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKeyPair, publicKeyFingerprint } from '@gongzhi/ledger-log/checkpoint-signing.js';
import { TestServer } from '../support/test-server.js';
import { appendUnsignedEvents, resignBundle, stripCheckpoints } from './forged-bundles.js';
import { castBallot, exportOf, logKeyFingerprint, openSurvey, runVerify, YEAR_SECONDS } from './log-helpers.js';

/**
 * Issue 11, "verify fails closed", against a real server and its real export: what a sceptical regulator
 * does to a bundle before trusting it, and the precise refusal each earns. The server's log key is given
 * to it through GONGZHI_LOG_SIGNING_KEY so that the test can play the server that forks its own log.
 * Checkpoints are due only every 1000 leaves or hour: the export itself must sign what it exports.
 */
describe('gongzhi verify fails closed on a real export: pinned key, signed coverage, one history', () => {
  const logKey = generateSigningKeyPair();
  let server: TestServer;
  let directory: string;
  let cid: string;
  let admin: string;
  let key: string;
  let genuine: string;
  let events: number;
  let beforeExport: { status: number; body: any };

  /** Another history of the same size under the log's own key: one that verifies alone, as a split view does. */
  const forkOf = (bundle: string) =>
    resignBundle(bundle, logKey.privateKey, (e) => {
      if (e.type === 'ResolutionDrafted') e.data.description = '另一个版本的说明';
    });

  beforeAll(async () => {
    server = await TestServer.start('verify_closed', {
      GONGZHI_LOG_SIGNING_KEY: logKey.privateKey,
      GONGZHI_CHECKPOINT_EVERY: '1000',
      GONGZHI_CHECKPOINT_SECONDS: '3600',
      GONGZHI_TOKEN_TTL_SECONDS: YEAR_SECONDS,
    });
    directory = mkdtempSync(join(tmpdir(), 'gongzhi-verify-closed-'));
    const vote = await openSurvey(server);
    ({ communityId: cid, admin } = vote);
    await castBallot(server, vote.resolution, vote.ownerTokens.O1, 'FOR');
    await castBallot(server, vote.resolution, vote.ownerTokens.O2, 'AGAINST');
    server.clock.set('2026-01-06T09:00:00+08:00');
    const closed = await server.post(`${vote.resolution}/close`, undefined, { token: vote.committee });
    expect(closed.status).toBe(200);
    await server.get(`/api/v1/communities/${cid}?after=${closed.body.position}`);
    key = await logKeyFingerprint(server);
    // What the log published before the export, and the export itself: every test below starts from it.
    beforeExport = await server.get(`/api/v1/communities/${cid}/log/checkpoint`);
    genuine = await exportOf(server, cid, admin);
    events = JSON.parse(genuine.split('\n')[0]).treeSize;
  });
  afterAll(async () => {
    rmSync(directory, { recursive: true, force: true });
    await server.stop();
  });

  it("exports a log nothing has signed yet ending on a checkpoint at its own size, signed through the log's path, and verifies it with --key (exit 0)", async () => {
    expect(beforeExport.body.code).toBe('CHECKPOINT_NOT_FOUND');
    const lines = genuine
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events).toBeGreaterThan(5);
    expect(lines.filter((l) => l.record === 'event')).toHaveLength(events);
    expect(lines.filter((l) => l.record === 'checkpoint').map((c) => c.treeSize)).toEqual([events]);
    // The very checkpoint the log now publishes: the export signed it through the ledger, not on its own.
    const published = await server.get(`/api/v1/communities/${cid}/log/checkpoint`);
    expect(published.body).toMatchObject({
      treeSize: events,
      rootHash: lines.at(-2).rootHash,
      signature: lines.at(-2).signature,
    });
    expect(key).toBe(publicKeyFingerprint(logKey.publicKey));

    const { code, out } = await runVerify(genuine, { key });
    expect(out).toMatch(/^signed coverage\s+\d+\s+OK$/m);
    expect(out).toMatch(
      new RegExp(
        `^verified with the pinned key ${key}: all ${events} events are under its checkpoint of ${events} leaves \\(root ${lines.at(-2).rootHash}, ${lines.at(-2).timestamp}\\); 1 checkpoint signature\\(s\\), 1 consistency proof\\(s\\), ${events} leaf hash\\(es\\) and every re-derived result hold; no witness cosignature was asked for$`,
        'm',
      ),
    );
    expect(code).toBe(0);
  });

  it('checks everything without --key but verifies nothing: "key not pinned" (exit 1)', async () => {
    const { code, out } = await runVerify(genuine);
    expect(out).toMatch(/^leaf hashes\s+\d+\s+OK$/m);
    expect(out).toContain('NOT VERIFIED: 1 problem(s)');
    expect(out).toContain(
      `[pinned key] line 1: key not pinned: the bundle's checkpoints are signed by key ${key}, which the bundle names itself`,
    );
    expect(out).toMatch(/\nestablished: nothing: key not pinned \(/);
    expect(code).toBe(1);
  });

  it('refuses the export with every checkpoint line removed and the end line recounted (exit 1)', async () => {
    const { code, out } = await runVerify(stripCheckpoints(genuine), { key });
    expect(out).toMatch(/^checkpoint signatures\s+0\s+-$/m);
    expect(out).toContain(
      `[signed coverage] bundle: the bundle holds no checkpoint: none of its ${events} events is covered by a signature`,
    );
    expect(out).toContain(`established: nothing: no event is under a checkpoint signed by the pinned key ${key}`);
    expect(out).not.toMatch(/^verified/m);
    expect(code).toBe(1);
  });

  it('refuses an event forged after the last signed checkpoint, naming how many and from which leaf, though its hash holds (exit 1)', async () => {
    const forged = appendUnsignedEvents(genuine, [
      { streamId: `notice-${cid}`, type: 'NoticePosted', data: { text: '业委会决定：停车费全部转入某公司账户' } },
    ]);
    const { code, out } = await runVerify(forged, { key });
    expect(out).toMatch(/^leaf hashes\s+\d+\s+OK$/m);
    expect(out).toContain('NOT VERIFIED: 1 problem(s)');
    expect(out).toContain(
      `[signed coverage] bundle: 1 event(s), leaves ${events} to ${events}, come after the last checkpoint that holds (${events} leaves, signed by the pinned key ${key}): no signature covers them, so whoever wrote the bundle could have written them`,
    );
    expect(out).toContain(
      `established: the first ${events} of ${events + 1} events are under the checkpoint of ${events} leaves`,
    );
    expect(code).toBe(1);
  });

  it('refuses the whole log re-signed with another key, self-consistent as it is, when the real key is pinned (exit 1)', async () => {
    const other = generateSigningKeyPair();
    const foreign = resignBundle(genuine, other.privateKey);
    const otherKey = publicKeyFingerprint(other.publicKey);
    expect((await runVerify(foreign, { key: otherKey })).code).toBe(0); // it holds together under its own key …
    const { code, out } = await runVerify(foreign, { key });
    expect(out).toContain(`checkpoints signed by key SHA-256 ${otherKey}, NOT the key you pinned (${key})`);
    expect(out).toContain(`[pinned key] line 1: signed by key ${otherKey}, but you pinned ${key}`);
    expect(out).toContain(
      `[signed coverage] bundle: none of its ${events} events is covered by a checkpoint signed by the pinned key ${key}`,
    );
    expect(out).not.toContain('re-derived from the events, all under checkpoints signed by the pinned key');
    expect(code).toBe(1);
  });

  it('names EQUIVOCATION for two bundles of the community forked at one size, both signed by the log key: each alone verifies (exit 1)', async () => {
    // The server forks: the same size, the vote's description told otherwise (no tally, no counted ballot moves), signed with its own key.
    const fork = forkOf(genuine);
    expect(fork).not.toBe(genuine);
    expect((await runVerify(fork, { key })).code).toBe(0); // a split view: alone, each verifies
    const [ours, theirs] = [genuine, fork].map((b) => JSON.parse(b.trim().split('\n').at(-2)!));
    expect(ours.treeSize).toBe(theirs.treeSize);

    const { code, out } = await runVerify([genuine, fork], { key });
    expect(out).toMatch(
      new RegExp(
        `\\[other checkpoints\\] checkpoint of ${events} leaves: EQUIVOCATION: two checkpoints of community ${cid} at ${events} leaves with different roots, both signed by key ${key}: ` +
          `root ${ours.rootHash} \\(timestamp ${ours.timestamp}\\) in \\S+bundle-1\\.ndjson; root ${theirs.rootHash} \\(timestamp ${theirs.timestamp}\\) in this bundle`,
      ),
    );
    expect(out).toMatch(/^NOT VERIFIED: \S+bundle-2\.ndjson is not verified$/m);
    expect(code).toBe(1);
  });

  it('catches the fork with one bundle and the checkpoint a street office saved from the server (exit 1), and passes the genuine one (exit 0)', async () => {
    const saved = join(directory, 'checkpoint.json');
    const published = await server.get(`/api/v1/communities/${cid}/log/checkpoint`);
    writeFileSync(saved, published.text);
    const note = join(directory, 'checkpoint.note');
    writeFileSync(note, published.body.note); // the C2SP form, as any transparency tool keeps it
    const agreeing = await runVerify(genuine, { key, args: ['--checkpoint', saved, '--checkpoint', note] });
    expect(agreeing.out).toMatch(/; 2 checkpoint\(s\) from elsewhere are one history with it$/m);
    expect(agreeing.code).toBe(0);

    const fork = forkOf(genuine);
    const { code, out } = await runVerify(fork, { key, args: ['--checkpoint', saved, '--checkpoint', note] });
    expect(out).toContain(
      `[other checkpoints] checkpoint of ${events} leaves: EQUIVOCATION: two checkpoints of community ${cid} at ${events} leaves with different roots, both signed by key ${key}: root `,
    );
    expect(out).toContain(`in ${saved}; root `);
    expect(out).toContain(
      `[other checkpoints] checkpoint of ${events} leaves: EQUIVOCATION: two checkpoints of community ${cid} at ${events} leaves with different roots, both signed by key ${key}: root ${published.body.rootHash} (a C2SP note, untimed) in ${note}; root `,
    );
    expect(code).toBe(1);
  });
});
