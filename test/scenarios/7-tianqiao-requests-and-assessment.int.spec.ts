import pg from 'pg';
import { DAY, LONG_TOKENS, regulatorToken } from '../elections/support.js';
import { SMALL_ROSTER } from '../support/small-community.js';
import { ADMIN, TestServer } from '../support/test-server.js';
import { logKeyFingerprint, runVerify, signedExport, tamperWith } from '../transparency/log-helpers.js';

/**
 * SCENARIOS.md 7 — Tianqiao's closed loop (采集上报—受理处置—反馈考核), one month. In 天桥区, 泺口苑
 * (天桥东街街道, the small roster: 6 households) chooses its services in a SERVICE_MENU vote, signs a
 * contract with its property company citing that vote, and lives through November: 200 requests,
 * some accepted or resolved late, some reopened, rated by those who filed them. Two SURVEY votes rate
 * the contract's two items; the committee publishes the period's assessment and releases the fee with
 * the withheld share withheld. The street office reads the 三率 and the month's ranking of its three
 * communities, and verifies the export offline. Every expected figure below is worked out by hand.
 */
const H = 3_600_000;
const MIN = 60_000;
const CATEGORIES = ['REPAIR', 'SANITATION', 'PARKING', 'SECURITY', 'GREENING', 'NOISE', 'FEES', 'OTHER'];
/** The rulebook's defaults (libs/domain/services/time-limits.ts), minutes to acknowledge and to resolve. */
const LIMITS: Record<string, [number, number]> = {
  EMERGENCY: [30, 120],
  UTILITY: [120, 24 * 60],
  ORDINARY: [24 * 60, 7 * 24 * 60],
};
const NOV_1 = Date.parse('2026-11-01T09:00:00+08:00');

/** The month's pattern, request i of 200: who files, what, and how it goes. */
function plan(i: number) {
  return {
    filer: i % 5, // O1, O2, O4, O5, and (4) the committee's desk for a resident
    category: CATEGORIES[i % 8],
    urgency: i % 10 === 0 ? 'EMERGENCY' : i % 10 === 1 ? 'UTILITY' : 'ORDINARY',
    handler: i % 20 === 19 ? 'COMMITTEE' : 'PROPERTY_COMPANY',
    filedAt: NOV_1 + Math.floor(i / 13) * DAY + (i % 13) * 30 * MIN, // 13 a day, 1–16 November
    lateAccept: i % 25 === 0,
    lateResolve: i % 40 === 7,
    // 0–5 satisfied, 6–7 basically satisfied, 8 dissatisfied, 9 never rated.
    rating: [
      'SATISFIED',
      'SATISFIED',
      'SATISFIED',
      'SATISFIED',
      'SATISFIED',
      'SATISFIED',
      'BASICALLY_SATISFIED',
      'BASICALLY_SATISFIED',
      'DISSATISFIED',
      null,
    ][i % 10],
    reopen: i % 50 === 8, // four of the dissatisfied: reopened, fixed, then satisfied
  };
}

