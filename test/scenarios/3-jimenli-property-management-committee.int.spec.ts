import { jimenliOwners, jimenliUnits, jimenliUnitsCsv } from '../support/jimenli.js';
import { TestServer } from '../support/test-server.js';
import { ADMIN } from '../support/test-server.js';
import { DAY, LONG_TOKENS, refusedWritingNothing, regulatorToken, sha } from '../elections/support.js';

/**
 * SCENARIOS.md 3 (蓟门里): no committee could form, so the street office forms an 11-member
 * property-management committee (rule 17). It holds the committee role and puts repairs to the
 * owners; once an owners' committee is elected and filed it loses the role, and it must be
 * dissolved within 30 days — shown as overdue when it is not.
 */
const role = (n: number) => (n === 0 ? 'CHAIR_RESIDENTS_COMMITTEE' : n <= 6 ? 'OWNER_REPRESENTATIVE' : 'OTHER');
const pmcMembers = (count: number) =>
  Array.from({ length: count }, (_, n) => ({
    name: `物管会委员${n + 1}`,
    login: `jml-pmc-${count}-${n + 1}`,
    role: role(n),
  }));

describe('SCENARIOS.md 3: a property-management committee for 蓟门里 (rule 17)', () => {
  let server: TestServer;
  let regulator: string;
  let cid: string;
  let createdAt: string;
  let pmc: string;
  let eid: string;
  let closeEventId: string;
  let filedAt: number;
  const people = jimenliOwners().filter((o) => o.kind === 'PERSON');
  const units = jimenliUnits();
  // Candidates who cast their own holding's ballot, so they are on the roster as representatives.
  const representatives = [...new Set(units.map((u) => u.representativeId))].sort();
  const candidates = representatives.filter((id) => people.some((p) => p.ownerId === id)).slice(0, 9);
  let candidateToken: string;

  beforeAll(async () => {
    // 2,844 paper ballots reach the read models and the transparency log behind the answers: on a loaded
    // machine that takes longer than ?after='s default wait, and this suite checks results, not speed.
    server = await TestServer.start('jimenli_pmc', { ...LONG_TOKENS, GONGZHI_AFTER_WAIT_MS: '60000' });
    regulator = await regulatorToken(server, 'haidian-street');
    const created = await server.post(
      '/api/v1/communities',
      { name: '蓟门里', district: '海淀区', street: '北太平庄街道', rulebook: 'CN-BEIJING-2020' },
      { token: regulator },
    );
    expect(created.status).toBe(201);
    cid = created.body.id;
    createdAt = created.body.position;
  });
  afterAll(() => server.stop());

  it.each([
    ['a 6-member PMC', 'PMC_TOO_SMALL', pmcMembers(6)],
    ['an 8-member PMC', 'PMC_SIZE_EVEN', pmcMembers(8)],
    [
      "a PMC without a chair from the residents' committee",
      'PMC_CHAIR_REQUIRED',
      pmcMembers(7).map((m) => ({ ...m, role: m.role === 'CHAIR_RESIDENTS_COMMITTEE' ? 'OTHER' : m.role })),
    ],
    [
      'a PMC with fewer than half owner representatives',
      'PMC_TOO_FEW_OWNER_REPRESENTATIVES',
      pmcMembers(7).map((m, i) => ({ ...m, role: i >= 3 && i <= 6 ? 'OTHER' : m.role })),
    ],
    [
      'a PMC member without a role',
      'PMC_ROLE_REQUIRED',
      pmcMembers(7).map(({ role: _r, ...m }, i) => (i === 3 ? m : { ...m, role: _r })),
    ],
  ])('refuses %s (400 %s) and writes nothing', async (_what, code, members) => {
    await refusedWritingNothing(
      server,
      () => server.post(`/api/v1/communities/${cid}/managing-body`, { kind: 'PMC', members }, { token: regulator }),
      400,
      code,
    );
    expect((await server.get(`/api/v1/communities/${cid}?after=${createdAt}`)).body.managingBody).toBeNull();
  });

  it('refuses a PMC formed by anyone but the street office, an administrator too (403), writing nothing', async () => {
    const admin = await server.signIn(ADMIN.login, ADMIN.secret);
    await refusedWritingNothing(
      server,
      () =>
        server.post(
          `/api/v1/communities/${cid}/managing-body`,
          { kind: 'PMC', members: pmcMembers(11) },
          { token: admin },
        ),
      403,
      'FORBIDDEN',
    );
  });

  it('the street office forms an 11-member PMC, which holds the committee role and registers the roster', async () => {
    const members = pmcMembers(11);
    const formed = await server.post(
      `/api/v1/communities/${cid}/managing-body`,
      { kind: 'PMC', members },
      { token: regulator },
    );
    expect(formed.status).toBe(201);
    pmc = await server.activateAndSignIn(formed.body.activationCodes[members[0].login], members[0].login);

    const committee = await server.get(`/api/v1/communities/${cid}/committee?after=${formed.body.position}`);
    expect(committee.body).toMatchObject({ kind: 'PMC', term: { until: expect.stringMatching(/^2029-/) } });
    expect(committee.body.members).toHaveLength(11);
    expect(committee.body.members.filter((m: { role: string }) => m.role === 'OWNER_REPRESENTATIVE')).toHaveLength(6);

    const owners = await server.post(`/api/v1/communities/${cid}/owners`, jimenliOwners(), { token: pmc });
    expect(owners.status).toBe(201);
    const imported = await server.request('POST', `/api/v1/communities/${cid}/units:import`, {
      token: pmc,
      raw: { contentType: 'text/csv', text: jimenliUnitsCsv() },
    });
    expect(imported.status).toBe(201);
    candidateToken = await server.activateAndSignIn(owners.body.activationCodes[candidates[0]], 'jml-candidate-1');
  });

  it('the PMC puts the repair of sagging overhead cables to the owners', async () => {
    const drafted = await server.post(
      `/api/v1/communities/${cid}/resolutions`,
      {
        title: '架空线缆整治',
        description: '修复下垂的架空线缆',
        matter: 'OTHER_MAJOR',
        opensAt: '2026-01-25T09:00:00+08:00',
        closesAt: '2026-02-04T18:00:00+08:00',
      },
      { token: pmc },
    );
    expect(drafted.status).toBe(201);
  });

  it('refuses an election whose candidates are not owners, and one with an even number of seats', async () => {
    const body = {
      title: '业委会选举',
      seats: 7,
      candidates: candidates.map((ownerId, i) => ({ candidateId: `C${i + 1}`, name: `候选人${i + 1}`, ownerId })),
      opensAt: '2026-01-25T09:00:00+08:00',
      closesAt: '2026-02-04T18:00:00+08:00',
    };
    const stranger = {
      ...body,
      candidates: [...body.candidates, { candidateId: 'X', name: '外人', ownerId: 'NOT-AN-OWNER' }],
    };
    await refusedWritingNothing(
      server,
      () => server.post(`/api/v1/communities/${cid}/elections`, stranger, { token: pmc }),
      400,
      'CANDIDATE_NOT_AN_OWNER',
    );
    await refusedWritingNothing(
      server,
      () => server.post(`/api/v1/communities/${cid}/elections`, { ...body, seats: 8 }, { token: pmc }),
      400,
      'COMMITTEE_SIZE_EVEN',
    );
  });

  it('the owners elect a 7-member committee on paper, 90% of representatives taking part', async () => {
    const drafted = await server.post(
      `/api/v1/communities/${cid}/elections`,
      {
        title: '蓟门里业主委员会选举',
        seats: 7,
        alternates: 2,
        candidates: candidates.map((ownerId, i) => ({ candidateId: `C${i + 1}`, name: `候选人${i + 1}`, ownerId })),
        opensAt: '2026-01-25T09:00:00+08:00',
        closesAt: '2026-02-04T18:00:00+08:00',
      },
      { token: pmc },
    );
    expect(drafted.status).toBe(201);
    eid = drafted.body.id;
    const base = `/api/v1/communities/${cid}/elections/${eid}`;
    expect((await server.post(`${base}/post`, undefined, { token: pmc })).status).toBe(200);
    server.clock.set('2026-01-25T09:00:00+08:00');
    const opened = await server.post(`${base}/open`, undefined, { token: pmc });
    expect(opened.body.eligible).toEqual({ heads: 2844, areaM2: '288268.82' });

    // Every tenth representative stays away; the rest approve C1–C7, except every third, who approves C1–C5, C8, C9.
    const ballots = representatives
      .filter((_, i) => i % 10 !== 9)
      .map((ownerId, i) => ({
        ownerId,
        selections:
          i % 3 === 2 ? ['C1', 'C2', 'C3', 'C4', 'C5', 'C8', 'C9'] : ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'],
        evidenceSha256: sha('c'),
      }));
    for (let i = 0; i < ballots.length; i += 1000) {
      expect((await server.post(`${base}/paper-ballots`, ballots.slice(i, i + 1000), { token: pmc })).status).toBe(201);
    }
    server.clock.set('2026-02-04T18:00:00+08:00');
    const closed = await server.post(`${base}/close`, undefined, { token: pmc });
    expect(closed.status).toBe(200);
    expect(closed.body.outcome).toBe('ELECTED');
    closeEventId = closed.body.closeEventId;
    expect(closed.body.elected.map((c: { candidateId: string }) => c.candidateId).sort()).toEqual([
      'C1',
      'C2',
      'C3',
      'C4',
      'C5',
      'C6',
      'C7',
    ]);
    expect(closed.body.alternates).toEqual([]);
    const c8 = closed.body.candidates.find((c: { candidateId: string }) => c.candidateId === 'C8');
    expect(c8.passed).toBe(false);
  });

  it('the street office files the committee: it holds the committee role, the PMC no longer does', async () => {
    server.clock.set('2026-02-20T10:00:00+08:00');
    filedAt = Date.parse('2026-02-20T10:00:00+08:00');
    // The close answered the id of its event, which the quorum record names (scenario 1 reads the record itself).
    const filed = await server.post(
      `/api/v1/communities/${cid}/committee/filing`,
      { electionId: eid, closeEventId, decision: 'FILED' },
      { token: regulator },
    );
    expect(filed.status).toBe(200);
    const committee = await server.get(`/api/v1/communities/${cid}/committee?after=${filed.body.position}`);
    expect(committee.body).toMatchObject({
      kind: 'COMMITTEE',
      pmc: { dissolveBy: new Date(filedAt + 30 * DAY).toISOString(), dissolved: null },
      overdue: [],
    });

    const resolution = {
      title: '污水管道更换',
      description: '更换老化污水管道',
      matter: 'OTHER_MAJOR',
      opensAt: '2026-03-20T09:00:00+08:00',
      closesAt: '2026-03-30T18:00:00+08:00',
    };
    expect((await server.post(`/api/v1/communities/${cid}/resolutions`, resolution, { token: pmc })).status).toBe(403);
    expect(
      (await server.post(`/api/v1/communities/${cid}/resolutions`, resolution, { token: candidateToken })).status,
    ).toBe(201);
  });

  it('refuses forming a new PMC while a filed committee is in office (COMMITTEE_IN_OFFICE)', async () => {
    await refusedWritingNothing(
      server,
      () =>
        server.post(
          `/api/v1/communities/${cid}/managing-body`,
          { kind: 'PMC', members: pmcMembers(7) },
          { token: regulator },
        ),
      409,
      'COMMITTEE_IN_OFFICE',
    );
  });

  it('rule 17: the PMC not dissolved within 30 days of the filing shows as overdue, to the public and the regulator', async () => {
    server.clock.set(new Date(filedAt + 30 * DAY));
    expect((await server.get(`/api/v1/communities/${cid}/committee`)).body.overdue).toEqual([]);
    server.clock.set(new Date(filedAt + 30 * DAY + 1000));
    expect((await server.get(`/api/v1/communities/${cid}/committee`)).body.overdue).toEqual([
      'PMC_DISSOLUTION_OVERDUE',
    ]);
    const district = await server.get(`/api/v1/regulator/communities?district=${encodeURIComponent('海淀区')}`, {
      token: regulator,
    });
    expect(district.body.communities).toEqual([
      expect.objectContaining({
        communityId: cid,
        governingBody: 'COMMITTEE',
        filingStatus: 'FILED',
        overdue: ['PMC_DISSOLUTION_OVERDUE'],
      }),
    ]);
    expect(district.body.formationRate).toEqual({ formed: 1, total: 1, fraction: '1/1', percent: '100.0%' });
    const csv = await server.get(`/api/v1/regulator/communities.csv?district=${encodeURIComponent('海淀区')}`, {
      token: regulator,
    });
    expect(csv.text).toContain('PMC_DISSOLUTION_OVERDUE');
  });

  it('the street office dissolves the PMC, late, and the duty is cleared', async () => {
    expect((await server.post(`/api/v1/communities/${cid}/pmc/dissolution`, undefined, { token: pmc })).status).toBe(
      403,
    );
    const dissolved = await server.post(`/api/v1/communities/${cid}/pmc/dissolution`, undefined, { token: regulator });
    expect(dissolved.status).toBe(200);
    expect(dissolved.body.late).toBe(true);
    const committee = await server.get(`/api/v1/communities/${cid}/committee?after=${dissolved.body.position}`);
    expect(committee.body).toMatchObject({ kind: 'COMMITTEE', overdue: [], pmc: { dissolved: { late: true } } });
    expect(committee.body.history.map((h: { type: string }) => h.type)).toEqual([
      'ManagingBodyAppointed',
      'ElectionHeld',
      'CommitteeFiled',
      'PmcDissolved',
    ]);
    expect(
      (await server.post(`/api/v1/communities/${cid}/pmc/dissolution`, undefined, { token: regulator })).body.code,
    ).toBe('PMC_ALREADY_DISSOLVED');
  });
});
