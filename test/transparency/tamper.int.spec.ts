import pg from 'pg';
import { TestServer } from '../support/test-server.js';
import {
  castBallot,
  exportOf,
  logKeyFingerprint,
  openSurvey,
  runVerify,
  signedExport,
  tamperWith,
  YEAR_SECONDS,
} from './log-helpers.js';

describe("a regulator verifies a vote's export offline and sees tampering named (gongzhi verify)", () => {
  let server: TestServer;
  let db: pg.Client;
  let cid: string;
  let admin: string;
  let ballots: Awaited<ReturnType<typeof castBallot>>[];
  let stream: string;
  let key: string;

  /** gongzhi verify with the log's key pinned, as a regulator runs it. */
  const verify = (bundle: string) => runVerify(bundle, { key });

  const tamper = (sql: string, params: unknown[]) => tamperWith(db, sql, params);

  beforeAll(async () => {
    server = await TestServer.start('log_tamper', {
      GONGZHI_CHECKPOINT_EVERY: '4',
      GONGZHI_CHECKPOINT_SECONDS: '1',
      GONGZHI_TOKEN_TTL_SECONDS: YEAR_SECONDS,
    });
    const vote = await openSurvey(server);
    ({ communityId: cid, admin } = vote);
    const t = vote.ownerTokens;
    ballots = [
      await castBallot(server, vote.resolution, t.O1, 'AGAINST'),
      await castBallot(server, vote.resolution, t.O1, 'FOR'),
      await castBallot(server, vote.resolution, t.O2, 'FOR'),
      await castBallot(server, vote.resolution, t.O4, 'ABSTAIN'),
      await castBallot(server, vote.resolution, t.O5, 'FOR'),
    ];
    stream = ballots[0].streamId;
    server.clock.set('2026-01-06T09:00:00+08:00');
    const closed = await server.post(`${vote.resolution}/close`, undefined, { token: vote.committee });
    expect(closed.status).toBe(200);
    await signedExport(server, cid, admin, closed.body.position);
    key = await logKeyFingerprint(server);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await server.stop();
  });

  it('lets only a regulator or an admin download the export', async () => {
    const anonymous = await server.get(`/api/v1/communities/${cid}/export`);
    expect(anonymous.status).toBe(401);
    const committee = await server.get(`/api/v1/communities/${cid}/export`, { token: await openSurveyCommittee() });
    expect(committee.status).toBe(403);
  });

  it('verifies an untouched export: every hash, signature, proof and the re-derived tally hold (exit 0)', async () => {
    const bundle = await exportOf(server, cid, admin);
    const lines = bundle
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({
      record: 'header',
      format: 'gongzhi-log-export',
      version: 1,
      communityId: cid,
      publicKey: expect.stringContaining('PUBLIC KEY'),
    });
    expect(lines.at(-1)).toEqual({ record: 'end', events: lines[0].treeSize, checkpoints: expect.any(Number) });
    expect(lines.filter((l) => l.record === 'checkpoint').length).toBeGreaterThanOrEqual(3);

    const { code, out } = await verify(bundle);
    expect(out).toMatch(/resolution tallies\s+8\s+OK/); // five ballots cast again, one roster frozen at open (rule 25), one close recounted, its counted root re-derived
    expect(out).toMatch(/checkpoint signatures\s+\d+\s+OK/);
    expect(out).toContain('verified');
    expect(code).toBe(0);
  });

  it('names the ballot whose stored data had one byte changed (exit 1)', async () => {
    const target = ballots[2];
    const [{ data }] = (await db.query('SELECT data::text AS data FROM events WHERE event_id = $1', [target.eventId]))
      .rows;
    // One character of the cast time: 09:0x → another digit. The tally does not move; the hash does.
    const at = data.indexOf('"castAt": "') + '"castAt": "'.length + 18;
    const changed = `${data.slice(0, at)}${data[at] === '9' ? '8' : '9'}${data.slice(at + 1)}`;
    await tamper('UPDATE events SET data = $2::jsonb WHERE event_id = $1', [target.eventId, changed]);
    try {
      const { code, out } = await verify(await exportOf(server, cid, admin));
      expect(code).toBe(1);
      expect(out).toContain('NOT VERIFIED');
      expect(out).toContain(`[leaf hashes] ${stream} revision ${target.revision}, event ${target.eventId}`);
      expect(out).toMatch(/the event was changed after it was logged/);
      expect(out).toMatch(/checkpoint roots\s+\d+\s+FAILED/);
    } finally {
      await tamper('UPDATE events SET data = $2::jsonb WHERE event_id = $1', [target.eventId, data]);
    }
    expect((await verify(await exportOf(server, cid, admin))).code).toBe(0);
  });

  it('names a deleted ballot, and the tally it no longer adds up to', async () => {
    const target = ballots[4];
    await db.query('CREATE TEMP TABLE saved_event AS SELECT * FROM events WHERE event_id = $1', [target.eventId]);
    await tamper('DELETE FROM events WHERE event_id = $1', [target.eventId]);
    try {
      const { code, out } = await verify(await exportOf(server, cid, admin));
      expect(code).toBe(1);
      expect(out).toContain(`[leaf hashes] ${stream} revision ${target.revision}, event ${target.eventId}`);
      expect(out).toMatch(/no longer holds it/);
      expect(out).toMatch(
        /\[resolution tallies\][^\n]*the close recorded a tally that the \d+ events before it do not give/,
      );
      // The counted root the close committed to no longer comes out of the ballots the export holds.
      expect(out).toMatch(
        /\[resolution tallies\][^\n]*the close commits to counted root [0-9a-f]{64} over \d+ ballots, but the \d+ live ballots among the \d+ before it in this bundle give root [0-9a-f]{64}/,
      );
    } finally {
      await db.query('INSERT INTO events SELECT * FROM saved_event');
      await db.query('DROP TABLE saved_event');
    }
    expect((await verify(await exportOf(server, cid, admin))).code).toBe(0);
  });

  it('names both ballots of a reordered pair: a changed vote made to look like the first one', async () => {
    const [first, second] = ballots; // O1: AGAINST, then FOR — swapped, AGAINST would count
    const swap = () =>
      tamper(
        `WITH pair AS (SELECT event_id, revision, position FROM events WHERE event_id = ANY($1::uuid[]))
         UPDATE events e SET revision = -1 - other.revision, position = -other.position
         FROM pair other WHERE other.event_id <> e.event_id AND e.event_id = ANY($1::uuid[]);
         UPDATE events SET revision = -1 - revision, position = -position WHERE event_id = ANY($1::uuid[]);`.replace(
          /\$1::uuid\[\]/g,
          `'{${first.eventId},${second.eventId}}'::uuid[]`,
        ),
        [],
      );
    await swap();
    try {
      const { code, out } = await verify(await exportOf(server, cid, admin));
      expect(code).toBe(1);
      expect(out).toContain(`event ${first.eventId}`);
      expect(out).toContain(`event ${second.eventId}`);
      expect(out).toMatch(/\[log order\][^\n]*reordered/);
    } finally {
      await swap();
    }
    expect((await verify(await exportOf(server, cid, admin))).code).toBe(0);
  });

  async function openSurveyCommittee(): Promise<string> {
    // The committee of this very community: signed in again through the managing body's login.
    const [{ login }] = (
      await db.query("SELECT login FROM accounts WHERE login LIKE 'chair-%' AND login = $1", [
        `chair-${cid.slice(0, 8)}`,
      ])
    ).rows;
    return server.signIn(login, `secret-of-${login}`);
  }
});
