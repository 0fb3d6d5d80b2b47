import { smallCommunity } from '../support/small-community.js';
import { TestServer } from '../support/test-server.js';

/**
 * SCENARIOS.md 5 — choosing services à la carte (自主点单, Jinan). Owners rank parking order, cleaning
 * and handyman services in a SERVICE_MENU vote; the result is published and authorises no spending.
 * Small roster (test/support/small-community.ts): O1 150 m², O2 80, O4 90, O5 60, developer D 120.
 */
describe('SCENARIOS.md 5: owners rank the services they want, and the order is published (SERVICE_MENU)', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  let owners: Record<string, string>;
  let rid: string;
  const vote = () => `/api/v1/communities/${cid}/resolutions/${rid}`;

  const OPTIONS = [
    { optionId: 'parking', label: '停车秩序管理' },
    { optionId: 'cleaning', label: '每日保洁' },
    { optionId: 'handyman', label: '上门维修' },
  ];

  beforeAll(async () => {
    server = await TestServer.start('scenario-5', { GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600) });
    ({
      communityId: cid,
      committee,
      ownerTokens: owners,
    } = await smallCommunity(server, ['O1', 'O2', 'O4', 'O5'], 'CN-CIVIL-CODE-2021'));
  });
  afterAll(() => server.stop());

  it('refuses options on a vote that spends money, and a menu of one option, writing nothing', async () => {
    const before = await server.storedEventCount();
    const spend = await server.post(
      `/api/v1/communities/${cid}/resolutions`,
      {
        title: '新围栏',
        description: '',
        matter: 'SPEND_PUBLIC_REVENUE',
        opensAt: '2026-01-06T09:00:00+08:00',
        closesAt: '2026-01-10T18:00:00+08:00',
        budget: { amount: '700000.00', fund: 'PUBLIC_REVENUE' },
        options: OPTIONS,
      },
      { token: committee },
    );
    expect({ status: spend.status, code: spend.body.code }).toEqual({ status: 400, code: 'OPTIONS_NOT_ALLOWED' });
    const single = await server.post(
      `/api/v1/communities/${cid}/resolutions`,
      {
        title: '点单',
        description: '',
        matter: 'SERVICE_MENU',
        opensAt: '2026-01-06T09:00:00+08:00',
        closesAt: '2026-01-10T18:00:00+08:00',
        options: [OPTIONS[0]],
      },
      { token: committee },
    );
    expect(single.status).toBe(400);
    expect(await server.storedEventCount()).toBe(before);
  });

  it('the committee drafts, posts and opens a menu of three services', async () => {
    const drafted = await server.post(
      `/api/v1/communities/${cid}/resolutions`,
      {
        title: '物业服务自主点单',
        description: '请按需要程度为三项服务排序',
        matter: 'SERVICE_MENU',
        opensAt: '2026-01-06T09:00:00+08:00',
        closesAt: '2026-01-10T18:00:00+08:00',
        options: OPTIONS,
      },
      { token: committee },
    );
    expect(drafted.status).toBe(201);
    rid = drafted.body.id;
    expect((await server.post(`${vote()}/post`, undefined, { token: committee })).status).toBe(200);
    server.clock.set('2026-01-06T09:00:00+08:00');
    const opened = await server.post(`${vote()}/open`, undefined, { token: committee });
    expect(opened.status).toBe(200);
    const shown = await server.get(`${vote()}?after=${opened.body.position}`);
    expect(shown.body).toMatchObject({ matter: 'SERVICE_MENU', status: 'OPEN', options: OPTIONS });
  });

  it('refuses a FOR/AGAINST ballot, an option not on the menu and an option ranked twice, writing nothing', async () => {
    const before = await server.storedEventCount();
    for (const [body, code] of [
      [{ choice: 'AGAINST' }, 'RANKING_REQUIRED'],
      [{ ranking: ['parking', 'spa'] }, 'UNKNOWN_OPTION'],
      [{ ranking: ['cleaning', 'cleaning'] }, 'DUPLICATE_OPTION'],
    ] as const) {
      const answer = await server.post(`${vote()}/ballots`, body, { token: owners.O1 });
      expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 400, code });
    }
    expect(await server.storedEventCount()).toBe(before);
  });

  it('owners rank online, one changes their ranking, one abstains, and a paper ranking is entered with its scan', async () => {
    const ballots: [string, object][] = [
      ['O1', { ranking: ['handyman', 'parking'] }],
      ['O1', { ranking: ['parking', 'cleaning', 'handyman'] }], // replaces the first (rule 9)
      ['O2', { ranking: ['cleaning', 'handyman', 'parking'] }],
      ['O5', { choice: 'ABSTAIN' }],
    ];
    for (const [owner, body] of ballots) {
      const answer = await server.post(`${vote()}/ballots`, body, { token: owners[owner] });
      expect(answer.status).toBe(201);
      expect(answer.body.receipt.leafHash).toMatch(/^[0-9a-f]{64}$/);
    }
    const paper = await server.post(
      `${vote()}/paper-ballots`,
      [{ ownerId: 'O4', ranking: ['cleaning'], evidenceSha256: 'ab'.repeat(32) }],
      { token: committee },
    );
    expect(paper.status).toBe(201);
    const mine = await server.get(`/api/v1/communities/${cid}/my-ballots?after=${paper.body.position}`, {
      token: owners.O1,
    });
    expect(mine.body.map((b: { ranking: string[] }) => b.ranking)).toEqual([
      ['handyman', 'parking'],
      ['parking', 'cleaning', 'handyman'],
    ]);
  });

  it('closes and publishes the order the owners prefer, by area points then heads, with participation as for any vote', async () => {
    server.clock.set('2026-01-10T18:00:00+08:00');
    const closed = await server.post(`${vote()}/close`, undefined, { token: committee });
    expect(closed.status).toBe(200);
    const { tally } = (await server.get(`${vote()}?after=${closed.body.position}`)).body;
    // 4 of 5 heads, 380 of 500 m²: at least 2/3 of each took part.
    expect(tally.participated).toEqual({ heads: 4, areaM2: '380.00' });
    expect(tally.participation).toEqual({ required: '>=2/3', headsMet: true, areaMet: true });
    // O1 150 m²: parking 3, cleaning 2, handyman 1. O2 80 m²: cleaning 3, handyman 2, parking 1. O4 90 m²: cleaning 3.
    expect(tally.menu).toEqual({
      method: 'BORDA',
      options: [
        {
          optionId: 'cleaning',
          label: '每日保洁',
          rank: 1,
          points: { heads: 8, areaM2: '810.00' },
          firstPreferences: { heads: 2, areaM2: '170.00' },
        },
        {
          optionId: 'parking',
          label: '停车秩序管理',
          rank: 2,
          points: { heads: 4, areaM2: '530.00' },
          firstPreferences: { heads: 1, areaM2: '150.00' },
        },
        {
          optionId: 'handyman',
          label: '上门维修',
          rank: 3,
          points: { heads: 3, areaM2: '310.00' },
          firstPreferences: { heads: 0, areaM2: '0.00' },
        },
      ],
    });
  });

  it("shows the committee each voter's ranking in the quorum record and its CSV", async () => {
    const record = await server.get(`${vote()}/quorum-record`, { token: committee });
    const o2 = record.body.voters.find((v: { voterId: string }) => v.voterId.includes('O2'));
    expect(o2).toMatchObject({ choice: 'FOR', ranking: ['cleaning', 'handyman', 'parking'], channel: 'ONLINE' });
    const csv = await server.get(`${vote()}/quorum-record.csv`, { token: committee });
    expect(csv.text.split('\r\n')[0]).toContain('"ranking"');
    expect(csv.text).toContain('"cleaning>handyman>parking"');
  });

  it('authorises no spending: an expense naming the menu vote is refused', async () => {
    await server.post(
      `/api/v1/communities/${cid}/public-revenue/income`,
      { amount: '1000.00', source: 'PARKING', description: '停车费', receivedAt: '2026-01-10T18:00:00+08:00' },
      { token: committee },
    );
    const before = await server.storedEventCount();
    const spend = await server.post(
      `/api/v1/communities/${cid}/public-revenue/expenses`,
      { amount: '100.00', payee: '保洁公司', purpose: '保洁', resolutionId: rid, paidAt: '2026-01-10T18:00:00+08:00' },
      { token: committee },
    );
    expect({ status: spend.status, code: spend.body.code }).toEqual({
      status: 400,
      code: 'RESOLUTION_NOT_FOR_THIS_FUND',
    });
    expect(spend.body.message).toMatch(/SERVICE_MENU.*no budget/);
    expect(await server.storedEventCount()).toBe(before);
  });
});
