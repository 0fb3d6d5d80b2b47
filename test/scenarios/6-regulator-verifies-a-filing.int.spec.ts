import pg from 'pg';
import { Readable } from 'node:stream';
import { verifyInclusion } from '@gongzhi/ledger-log/proofs.js';
import { verifyBundle } from '../../src/cli/verify/verify-bundle.js';
import { DAY, LONG_TOKENS, regulatorToken, sha } from '../elections/support.js';
import { putToTheVote } from '../finance/votes.js';
import { communityWithCommittee, TestServer } from '../support/test-server.js';
import {
  checkpointCovering,
  exportOf,
  logKeyFingerprint,
  runVerify,
  signedExport,
  tamperWith,
} from '../transparency/log-helpers.js';

/**
 * SCENARIOS.md 6: the street office downloads the export of scenario 1 (龙泽苑 elects its committee,
 * which then keeps the community's money), runs `gongzhi verify` on its own machine, sees every
 * signature and proof hold and every tally, result and balance re-derived; then flips one byte in one
 * ballot, and one figure of one income, directly in PostgreSQL, and sees verify name each event.
 */
const OWNERS = Array.from({ length: 15 }, (_, i) => `O${String(i + 1).padStart(2, '0')}`);
const CANDIDATES = Array.from({ length: 9 }, (_, i) => ({
  candidateId: `C${i + 1}`,
  name: `候选人${i + 1}`,
  ownerId: OWNERS[i],
}));
const FIRST_SEVEN = CANDIDATES.slice(0, 7).map((c) => c.candidateId);
const OTHER_SEVEN = ['C1', 'C2', 'C3', 'C4', 'C5', 'C8', 'C9'];
/** Small on purpose: the export must cross many pages of leaves and of checkpoints. */
const EXPORT_PAGE = 5;

/** Every row of the summary table, with at least one item checked and none failed. */
const ROWS = [
  'bundle',
  'pinned key',
  'leaf hashes',
  'log order',
  'community',
  'checkpoint signatures',
  'checkpoint consistency',
  'checkpoint roots',
  'signed coverage',
  'resolution tallies',
  'election results',
  'committee records',
  'public revenue entries',
  'maintenance fund entries',
  'statements',
];
const row = (out: string, check: string) =>
  out.split('\n').find((line) => line.startsWith(`${check}  `)) ?? `(no row "${check}")`;

