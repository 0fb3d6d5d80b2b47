import { ADMIN, communityWithCommittee, TestServer } from '../support/test-server.js';
import { DAY, LONG_TOKENS, refusedWritingNothing, regulatorToken, sha } from '../elections/support.js';

/**
 * SCENARIOS.md 1 (龙泽苑): the preparatory group registers the roster and posts the election, owners
 * vote online and on paper, seven candidates pass, the street office files the committee, and from
 * then on the committee — not the preparatory group — acts for the community.
 */
const OWNERS = Array.from({ length: 15 }, (_, i) => `O${String(i + 1).padStart(2, '0')}`);
const CANDIDATES = Array.from({ length: 9 }, (_, i) => ({
  candidateId: `C${i + 1}`,
  name: `候选人${i + 1}`,
  ownerId: OWNERS[i],
}));
const FIRST_SEVEN = CANDIDATES.slice(0, 7).map((c) => c.candidateId);
const OTHER_SEVEN = ['C1', 'C2', 'C3', 'C4', 'C5', 'C8', 'C9'];

describe('SCENARIOS.md 1: electing and filing the committee of 龙泽苑 (rules 5, 14–16)', () => {
  let server: TestServer;
  let cid: string;
  let preparatory: string;
  let regulator: string;
  let eid: string;
  /** The position of the last write whose effect a later read must show (?after=). */
  let written = '0';
  let closeEventId: string;
  const owners: Record<string, string> = {};
  const base = () => `/api/v1/communities/${cid}/elections`;
  const electionBody = (over: Record<string, unknown> = {}) => ({
    title: '龙泽苑第一届业主委员会选举',
    seats: 7,
    alternates: 1,
    candidates: CANDIDATES,
    opensAt: '2026-01-25T09:00:00+08:00',
    closesAt: '2026-02-04T18:00:00+08:00',
    ...over,
  });

  let letters: Record<string, string>;

  beforeAll(async () => {
    server = await TestServer.start('longzeyuan_election', LONG_TOKENS);
    ({ communityId: cid, committee: preparatory } = await communityWithCommittee(server, '龙泽苑'));
    const registered = await server.post(
      `/api/v1/communities/${cid}/owners`,
      OWNERS.map((ownerId) => ({ ownerId, name: `业主${ownerId}`, kind: 'PERSON' })),
      { token: preparatory },
    );
    expect(registered.status).toBe(201);
    // 15 flats, one owner each; areas differ so that approving area ranks the candidates.
    const units = OWNERS.map((ownerId, i) => ({
      unitId: `1-${101 + i}`,
      building: '1',
      areaM2: `${80 + i}.50`,
      ownerIds: [ownerId],
    }));
    expect((await server.post(`/api/v1/communities/${cid}/units`, units, { token: preparatory })).status).toBe(201);
    letters = registered.body.activationCodes;
    for (const ownerId of [...OWNERS.slice(0, 6), 'O13'])
      owners[ownerId] = await server.activateAndSignIn(letters[ownerId], `lzy-${ownerId.toLowerCase()}`);
    regulator = await regulatorToken(server, 'changping-street');
  });
  afterAll(() => server.stop());

  describe('invalid elections are refused and write nothing', () => {
    it('refuses an even number of seats (rule 14: COMMITTEE_SIZE_EVEN)', async () => {
      await refusedWritingNothing(
        server,
        () => server.post(base(), electionBody({ seats: 6 }), { token: preparatory }),
        400,
        'COMMITTEE_SIZE_EVEN',
      );
    });

    it('refuses more alternates than seats (rule 14: TOO_MANY_ALTERNATES)', async () => {
      const answer = await server.post(base(), electionBody({ seats: 3, alternates: 4 }), { token: preparatory });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('TOO_MANY_ALTERNATES');
    });

    it('refuses a candidate who is not an owner of the community (CANDIDATE_NOT_AN_OWNER)', async () => {
      const stranger = electionBody({
        candidates: [...CANDIDATES, { candidateId: 'X', name: '外人', ownerId: 'NOBODY' }],
      });
      const answer = await refusedWritingNothing(
        server,
        () => server.post(base(), stranger, { token: preparatory }),
        400,
        'CANDIDATE_NOT_AN_OWNER',
      );
      expect(answer.body.message).toMatch(/NOBODY/);
    });

    it('refuses a malformed body naming the field (VALIDATION_FAILED)', async () => {
      const answer = await server.post(base(), electionBody({ seats: '7', extra: true }), { token: preparatory });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
      expect(answer.body.message).toMatch(/seats/);
    });

    it('refuses an owner drafting an election (committee only)', async () => {
      expect((await server.post(base(), electionBody(), { token: owners.O01 })).status).toBe(403);
    });

    it('has written nothing', async () => {
      expect((await server.get(base())).body).toEqual([]);
    });
  });

  it('the preparatory group drafts and posts the election 15 days before it opens (rule 8)', async () => {
    const drafted = await server.post(base(), electionBody(), { token: preparatory });
    expect(drafted.status).toBe(201);
    eid = drafted.body.id;
    server.clock.set(new Date(Date.parse('2026-01-25T09:00:00+08:00') - 15 * DAY));
    expect((await server.post(`${base()}/${eid}/post`, undefined, { token: preparatory })).status).toBe(200);
  });

  it('opening freezes the roster: 15 heads', async () => {
    server.clock.set('2026-01-25T09:00:00+08:00');
    const opened = await server.post(`${base()}/${eid}/open`, undefined, { token: preparatory });
    expect(opened.status).toBe(200);
    expect(opened.body.eligible.heads).toBe(15);
    written = opened.body.position;
  });

  it('refuses a ballot with seats + 1 selections, writing nothing (TOO_MANY_SELECTIONS)', async () => {
    await refusedWritingNothing(
      server,
      () => server.post(`${base()}/${eid}/ballots`, { selections: [...FIRST_SEVEN, 'C8'] }, { token: owners.O01 }),
      400,
      'TOO_MANY_SELECTIONS',
    );
    const detail = await server.get(`${base()}/${eid}?after=${written}`);
    expect(detail.body.participated.heads).toBe(0);
  });

  it('owners vote online, and a later ballot replaces the earlier (rule 9)', async () => {
    expect((await server.post(`${base()}/${eid}/ballots`, { selections: ['C9'] }, { token: owners.O01 })).status).toBe(
      201,
    );
    for (const ownerId of OWNERS.slice(0, 6)) {
      const cast = await server.post(
        `${base()}/${eid}/ballots`,
        { selections: FIRST_SEVEN },
        { token: owners[ownerId] },
      );
      expect(cast.status).toBe(201);
      expect(cast.body.receipt.eventId).toEqual(expect.any(String));
    }
  });

  it("the preparatory group enters paper ballots with the scans' SHA-256 (rule 11)", async () => {
    const paper = [
      ...OWNERS.slice(6, 8).map((ownerId) => ({ ownerId, selections: FIRST_SEVEN, evidenceSha256: sha('a') })),
      ...OWNERS.slice(8, 12).map((ownerId) => ({ ownerId, selections: OTHER_SEVEN, evidenceSha256: sha('b') })),
    ];
    const entered = await server.post(`${base()}/${eid}/paper-ballots`, paper, { token: preparatory });
    expect(entered.status).toBe(201);
    expect(entered.body.count).toBe(6);
    written = entered.body.position;
  });

  it('shows each owner every election ballot recorded in their name, so a forged paper ballot is noticed (rule 11)', async () => {
    const o07 = await server.activateAndSignIn(letters.O07, 'lzy-o07');
    const onPaper = (
      await server.get(`/api/v1/communities/${cid}/my-election-ballots?after=${written}`, { token: o07 })
    ).body;
    expect(onPaper).toEqual([
      expect.objectContaining({
        electionId: eid,
        ownerId: 'O07',
        channel: 'PAPER',
        evidenceSha256: sha('a'),
        selections: FIRST_SEVEN,
        late: false,
      }),
    ]);
    const online = (
      await server.get(`/api/v1/communities/${cid}/my-election-ballots?after=${written}`, { token: owners.O01 })
    ).body;
    expect(online.map((b: { selections: string[]; channel: string }) => [b.channel, b.selections])).toEqual([
      ['ONLINE', ['C9']],
      ['ONLINE', FIRST_SEVEN],
    ]);
    expect((await server.get(`/api/v1/communities/${cid}/my-election-ballots`, { token: preparatory })).status).toBe(
      403,
    );
  });

  it('closes: 12 of 15 took part, C1–C7 pass and are elected, C8 and C9 fail (rule 15)', async () => {
    server.clock.set('2026-02-04T18:00:00+08:00');
    const closed = await server.post(`${base()}/${eid}/close`, undefined, { token: preparatory });
    expect(closed.status).toBe(200);
    expect(closed.body.outcome).toBe('ELECTED');
    expect(closed.body.participated.heads).toBe(12);
    expect(closed.body.elected.map((c: { candidateId: string }) => c.candidateId).sort()).toEqual(FIRST_SEVEN);
    expect(closed.body.unfilledSeats).toBe(0);
    closeEventId = closed.body.closeEventId;

    const detail = await server.get(`${base()}/${eid}?after=${closed.body.position}`);
    expect(detail.status).toBe(200);
    const byId = Object.fromEntries(detail.body.candidates.map((c: { candidateId: string }) => [c.candidateId, c]));
    expect(byId.C1.approving.heads).toBe(12);
    expect(byId.C6.approving.heads).toBe(8);
    expect(byId.C8).toMatchObject({ passed: false, seat: null, approving: { heads: 4 } });
    // C6 and C7 have the same 8 heads; their approving areas decide the order.
    expect(byId.C6.rank).toBeLessThan(byId.C8.rank ?? Infinity);
    const csv = await server.get(`${base()}/${eid}.csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.text).toContain('候选人1');
  });

  it('before filing, the preparatory group is in office and the filing pending', async () => {
    const committee = await server.get(`/api/v1/communities/${cid}/committee`);
    expect(committee.body).toMatchObject({
      kind: 'PREPARATORY_GROUP',
      filing: { status: 'PENDING', electionId: eid },
      overdue: [],
    });
  });

  it('refuses a filing by anyone but a regulator (403), writing nothing', async () => {
    const admin = await server.signIn(ADMIN.login, ADMIN.secret);
    for (const token of [preparatory, owners.O01, admin]) {
      await refusedWritingNothing(
        server,
        () =>
          server.post(
            `/api/v1/communities/${cid}/committee/filing`,
            { electionId: eid, closeEventId, decision: 'FILED' },
            { token },
          ),
        403,
        'FORBIDDEN',
      );
    }
    expect((await server.get(`/api/v1/communities/${cid}/committee`)).body.filing.status).toBe('PENDING');
  });

  it('refuses a refusal without a reason (REASON_REQUIRED)', async () => {
    await refusedWritingNothing(
      server,
      () =>
        server.post(
          `/api/v1/communities/${cid}/committee/filing`,
          { electionId: eid, closeEventId, decision: 'REFUSED' },
          { token: regulator },
        ),
      400,
      'REASON_REQUIRED',
    );
  });

  it('the street office reviews the quorum record and files the committee (rule 16)', async () => {
    const record = await server.get(`${base()}/${eid}/quorum-record`, { token: regulator });
    expect(record.status).toBe(200);
    expect(record.body.voters).toHaveLength(15);
    expect(record.body.voters.filter((v: { participated: boolean }) => v.participated)).toHaveLength(12);
    expect(record.body.voters.find((v: { voterId: string }) => v.voterId === 'O07')).toMatchObject({
      channel: 'PAPER',
      evidenceSha256: sha('a'),
    });
    expect(record.body.closeEventId).toBe(closeEventId);

    server.clock.set('2026-02-10T10:00:00+08:00');
    const filed = await server.post(
      `/api/v1/communities/${cid}/committee/filing`,
      { electionId: eid, closeEventId: record.body.closeEventId, decision: 'FILED' },
      { token: regulator },
    );
    expect(filed.status).toBe(200);
    const committee = await server.get(`/api/v1/communities/${cid}/committee?after=${filed.body.position}`);
    expect(committee.body).toMatchObject({
      kind: 'COMMITTEE',
      filing: { status: 'FILED', late: false },
      overdue: [],
      term: { until: '2031-02-04T10:00:00.000Z' },
    });
    expect(committee.body.members.map((m: { ownerId: string }) => m.ownerId).sort()).toEqual(OWNERS.slice(0, 7));
    expect(committee.body.history.map((h: { type: string }) => h.type)).toEqual([
      'ManagingBodyAppointed',
      'ElectionHeld',
      'CommitteeFiled',
    ]);
    expect((await server.get(`/api/v1/communities/${cid}/committee.csv`)).text).toMatch(
      /"COMMITTEE","MEMBER","候选人1","O01"/,
    );
    // The community's summary names the body now acting for it: the filed committee, with its term.
    const summary = (await server.get(`/api/v1/communities/${cid}?after=${filed.body.position}`)).body;
    expect(summary.managingBody).toMatchObject({
      kind: 'COMMITTEE',
      appointedAt: '2026-02-10T02:00:00.000Z',
      termEndsAt: '2031-02-04T10:00:00.000Z',
    });
    expect(summary.managingBody.members.map((m: { memberId: string }) => m.memberId).sort()).toEqual(
      OWNERS.slice(0, 7),
    );
  });

  it('refuses filing the same election twice (FILING_ALREADY_DECIDED)', async () => {
    await refusedWritingNothing(
      server,
      () =>
        server.post(
          `/api/v1/communities/${cid}/committee/filing`,
          { electionId: eid, closeEventId, decision: 'FILED' },
          { token: regulator },
        ),
      409,
      'FILING_ALREADY_DECIDED',
    );
  });

  it('from then on a member of the new committee drafts a resolution, and the preparatory group can no longer', async () => {
    const resolution = {
      title: '制定管理规约',
      description: '业主大会议事规则',
      matter: 'RULES_OF_PROCEDURE',
      opensAt: '2026-03-01T09:00:00+08:00',
      closesAt: '2026-03-10T18:00:00+08:00',
    };
    const byMember = await server.post(`/api/v1/communities/${cid}/resolutions`, resolution, { token: owners.O01 });
    expect(byMember.status).toBe(201);
    const byOldGroup = await server.post(`/api/v1/communities/${cid}/resolutions`, resolution, { token: preparatory });
    expect(byOldGroup.status).toBe(403);
    // Every elected member with an owner account holds the role, not only the first.
    expect(
      (await server.post(`/api/v1/communities/${cid}/resolutions`, resolution, { token: owners.O06 })).status,
    ).toBe(201);
    expect(
      (await server.post(`/api/v1/communities/${cid}/resolutions`, resolution, { token: owners.O13 })).status,
    ).toBe(403);
  });

  it('the regulator sees the district: the committee filed, and the formation rate as a fraction and a percentage', async () => {
    const admin = await server.signIn(ADMIN.login, ADMIN.secret);
    const other = await server.post(
      '/api/v1/communities',
      { name: '回龙观东大街', district: '昌平区', rulebook: 'CN-BEIJING-2020' },
      { token: admin },
    );
    expect(other.status).toBe(201);
    const view = await server.get(
      `/api/v1/regulator/communities?district=${encodeURIComponent('昌平区')}&after=${other.body.position ?? 0}`,
      { token: regulator },
    );
    expect(view.status).toBe(200);
    expect(view.body.formationRate).toEqual({ formed: 1, total: 2, fraction: '1/2', percent: '50.0%' });
    expect(view.body.communities.find((c: { communityId: string }) => c.communityId === cid)).toMatchObject({
      governingBody: 'COMMITTEE',
      filingStatus: 'FILED',
      overdue: [],
    });
    expect(view.body.communities.find((c: { communityId: string }) => c.communityId === other.body.id)).toMatchObject({
      governingBody: 'NONE',
    });
    expect((await server.get('/api/v1/regulator/communities', { token: owners.O01 })).status).toBe(403);
  });
});