describe('SCENARIOS.md 7: Tianqiao’s month of requests, assessment and pay after experience', () => {
  let server: TestServer;
  let admin: string;
  let regulator: string;
  const ids: Record<string, string> = {};
  let committee: string;
  let pmc: string;
  const owners: Record<string, string> = {};
  let menuVote: string;
  const surveys: Record<string, string> = {};
  let lastPosition = '0';
  const api = (cid: string, path = '') => `/api/v1/communities/${cid}${path}`;
  const at = (ms: number) => server.clock.set(new Date(ms).toISOString());
  const ok = async (answer: Promise<{ status: number; text: string; body: any }>, status = 200) => {
    const a = await answer;
    if (a.status !== status) throw new Error(`${a.status} ${a.text}`);
    if (a.body?.position) lastPosition = a.body.position;
    return a.body;
  };

  async function community(name: string, street: string) {
    const created = await ok(
      server.post(
        '/api/v1/communities',
        { name, district: '天桥区', street, rulebook: 'CN-BEIJING-2020' },
        { token: admin },
      ),
      201,
    );
    return created.id as string;
  }

  /** A vote the way the committee runs one: posted 16 days ahead, open a week; each owner's ballot as given. */
  async function vote(cid: string, title: string, matter: string, ballots: Record<string, object>, options?: object[]) {
    const now = server.clock.now().getTime();
    const opensAt = new Date(now + 16 * DAY).toISOString();
    const closesAt = new Date(now + 23 * DAY).toISOString();
    const drafted = await ok(
      server.post(
        api(cid, '/resolutions'),
        { title, description: title, matter, opensAt, closesAt, ...(options ? { options } : {}) },
        { token: committee },
      ),
      201,
    );
    await ok(server.post(api(cid, `/resolutions/${drafted.id}/post`), undefined, { token: committee }));
    server.clock.set(opensAt);
    await ok(server.post(api(cid, `/resolutions/${drafted.id}/open`), undefined, { token: committee }));
    for (const [ownerId, ballot] of Object.entries(ballots))
      await ok(server.post(api(cid, `/resolutions/${drafted.id}/ballots`), ballot, { token: owners[ownerId] }), 201);
    server.clock.set(closesAt);
    const closed = await ok(server.post(api(cid, `/resolutions/${drafted.id}/close`), undefined, { token: committee }));
    return { id: drafted.id as string, tally: closed };
  }

  beforeAll(async () => {
    server = await TestServer.start('scenario-7', LONG_TOKENS);
    admin = await server.signIn(ADMIN.login, ADMIN.secret);
    regulator = await regulatorToken(server, 'tianqiao-office', { district: '天桥区' });
    server.clock.set('2026-09-20T09:00:00+08:00');
    ids.luokou = await community('泺口苑', '天桥东街街道');
    ids.beiyuan = await community('北园小区', '天桥东街街道');
    ids.gongshang = await community('工商河小区', '北园街道');

    // 泺口苑: a preparatory group keeps its books; the small roster, four owners online.
    const group = await ok(
      server.post(
        api(ids.luokou, '/managing-body'),
        { kind: 'PREPARATORY_GROUP', members: [{ name: '张主任', login: 'lk-chair' }] },
        { token: admin },
      ),
      201,
    );
    committee = await server.activateAndSignIn(group.activationCodes['lk-chair'], 'lk-chair');
    const letters = await ok(server.post(api(ids.luokou, '/owners'), SMALL_ROSTER.owners, { token: committee }), 201);
    await ok(server.post(api(ids.luokou, '/units'), SMALL_ROSTER.units, { token: committee }), 201);
    for (const ownerId of ['O1', 'O2', 'O4', 'O5'])
      owners[ownerId] = await server.activateAndSignIn(letters.activationCodes[ownerId], `lk-${ownerId.toLowerCase()}`);

    // 北园小区: the street office formed a PMC (formed, rule 30); four households.
    const members = Array.from({ length: 7 }, (_, n) => ({
      name: `物管会委员${n + 1}`,
      login: `by-pmc-${n + 1}`,
      role: n === 0 ? 'CHAIR_RESIDENTS_COMMITTEE' : n <= 4 ? 'OWNER_REPRESENTATIVE' : 'OTHER',
    }));
    const formed = await ok(
      server.post(api(ids.beiyuan, '/managing-body'), { kind: 'PMC', members }, { token: regulator }),
      201,
    );
    pmc = await server.activateAndSignIn(formed.activationCodes['by-pmc-1'], 'by-pmc-1');
    await ok(
      server.post(api(ids.beiyuan, '/owners'), [{ ownerId: 'B1', name: '赵敏', kind: 'PERSON' }], { token: pmc }),
      201,
    );
    await ok(
      server.post(
        api(ids.beiyuan, '/units'),
        ['1', '2', '3', '4'].map((n) => ({ unitId: `1-0${n}`, building: '1', areaM2: '70.00', ownerIds: ['B1'] })),
        { token: pmc },
      ),
      201,
    );
    // 工商河小区: no body yet; two households.
    const gs = await ok(
      server.post(
        api(ids.gongshang, '/managing-body'),
        { kind: 'PREPARATORY_GROUP', members: [{ name: '孙组长', login: 'gs-chair' }] },
        { token: admin },
      ),
      201,
    );
    const gsChair = await server.activateAndSignIn(gs.activationCodes['gs-chair'], 'gs-chair');
    await ok(
      server.post(api(ids.gongshang, '/owners'), [{ ownerId: 'G1', name: '钱进', kind: 'PERSON' }], { token: gsChair }),
      201,
    );
    await ok(
      server.post(
        api(ids.gongshang, '/units'),
        [1, 2].map((n) => ({ unitId: `1-0${n}`, building: '1', areaM2: '90.00', ownerIds: ['G1'] })),
        { token: gsChair },
      ),
      201,
    );
    // The street office's record of party organisations: 泺口苑 and 北园小区 have one, 工商河小区 not.
    for (const [cid, present] of [
      [ids.luokou, true],
      [ids.beiyuan, true],
      [ids.gongshang, false],
    ] as const)
      await ok(server.post(api(cid, '/party-organisation'), { present }, { token: regulator }));
  });
  afterAll(() => server.stop());

  it('自主点单: the owners choose cleaning and parking order in a SERVICE_MENU vote, and the contract cites it', async () => {
    server.clock.set('2026-09-21T09:00:00+08:00');
    const options = [
      { optionId: 'cleaning', label: '楼道保洁' },
      { optionId: 'parking', label: '停车秩序' },
      { optionId: 'handyman', label: '上门维修' },
    ];
    const rank = (...ranking: string[]) => ({ choice: 'FOR', ranking });
    const menu = await vote(
      ids.luokou,
      '物业服务点单',
      'SERVICE_MENU',
      {
        O1: rank('cleaning', 'parking'),
        O2: rank('parking', 'cleaning'),
        O4: rank('cleaning', 'handyman'),
        O5: rank('parking', 'cleaning'),
      },
      options,
    );
    expect(menu.tally.outcome).toBe('PASSED');
    menuVote = menu.id;
    await ok(
      server.post(
        api(ids.luokou, '/property-companies'),
        { companyId: 'luokou-wuye', name: '济南泺口物业服务有限公司', creditCode: '91370105MA3C1X2Y3Z' },
        { token: committee },
      ),
      201,
    );
    const months = Array.from({ length: 13 }, (_, k) => new Date(Date.UTC(2026, 10 + k, 1) - 8 * H).toISOString());
    const contract = {
      contractId: 'lk-2026',
      companyId: 'luokou-wuye',
      startsAt: months[0],
      endsAt: months[12],
      periodFee: '50000.05',
      periods: months.slice(0, 12).map((startsAt, k) => ({ periodId: `P${k + 1}`, startsAt, endsAt: months[k + 1] })),
      items: [
        { itemId: 'cleaning', name: '楼道保洁', standard: '楼道每日清扫两次，垃圾日产日清', menuOptionId: 'cleaning' },
        { itemId: 'parking', name: '停车秩序', standard: '消防通道零占用，夜间巡查两次', menuOptionId: 'parking' },
      ],
      menuResolutionId: menuVote,
      formula: {
        weights: { survey: 40, onTime: 30, satisfaction: 30 },
        bands: [
          { below: 90, withholdPercent: 10 },
          { below: 80, withholdPercent: 20 },
          { below: 60, withholdPercent: 50 },
        ],
      },
    };
    const wrongOption = await server.post(
      api(ids.luokou, '/service-contracts'),
      { ...contract, items: [{ ...contract.items[0], menuOptionId: 'security' }] },
      { token: committee },
    );
    expect([wrongOption.status, wrongOption.body.code]).toEqual([400, 'UNKNOWN_OPTION']);
    await ok(server.post(api(ids.luokou, '/service-contracts'), contract, { token: committee }), 201);
  });

  it('November: 200 requests filed, handled, some late, four reopened once, rated by those who filed them', async () => {
    const filers = [owners.O1, owners.O2, owners.O4, owners.O5, committee];
    for (let i = 0; i < 200; i++) {
      const p = plan(i);
      const token = filers[p.filer];
      at(p.filedAt);
      const filed = await ok(
        server.post(
          api(ids.luokou, '/requests'),
          {
            category: p.category,
            urgency: p.urgency,
            place: { kind: 'COMMON_AREA', ref: `${(i % 3) + 1}号楼` },
            text: `第${i + 1}件诉求`,
            photoSha256s: [(i % 16).toString(16).repeat(64)],
          },
          { token },
        ),
        201,
      );
      const rq = api(ids.luokou, `/requests/${filed.id}`);
      const [ack, resolve] = LIMITS[p.urgency];
      at(p.filedAt + 5 * MIN);
      await ok(server.post(`${rq}/dispatch`, { handler: p.handler }, { token: committee }));
      const acceptedAt = p.filedAt + (p.lateAccept ? ack + 1 : 10) * MIN;
      at(acceptedAt);
      await ok(server.post(`${rq}/accept`, undefined, { token: committee }));
      at(p.lateResolve ? p.filedAt + (resolve + 1) * MIN : acceptedAt + 20 * MIN);
      await ok(
        server.post(`${rq}/resolve`, { whatWasDone: '已处理', photoSha256s: ['f'.repeat(64)] }, { token: committee }),
      );
      if (!p.rating) continue;
      await ok(server.post(`${rq}/rate`, { rating: p.rating }, { token }));
      if (!p.reopen) continue;
      await ok(server.post(`${rq}/reopen`, { reason: '问题没有解决' }, { token }));
      await ok(server.post(`${rq}/resolve`, { whatWasDone: '返工处理' }, { token: committee }));
      await ok(server.post(`${rq}/rate`, { rating: 'SATISFIED' }, { token }));
      const twice = await server.post(`${rq}/reopen`, { reason: '再开一次' }, { token });
      expect(twice.body.code).toBe('REQUEST_ALREADY_REOPENED');
    }
    const stats = await server.get(api(ids.luokou, `/requests/stats?month=2026-11&after=${lastPosition}`));
    // Late: accepts of i ≡ 0 (mod 25), 8; resolves of i ≡ 7 (mod 40), 5: 187 of 200 on time.
    // Rated: all but i ≡ 9 (mod 10), 180; satisfied: i mod 10 in 0–7, 160, and the four reopened, 164.
    expect(stats.body).toMatchObject({
      requests: 200,
      reopened: 4,
      overdue: 0,
      onTime: { count: 187, of: 200, fraction: '187/200', percent: '93.50%' },
      satisfaction: { count: 164, of: 180, fraction: '164/180', percent: '91.11%' },
    });
    // The committee's own ten (i ≡ 19 mod 20) all end in 9: none rated, none late.
    expect(stats.body.byHandler).toEqual([
      expect.objectContaining({
        handler: 'COMMITTEE',
        requests: 10,
        onTime: expect.objectContaining({ fraction: '10/10' }),
      }),
      expect.objectContaining({
        handler: 'PROPERTY_COMPANY',
        requests: 190,
        onTime: expect.objectContaining({ fraction: '177/190' }),
      }),
    ]);
    expect(stats.body.byCategory).toHaveLength(8);
    expect(stats.body.byCategory.reduce((n: number, c: { requests: number }) => n + c.requests, 0)).toBe(200);
    // 北园小区: three requests at the PMC's desk, on time, two satisfied and one not.
    for (const [k, rating] of ['SATISFIED', 'SATISFIED', 'DISSATISFIED'].entries()) {
      at(NOV_1 + (k + 1) * DAY);
      const filed = await ok(
        server.post(
          api(ids.beiyuan, '/requests'),
          { category: 'GREENING', urgency: 'ORDINARY', place: { kind: 'BUILDING', ref: '1' }, text: '树枝挡窗' },
          { token: pmc },
        ),
        201,
      );
      const rq = api(ids.beiyuan, `/requests/${filed.id}`);
      await ok(server.post(`${rq}/dispatch`, { handler: 'COMMUNITY_OFFICE' }, { token: pmc }));
      await ok(server.post(`${rq}/accept`, undefined, { token: pmc }));
      await ok(server.post(`${rq}/resolve`, { whatWasDone: '已修剪' }, { token: pmc }));
      await ok(server.post(`${rq}/rate`, { rating }, { token: pmc }));
    }
  });

  it('先体验后付费: two SURVEYs rate the items, the assessment scores the period exactly, and the fee is released with a fifth withheld', async () => {
    at(Date.parse('2026-11-17T09:00:00+08:00'));
    const early = await server.post(
      api(ids.luokou, '/service-contracts/lk-2026/fee-releases'),
      { periodId: 'P1' },
      { token: committee },
    );
    expect([early.status, early.body.code]).toEqual([409, 'ASSESSMENT_NOT_PUBLISHED']);
    // Cleaning: three of four satisfied; parking order: one of four (one abstains).
    const cleaning = await vote(ids.luokou, '十一月楼道保洁满意吗', 'SURVEY', {
      O1: { choice: 'FOR' },
      O2: { choice: 'FOR' },
      O4: { choice: 'FOR' },
      O5: { choice: 'AGAINST' },
    });
    at(Date.parse('2026-11-17T09:00:00+08:00'));
    const parking = await vote(ids.luokou, '十一月停车秩序满意吗', 'SURVEY', {
      O1: { choice: 'FOR' },
      O2: { choice: 'AGAINST' },
      O4: { choice: 'AGAINST' },
      O5: { choice: 'ABSTAIN' },
    });
    surveys.cleaning = cleaning.id;
    surveys.parking = parking.id;
    at(Date.parse('2026-12-10T09:00:00+08:00'));
    const assessment = await ok(
      server.post(
        api(ids.luokou, '/service-contracts/lk-2026/assessments'),
        {
          periodId: 'P1',
          surveys: [
            { itemId: 'cleaning', resolutionId: cleaning.id },
            { itemId: 'parking', resolutionId: parking.id },
          ],
        },
        { token: committee },
      ),
      201,
    );
    // Survey: 40 × (3/4 + 1/4)/2 = 20. On time (the company's 190): 30 × 177/190 = 531/19.
    // Satisfaction: 30 × 164/180 = 82/3. Score 20 + 531/19 + 82/3 = (1140 + 1593 + 1558)/57 = 4291/57 ≈ 75.28:
    // under 80, not under 60, so 20 % of 50000.05 yuan is withheld, rounded down to the fen.
    expect(assessment).toMatchObject({
      requests: { counted: 190, onTime: 177, rated: 180, satisfied: 164 },
      items: [
        { itemId: 'cleaning', satisfiedHeads: 3, participatedHeads: 4 },
        { itemId: 'parking', satisfiedHeads: 1, participatedHeads: 4 },
      ],
      score: '4291/57',
      points: '75.28',
      withholdPercent: 20,
      feeFen: '5000005',
      withheldFen: '1000001',
      payableFen: '4000004',
    });
    const release = await ok(
      server.post(api(ids.luokou, '/service-contracts/lk-2026/fee-releases'), { periodId: 'P1' }, { token: committee }),
      201,
    );
    expect(release).toMatchObject({
      assessmentId: assessment.assessmentId,
      releasedFen: '4000004',
      withheldFen: '1000001',
    });
    const again = await server.post(
      api(ids.luokou, '/service-contracts/lk-2026/fee-releases'),
      { periodId: 'P1' },
      { token: committee },
    );
    expect([again.status, again.body.code]).toEqual([409, 'FEE_ALREADY_RELEASED']);
    const view = await server.get(api(ids.luokou, `/property-service?after=${lastPosition}`));
    expect(view.body.contracts[0]).toMatchObject({
      menuResolutionId: menuVote,
      periodFee: '50000.05',
      periods: expect.arrayContaining([
        expect.objectContaining({
          periodId: 'P1',
          assessment: expect.objectContaining({ points: '75.28', withheld: '10000.01', payable: '40000.04' }),
          feeReleased: { releaseId: release.releaseId },
        }),
      ]),
    });
  });

  it("the street office's 三率 per street and district, and November's ranking by requests per 100 households", async () => {
    const view = await server.get(`/api/v1/regulator/services?month=2026-11&after=${lastPosition}`, {
      token: regulator,
    });
    expect(view.status).toBe(200);
    // Formed: only 北园小区's PMC. Covered: only 泺口苑's contract. Party organisation: 泺口苑, 北园小区.
    expect(view.body.threeRates).toEqual({
      communities: 3,
      formation: { count: 1, of: 3, fraction: '1/3', percent: '33.33%' },
      propertyService: { count: 1, of: 3, fraction: '1/3', percent: '33.33%' },
      partyOrganisation: { count: 2, of: 3, fraction: '2/3', percent: '66.66%' },
    });
    expect(
      view.body.byStreet.map((s: any) => [
        s.street,
        s.threeRates.formation.fraction,
        s.threeRates.propertyService.fraction,
        s.threeRates.partyOrganisation.fraction,
      ]),
    ).toEqual([
      ['北园街道', '0/1', '0/1', '0/1'],
      ['天桥东街街道', '1/2', '1/2', '2/2'],
    ]);
    // 泺口苑 200 requests over 6 households: 20000/6 = 3333.33 per 100; 北园小区 3 over 4: 75; 工商河小区 none.
    expect(
      view.body.ranking.map((r: any) => [
        r.rank,
        r.name,
        r.perHundredHouseholds.fraction,
        r.perHundredHouseholds.value,
        r.onTime.fraction,
        r.satisfaction.fraction,
      ]),
    ).toEqual([
      [1, '泺口苑', '10000/3', '3333.33', '187/200', '164/180'],
      [2, '北园小区', '75/1', '75.00', '3/3', '2/3'],
      [3, '工商河小区', '0/1', '0.00', '0/0', '0/0'],
    ]);
    const csv = await server.get('/api/v1/regulator/services.csv?month=2026-11', { token: regulator });
    expect(csv.text.split('\r\n')[0]).toContain('rank');
    expect(csv.text).toContain('泺口苑');
    const xlsx = await fetch(`${server.baseUrl}/api/v1/regulator/services.xlsx?month=2026-11`, {
      headers: { authorization: `Bearer ${regulator}` },
    });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    // The public sees 泺口苑's requests, never who filed them.
    const list = await server.get(api(ids.luokou, '/requests?month=2026-11'));
    expect(list.body).toHaveLength(200);
    expect(list.text).not.toMatch(/requester|accountId|lk-o1/);
  });

  it('verify re-derives the requests, the assessment and the fee from the export, and names a rating changed in PostgreSQL', async () => {
    const key = await logKeyFingerprint(server);
    const bundle = await signedExport(server, ids.luokou, regulator, lastPosition, 60_000);
    const clean = await runVerify(bundle, { key });
    expect(clean.out).toMatch(/^services\s+[1-9]\d*\s+OK$/m);
    expect(clean.out).toContain(
      'services: 200 requests decided again, 1 assessments recomputed, 40000.04 yuan released and 10000.01 withheld',
    );
    expect(clean.code).toBe(0);

    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    try {
      const [rated] = (
        await db.query(
          `SELECT event_id, data::text AS data FROM events WHERE type = 'RequestRated' AND data->>'rating' = 'DISSATISFIED' ORDER BY position OFFSET 1 LIMIT 1`, // the second: the first was reopened and rated again
        )
      ).rows;
      const changed = rated.data.replace('DISSATISFIED', 'SATISFIED');
      await tamperWith(db, 'UPDATE events SET data = $2::jsonb WHERE event_id = $1', [rated.event_id, changed]);
      try {
        const { code, out } = await runVerify(await signedExport(server, ids.luokou, regulator, lastPosition, 60_000), {
          key,
        });
        expect(code).toBe(1);
        expect(out).toContain(`event ${rated.event_id}`);
        expect(out).toMatch(
          /\[services\] property-service-[0-9a-f-]{36} revision \d+, event [0-9a-f-]{36} \(leaf \d+\): decided again from what it records, this ServiceAssessmentPublished comes out otherwise: .*requests\.satisfied: recorded 164, re-derived 165/,
        );
      } finally {
        await tamperWith(db, 'UPDATE events SET data = $2::jsonb WHERE event_id = $1', [rated.event_id, rated.data]);
      }
    } finally {
      await db.end();
    }
  });
});