describe('SCENARIOS.md 6: a regulator checks the filing of 龙泽苑 offline (gongzhi verify)', () => {
  let server: TestServer;
  let db: pg.Client;
  let cid: string;
  let regulator: string;
  let bundle: string;
  /** The log key as the regulator pinned it: read from GET /log/public-key, not from the bundle. */
  let key: string;
  let paperBallot: { ownerId: string; eventId: string; leafHash: string };
  let onlineReceipt: { eventId: string; leafHash: string };
  let parkingEntry: string;
  const owners: Record<string, string> = {};
  const api = (path: string) => `/api/v1/communities/${cid}${path}`;
  let last = '0';

  /** A write that must succeed; later reads wait for its position. */
  async function write(path: string, body: unknown, token: string, status = 201) {
    const answer = await server.post(path, body, { token });
    if (answer.status !== status) throw new Error(`${path}: ${answer.status} ${answer.text}`);
    if (answer.body?.position) last = answer.body.position;
    return answer.body;
  }

  /** Scenario 1: the preparatory group registers the roster and holds the election; the street office files it. */
  async function electTheCommittee(): Promise<void> {
    const { communityId, committee: preparatory } = await communityWithCommittee(server, '龙泽苑');
    cid = communityId;
    const registered = await write(
      api('/owners'),
      OWNERS.map((ownerId) => ({ ownerId, name: `业主${ownerId}`, kind: 'PERSON' })),
      preparatory,
    );
    await write(
      api('/units'),
      OWNERS.map((ownerId, i) => ({
        unitId: `1-${101 + i}`,
        building: '1',
        areaM2: `${80 + i}.50`,
        ownerIds: [ownerId],
      })),
      preparatory,
    );
    for (const ownerId of OWNERS)
      owners[ownerId] = await server.activateAndSignIn(
        registered.activationCodes[ownerId],
        `lzy6-${ownerId.toLowerCase()}`,
      );
    regulator = await regulatorToken(server, 'changping-street-6');

    const election = await write(
      api('/elections'),
      {
        title: '龙泽苑第一届业主委员会选举',
        seats: 7,
        alternates: 1,
        candidates: CANDIDATES,
        opensAt: '2026-01-25T09:00:00+08:00',
        closesAt: '2026-02-04T18:00:00+08:00',
      },
      preparatory,
    );
    const eid = election.id;
    server.clock.set(new Date(Date.parse('2026-01-25T09:00:00+08:00') - 15 * DAY));
    await write(api(`/elections/${eid}/post`), undefined, preparatory, 200);
    server.clock.set('2026-01-25T09:00:00+08:00');
    await write(api(`/elections/${eid}/open`), undefined, preparatory, 200);
    for (const ownerId of OWNERS.slice(0, 6)) {
      const cast = await write(api(`/elections/${eid}/ballots`), { selections: FIRST_SEVEN }, owners[ownerId]);
      onlineReceipt = cast.receipt;
    }
    const paper = await write(
      api(`/elections/${eid}/paper-ballots`),
      [
        ...OWNERS.slice(6, 8).map((ownerId) => ({ ownerId, selections: FIRST_SEVEN, evidenceSha256: sha('a') })),
        ...OWNERS.slice(8, 12).map((ownerId) => ({ ownerId, selections: OTHER_SEVEN, evidenceSha256: sha('b') })),
      ],
      preparatory,
    );
    paperBallot = paper.ballots.find((b: { ownerId: string }) => b.ownerId === 'O09');
    server.clock.set('2026-02-04T18:00:00+08:00');
    const closed = await write(api(`/elections/${eid}/close`), undefined, preparatory, 200);
    expect(closed.elected).toHaveLength(7);
    const record = await server.get(`${api(`/elections/${eid}/quorum-record`)}?after=${last}`, { token: regulator });
    server.clock.set('2026-02-10T10:00:00+08:00');
    await write(
      api('/committee/filing'),
      { electionId: eid, closeEventId: record.body.closeEventId, decision: 'FILED' },
      regulator,
      200,
    );
  }

  /** Then the committee keeps the money: income, a fence voted and paid, the maintenance fund, a sealed statement. */
  async function keepTheMoney(): Promise<void> {
    const committee = owners.O01; // an elected member holds the committee role from the filing on
    server.clock.set('2026-03-01T10:00:00+08:00');
    const parking = await write(
      api('/public-revenue/income'),
      {
        amount: '166666.67',
        source: 'PARKING',
        description: '2026年2月停车费',
        receivedAt: '2026-02-28T18:00:00+08:00',
      },
      committee,
    );
    parkingEntry = parking.entryId;
    await write(
      api('/public-revenue/income'),
      {
        amount: '100000.00',
        source: 'ADVERTISING',
        description: '电梯广告',
        receivedAt: '2026-02-15T12:00:00+08:00',
        evidenceSha256: sha('c'),
      },
      committee,
    );
    await write(
      api('/maintenance-fund/deposits'),
      OWNERS.map((_, i) => ({ unitId: `1-${101 + i}`, amount: '5000.00', depositedAt: '2026-02-01T09:00:00+08:00' })),
      committee,
    );
    const [fence] = await putToTheVote(server, cid, committee, owners, [
      {
        title: '更换小区围栏',
        matter: 'SPEND_PUBLIC_REVENUE',
        budget: { amount: '200000.00', fund: 'PUBLIC_REVENUE' },
        choice: 'FOR',
      },
    ]);
    expect(fence.outcome).toBe('PASSED');
    const paidAt = server.clock.now().toISOString();
    await write(
      api('/public-revenue/expenses'),
      {
        amount: '150000.00',
        payee: '北京某围栏工程有限公司',
        purpose: '新围栏',
        resolutionId: fence.id,
        paidAt,
        invoiceSha256: sha('d'),
      },
      committee,
    );
    await write(
      api('/maintenance-fund/withdrawals'),
      {
        amount: '12345.67',
        payee: '电梯维保公司',
        purpose: '1号楼电梯抢修',
        emergency: { reason: '电梯停在两层之间', evidenceSha256: sha('e') },
        buildings: ['1'],
        paidAt,
      },
      committee,
    );
    server.clock.set('2026-04-01T10:00:00+08:00');
    const statement = await write(
      api('/statements'),
      { fund: 'PUBLIC_REVENUE', periodStart: '2026-01-01T00:00:00+08:00', periodEnd: '2026-04-01T00:00:00+08:00' },
      committee,
    );
    expect(statement.closingBalance).toBe('116666.67');
    await write(api(`/statements/${statement.id}/publish`), undefined, committee, 200);
  }

  beforeAll(async () => {
    server = await TestServer.start('scenario_6', {
      ...LONG_TOKENS,
      GONGZHI_CHECKPOINT_EVERY: '8',
      GONGZHI_CHECKPOINT_SECONDS: '1',
      GONGZHI_EXPORT_PAGE_SIZE: String(EXPORT_PAGE),
    });
    await electTheCommittee();
    await keepTheMoney();
    bundle = await signedExport(server, cid, regulator, last);
    key = await logKeyFingerprint(server);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await server.stop();
  });

  it('the street office downloads the export: a header, every event in log order over many pages, every checkpoint, an end line', () => {
    const lines = bundle
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const [header] = lines;
    expect(header).toMatchObject({ record: 'header', format: 'gongzhi-log-export', communityId: cid });
    const events = lines.filter((l) => l.record === 'event');
    const checkpoints = lines.filter((l) => l.record === 'checkpoint');
    expect(events.map((e) => e.leafIndex)).toEqual(events.map((_, i) => i));
    expect(events.length).toBe(header.treeSize);
    // Read a page at a time: more than three pages of leaves and more than one of checkpoints.
    expect(events.length).toBeGreaterThan(3 * EXPORT_PAGE);
    expect(checkpoints.length).toBeGreaterThan(EXPORT_PAGE);
    expect(lines.at(-1)).toEqual({ record: 'end', events: events.length, checkpoints: checkpoints.length });
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      'ElectionBallotCast',
      'ElectionClosed',
      'ElectionHeld',
      'CommitteeFiled',
      'ResolutionClosed',
      'PublicRevenueReceived',
      'PublicRevenueSpent',
      'MaintenanceFundWithdrawn',
      'StatementPublished',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('runs gongzhi verify on its own machine: every row of the table holds, every result re-derived (exit 0)', async () => {
    const { code, out, err } = await runVerify(bundle, { key });
    for (const check of ROWS) expect(row(out, check)).toMatch(new RegExp(`^${check}\\s+[1-9]\\d*\\s+OK$`));
    expect(out).toContain('election "龙泽苑第一届业主委员会选举": ELECTED, 7 of 7 seats filled');
    expect(out).toContain('public revenue: 116666.67 yuan after 3 entries');
    expect(out).toContain('maintenance fund: 62654.33 yuan in 15 unit sub-accounts, 75000.00 yuan deposited');
    expect(out).toMatch(/committee in office: 候选人\d/);
    expect(out).toMatch(
      new RegExp(
        `^verified with the pinned key ${key}: all \\d+ events are under its checkpoint of \\d+ leaves \\(root [0-9a-f]{64}, [^)]+\\); \\d+ checkpoint signature\\(s\\), \\d+ consistency proof\\(s\\), \\d+ leaf hash\\(es\\) and every re-derived result hold; no witness cosignature was asked for$`,
        'm',
      ),
    );
    expect(err).toBe(''); // a small bundle: no progress bar, only the table
    expect(code).toBe(0);
  });

  it('verifies the download as it streams in, without saving it first', async () => {
    const response = await fetch(`${server.baseUrl}${api('/export')}`, {
      headers: { authorization: `Bearer ${regulator}` },
    });
    const report = await verifyBundle(Readable.fromWeb(response.body as never), { pinnedKey: key });
    expect(report).toMatchObject({ ok: true, communityId: cid, failures: [] });
    expect(report.bytes).toBe(Buffer.byteLength(bundle));
  });

  it("an owner's election receipt proves its ballot is in the log under a signed checkpoint", async () => {
    const checkpoint = await checkpointCovering(server, cid, onlineReceipt.eventId);
    const proof = await server.get(
      `${api('/log/proofs/inclusion')}?eventId=${onlineReceipt.eventId}&treeSize=${checkpoint.treeSize}`,
    );
    expect(proof.status).toBe(200);
    expect(
      verifyInclusion(
        onlineReceipt.leafHash,
        proof.body.leafIndex,
        checkpoint.treeSize,
        proof.body.auditPath,
        checkpoint.rootHash,
      ),
    ).toBe(true);
  });

  it('flips one byte of one paper ballot in PostgreSQL: verify names that ballot and the election result it no longer gives (exit 1)', async () => {
    const [{ data, stream_id: streamId, revision }] = (
      await db.query('SELECT data::text AS data, stream_id, revision FROM events WHERE event_id = $1', [
        paperBallot.eventId,
      ])
    ).rows;
    const flipped = data.replace('"C9"', '"C7"'); // one byte: this ballot now approves C7 instead of C9
    expect(flipped).not.toBe(data);
    await tamperWith(db, 'UPDATE events SET data = $2::jsonb WHERE event_id = $1', [paperBallot.eventId, flipped]);
    try {
      const { code, out } = await runVerify(await exportOf(server, cid, regulator), { key });
      expect(code).toBe(1);
      expect(out).toContain('NOT VERIFIED');
      expect(out).toContain(`[leaf hashes] ${streamId} revision ${revision}, event ${paperBallot.eventId}`);
      expect(out).toMatch(/the event was changed after it was logged/);
      expect(row(out, 'checkpoint roots')).toMatch(/FAILED/);
      // C7 now has one more approving ballot than it had, C9 one fewer: the recorded result is not the recount.
      expect(out).toMatch(
        new RegExp(
          `\\[election results\\] ${streamId} revision \\d+, event [0-9a-f-]{36} \\(leaf \\d+\\): the close recorded a result that the \\d+ events before it do not give: result\\.`,
        ),
      );
    } finally {
      await tamperWith(db, 'UPDATE events SET data = $2::jsonb WHERE event_id = $1', [paperBallot.eventId, data]);
    }
    expect((await runVerify(await exportOf(server, cid, regulator), { key })).code).toBe(0);
  });

  it('changes the amount of one income in PostgreSQL: verify names it, with the balance that no longer adds up, and the statement it breaks (exit 1)', async () => {
    const [{ data, event_id: eventId, stream_id: streamId, revision }] = (
      await db.query(
        "SELECT data::text AS data, event_id, stream_id, revision FROM events WHERE type = 'PublicRevenueReceived' AND data->>'entryId' = $1",
        [parkingEntry],
      )
    ).rows;
    const changed = data.replace('"amount": "166666.67"', '"amount": "966666.67"'); // one byte of the amount, not of its postings
    expect(changed).not.toBe(data);
    await tamperWith(db, 'UPDATE events SET data = $2::jsonb WHERE event_id = $1', [eventId, changed]);
    try {
      const { code, out } = await runVerify(await exportOf(server, cid, regulator), { key });
      expect(code).toBe(1);
      const where = `${streamId} revision ${revision}, event ${eventId}`;
      expect(out).toContain(`[leaf hashes] ${where}`);
      expect(out).toMatch(
        new RegExp(
          `\\[public revenue entries\\] ${where} \\(leaf \\d+\\): the amounts it states move the public-revenue account by \\+966666\\.67 yuan, but its postings by \\+166666\\.67 yuan: ` +
            'the balance no longer adds up \\(166666\\.67 yuan by the postings, 966666\\.67 yuan by the amounts\\)',
        ),
      );
      expect(out).toMatch(
        /\[statements\] statement-[^\n]*closingBalance: recorded "116666.67", re-derived "916666.67"/,
      );
    } finally {
      await tamperWith(db, 'UPDATE events SET data = $2::jsonb WHERE event_id = $1', [eventId, data]);
    }
    expect((await runVerify(await exportOf(server, cid, regulator), { key })).code).toBe(0);
  });
});
