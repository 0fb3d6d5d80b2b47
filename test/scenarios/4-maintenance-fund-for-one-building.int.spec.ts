import { DataSource } from 'typeorm';
import { maintenanceFundStream } from '@gongzhi/domain/finance/maintenance-fund.events.js';
import type { EventStore } from '@gongzhi/event-store/event-store.js';
import { FinanceProjection } from '../../src/finance/projections/finance.projection.js';
import { EVENT_STORE } from '../../src/platform/event-sourcing/event-sourcing.service.js';
import { communityWithCommittee, TestServer } from '../support/test-server.js';
import { csvText, putToTheVote, sha } from '../finance/votes.js';

/**
 * SCENARIOS.md 4: building 5's roof leaks; a USE_MAINTENANCE_FUND vote passes and the cost is
 * apportioned to building 5's units by area, to the fen; each owner sees their sub-account fall by
 * their share. Building 3's elevator stops between floors: paid at once as an emergency, with
 * evidence, and marked so on every public view.
 */
const OWNERS = ['O1', 'O2', 'O3', 'O4', 'O5'].map((ownerId, i) => ({
  ownerId,
  name: ['张伟', '李娜', '王芳', '刘洋', '陈静'][i],
  kind: 'PERSON',
}));
const UNITS = [
  { unitId: '5-101', building: '5', areaM2: '89.37', ownerIds: ['O1'] },
  { unitId: '5-102', building: '5', areaM2: '102.45', ownerIds: ['O2'] },
  { unitId: '5-201', building: '5', areaM2: '120.18', ownerIds: ['O3'] },
  { unitId: '3-101', building: '3', areaM2: '95.00', ownerIds: ['O4'] },
  { unitId: '3-102', building: '3', areaM2: '95.00', ownerIds: ['O5'] },
];
// 100 yuan per m² each: 50,200.00 in all.
const DEPOSITS = UNITS.map((u) => ({
  unitId: u.unitId,
  amount: `${u.areaM2.replace('.', '')}.00`,
  depositedAt: '2026-01-05T09:00:00+08:00',
}));

const yuanToFen = (yuan: string) => {
  const [whole, fraction] = yuan.split('.');
  return BigInt(whole) * 100n + BigInt(fraction);
};

describe('maintenance fund for one building (scenario 4; DOMAIN.md rules 20–22, 24)', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  let admin: string;
  let owners: Record<string, string>;
  let roof: string;
  let spendPublic: string;
  let statementId: string;
  let last = '0';
  const api = (path = '') => `/api/v1/communities/${cid}/maintenance-fund${path}`;

  async function write(path: string, body: unknown, token = committee) {
    const answer = await server.post(path, body, { token });
    if (answer.body?.position) last = answer.body.position;
    return answer;
  }
  const read = (path: string, token?: string) =>
    server.get(`${path}${path.includes('?') ? '&' : '?'}after=${last}`, token ? { token } : {});

  beforeAll(async () => {
    server = await TestServer.start('maintenance-fund', { GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600) });
    ({ communityId: cid, committee, admin } = await communityWithCommittee(server, '望京花园'));
    const registered = await server.post(`/api/v1/communities/${cid}/owners`, OWNERS, { token: committee });
    expect((await server.post(`/api/v1/communities/${cid}/units`, UNITS, { token: committee })).status).toBe(201);
    owners = {};
    for (const { ownerId } of OWNERS) {
      owners[ownerId] = await server.activateAndSignIn(
        registered.body.activationCodes[ownerId],
        `${ownerId.toLowerCase()}-${cid.slice(0, 6)}`,
      );
    }
  });
  afterAll(() => server.stop());

  it("records each unit's deposit in its own sub-account (rule 20)", async () => {
    const answer = await write(api('/deposits'), DEPOSITS);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ count: 5, total: '50200.00' });
    const fund = await read(api(), committee);
    expect(fund.body).toMatchObject({ balance: '50200.00', initialTotal: '50200.00', belowThreshold: false });
    expect(fund.body.units).toEqual(
      DEPOSITS.map((d) => ({ unitId: d.unitId, balance: d.amount })).sort((a, b) => a.unitId.localeCompare(b.unitId)),
    );
  });

  it.each([
    [
      'an unknown unit',
      [{ unitId: '9-999', amount: '1.00', depositedAt: '2026-01-05T09:00:00+08:00' }],
      'UNKNOWN_UNIT',
    ],
    [
      'three decimals',
      [{ unitId: '5-101', amount: '1.005', depositedAt: '2026-01-05T09:00:00+08:00' }],
      'VALIDATION_FAILED',
    ],
    ['a JSON number', [{ unitId: '5-101', amount: 1, depositedAt: '2026-01-05T09:00:00+08:00' }], 'VALIDATION_FAILED'],
    [
      'a negative amount',
      [{ unitId: '5-101', amount: '-1.00', depositedAt: '2026-01-05T09:00:00+08:00' }],
      'VALIDATION_FAILED',
    ],
  ])('refuses a batch of deposits with %s, all of it (400)', async (_what, batch, code) => {
    const answer = await write(api('/deposits'), [DEPOSITS[0], ...batch]);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe(code);
    expect((await read(api())).body.balance).toBe('50200.00');
  });

  it("puts the roof to building 5's owners, who alone decide it (rule 25): a USE_MAINTENANCE_FUND vote for building 5 passes", async () => {
    const outcomes = await putToTheVote(server, cid, committee, owners, [
      {
        title: '5号楼屋顶防水',
        matter: 'USE_MAINTENANCE_FUND',
        budget: { amount: '12345.67', fund: 'MAINTENANCE_FUND', buildings: ['5'] },
        choice: 'FOR',
      },
      {
        title: '公共收益修路',
        matter: 'SPEND_PUBLIC_REVENUE',
        budget: { amount: '100.00', fund: 'PUBLIC_REVENUE' },
        choice: 'FOR',
      },
    ]);
    expect(outcomes.map((o) => o.outcome)).toEqual(['PASSED', 'PASSED']);
    [roof, spendPublic] = outcomes.map((o) => o.id);
    last = outcomes[outcomes.length - 1].position;
    const vote = await read(`/api/v1/communities/${cid}/resolutions/${roof}`);
    expect(vote.body).toMatchObject({
      rosterScope: 'BEARERS',
      bearers: { buildings: ['5'] },
      eligible: { heads: 3, areaM2: '312.00' },
    });
  });

  const roofPayment = (extra: Record<string, unknown> = {}) => ({
    amount: '12345.67',
    payee: '北京某防水工程公司',
    purpose: '5号楼屋顶防水',
    resolutionId: roof,
    paidAt: server.clock.now().toISOString(),
    ...extra,
  });

  it('refuses a withdrawal under a public-revenue resolution, or one that names its own bearers (rules 20, 25)', async () => {
    const wrongFund = await write(api('/withdrawals'), roofPayment({ resolutionId: spendPublic }));
    expect(wrongFund.status).toBe(400);
    expect(wrongFund.body.code).toBe('RESOLUTION_NOT_FOR_THIS_FUND');
    const wrongBuilding = await write(api('/withdrawals'), roofPayment({ buildings: ['3'] }));
    expect(wrongBuilding.status).toBe(400);
    expect(wrongBuilding.body.code).toBe('BEARERS_SET_BY_VOTE');
    expect((await read(api())).body.balance).toBe('50200.00');
  });

  it("pays the roof, apportioned to building 5's units by area, the shares summing to the cost to the fen", async () => {
    const paid = await write(api('/withdrawals'), roofPayment());
    expect(paid.status).toBe(201);
    const shares: { unitId: string; areaM2: string; amount: string }[] = paid.body.shares;
    expect(shares.map((s) => s.unitId)).toEqual(['5-101', '5-102', '5-201']);
    expect(shares.reduce((sum, s) => sum + yuanToFen(s.amount), 0n)).toBe(yuanToFen('12345.67'));
    // Each share is within one fen of cost × area / total area (312.00 m²).
    for (const s of shares) {
      const exact = (yuanToFen('12345.67') * yuanToFen(s.areaM2)) / 31200n;
      expect(yuanToFen(s.amount) - exact).toBeGreaterThanOrEqual(0n);
      expect(yuanToFen(s.amount) - exact).toBeLessThanOrEqual(1n);
    }
    // Each owner sees their own sub-account fall by exactly their share.
    for (const [i, s] of shares.entries()) {
      const mine = await read(api(`/units/${s.unitId}`), owners[`O${i + 1}`]);
      expect(mine.status).toBe(200);
      expect(yuanToFen(mine.body.balance)).toBe(yuanToFen(DEPOSITS[i].amount) - yuanToFen(s.amount));
      expect(mine.body.history.at(-1)).toMatchObject({
        kind: 'WITHDRAWAL',
        amount: `-${s.amount}`,
        resolution: { id: roof, outcome: 'PASSED' },
      });
    }
  });

  it("shows a unit's balance only to its owners, the committee and the regulator (rule 24)", async () => {
    expect((await read(api('/units/5-102'), owners.O1)).status).toBe(403);
    expect((await read(api('/units/5-102'))).status).toBe(401);
    expect((await read(api('/units/5-102'), committee)).status).toBe(200);
    const invitation = await server.post('/api/v1/accounts/invitations', { role: 'regulator' }, { token: admin });
    const regulator = await server.activateAndSignIn(invitation.body.activationCode, `street-${cid.slice(0, 6)}`);
    expect((await read(api('/units/5-102'), regulator)).status).toBe(200);
    expect((await read(api(), regulator)).body.units).toHaveLength(5);
    const publicView = await read(api());
    expect(publicView.body.units).toBeUndefined();
    expect(JSON.stringify(publicView.body)).not.toContain('"shares"');
    const csv = await csvText(server, `${api('/units/5-101.csv')}`, owners.O1);
    expect(csv.split('\r\n')[0]).toContain('"balanceAfter"');
  });

  const elevator = {
    amount: '15000.00',
    payee: '电梯维保公司',
    purpose: '3号楼电梯抢修',
    emergency: { reason: '电梯停在两层之间，有人被困', evidenceSha256: sha('e') },
    buildings: ['3'],
  };

  it('refuses an emergency without evidence, and one with neither vote nor emergency (rule 21)', async () => {
    const paidAt = server.clock.now().toISOString();
    const noEvidence = await write(api('/withdrawals'), { ...elevator, emergency: { reason: '电梯困人' }, paidAt });
    expect(noEvidence.status).toBe(400);
    const noAuthority = await write(api('/withdrawals'), { ...elevator, emergency: undefined, paidAt });
    expect(noAuthority.status).toBe(400);
    expect(noAuthority.body.code).toBe('AUTHORITY_REQUIRED');
  });

  it('pays the elevator repair at once as an emergency, marked as such in the public ledger and its CSV (rule 21)', async () => {
    const paid = await write(api('/withdrawals'), { ...elevator, paidAt: server.clock.now().toISOString() });
    expect(paid.status).toBe(201);
    expect(paid.body.authority).toEqual({ kind: 'EMERGENCY', ...elevator.emergency });
    const publicView = await read(api());
    expect(publicView.body).toMatchObject({
      emergencyWithdrawn: '15000.00',
      totalWithdrawn: '27345.67',
      balance: '22854.33',
    });
    const withdrawals = publicView.body.entries.filter((e: { kind: string }) => e.kind === 'WITHDRAWAL');
    expect(withdrawals).toEqual([
      expect.objectContaining({
        amount: '12345.67',
        emergency: null,
        resolution: expect.objectContaining({ id: roof, outcome: 'PASSED' }),
      }),
      expect.objectContaining({
        amount: '15000.00',
        resolution: null,
        emergency: elevator.emergency,
        bearers: { units: [], buildings: ['3'] },
      }),
    ]);
    const csv = await csvText(server, `/api/v1/communities/${cid}/maintenance-fund.csv`);
    const line = csv.split('\r\n').find((l) => l.includes('"15000.00"'));
    expect(line).toContain('"EMERGENCY","电梯停在两层之间，有人被困"');
    const owner = await read(api('/units/3-101'), owners.O4);
    expect(owner.body.history.at(-1)).toMatchObject({ amount: '-7500.00', emergency: elevator.emergency });
  });

  it("refuses a withdrawal whose share exceeds a unit's balance, naming the unit, writing nothing (rule 18)", async () => {
    const answer = await write(api('/withdrawals'), {
      ...elevator,
      amount: '5000.00',
      paidAt: server.clock.now().toISOString(),
    });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('INSUFFICIENT_UNIT_BALANCE');
    expect(answer.body.message).toMatch(/unit 3-101's share 2500\.00 exceeds its balance 2000\.00 by 500\.00 yuan/);
    expect(answer.body.details).toMatchObject({
      rule: 18,
      limit: '2000.00',
      excess: '500.00',
      units: expect.arrayContaining([{ unitId: '3-101', share: '2500.00', balance: '2000.00', excess: '500.00' }]),
    });
    expect((await read(api())).body.balance).toBe('22854.33');
  });

  it('flags the fund once it falls below 30% of its initial total, with the top-up due (rule 22)', async () => {
    const facade = await write(api('/withdrawals'), {
      amount: '8000.00',
      payee: '外墙公司',
      purpose: '5号楼外墙脱落抢修',
      emergency: { reason: '外墙瓷砖脱落', evidenceSha256: sha('f') },
      buildings: ['5'],
      paidAt: server.clock.now().toISOString(),
    });
    expect(facade.status).toBe(201);
    expect(facade.body.belowThreshold).toBe(true);
    // 30% of 50,200.00 is 15,060.00; the fund holds 14,854.33.
    expect((await read(api())).body).toMatchObject({ balance: '14854.33', belowThreshold: true, topUpDue: '205.67' });
  });

  it("drafts the fund's statement with every unit's balance, the sub-accounts adding up to the fund (rule 23)", async () => {
    server.clock.advance(24 * 3600 * 1000);
    const drafted = await write(`/api/v1/communities/${cid}/statements`, {
      fund: 'MAINTENANCE_FUND',
      periodStart: '2026-01-01T00:00:00+08:00',
      periodEnd: server.clock.now().toISOString(),
    });
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({
      openingBalance: '0.00',
      income: { total: '50200.00' },
      expenses: { total: '35345.67' },
      closingBalance: '14854.33',
    });
    const units: { balance: string }[] = drafted.body.unitBalances;
    expect(units.reduce((sum, u) => sum + yuanToFen(u.balance), 0n)).toBe(yuanToFen('14854.33'));
    expect(drafted.body.expenses.items.filter((i: { emergency: boolean }) => i.emergency)).toHaveLength(2);
    statementId = drafted.body.id;
  });

  it("publishes the fund's statement: anyone reads its totals, each owner only their own unit's balance (rules 23, 24)", async () => {
    expect((await write(`/api/v1/communities/${cid}/statements/${statementId}/publish`, undefined)).status).toBe(200);
    const path = `/api/v1/communities/${cid}/statements/${statementId}`;
    const publicView = await read(path);
    expect(publicView.body).toMatchObject({
      status: 'PUBLISHED',
      unitBalancesWithheld: 5,
      content: { closingBalance: '14854.33', unitBalances: [] },
    });
    const mine = await read(path, owners.O1);
    expect(mine.body).toMatchObject({ unitBalancesWithheld: 4, content: { unitBalances: [{ unitId: '5-101' }] } });
    expect((await read(path, committee)).body).toMatchObject({
      unitBalancesWithheld: 0,
      content: { unitBalances: expect.arrayContaining([expect.objectContaining({ unitId: '3-102' })]) },
    });
    expect((await read(`/api/v1/communities/${cid}/statements`)).body[0]).toMatchObject({
      unitBalancesWithheld: 5,
      content: { unitBalances: [] },
    });

    const lines = (await csvText(server, `${path}.csv`, owners.O1)).split('\r\n');
    expect(lines[0]).toBe(
      '"section","entryId","date","source","payee","purpose","resolutionId","emergency","reverses","correctsStatementId","unitId","amount"',
    );
    expect(lines.filter((l) => l.startsWith('"UNIT_BALANCE"'))).toEqual([expect.stringContaining('"5-101"')]);
    expect(lines.filter((l) => l.startsWith('"EXPENSE"') && l.includes('"EMERGENCY"'))).toHaveLength(2);
    expect(lines.find((l) => l.startsWith('"CLOSING_BALANCE"'))).toContain('"14854.33"');
    expect((await csvText(server, `${path}.csv`)).split('\r\n').filter((l) => l.startsWith('"UNIT_BALANCE"'))).toEqual(
      [],
    );
  });

  it("projects idempotently: applying the fund's events a second time changes no row", async () => {
    const db = server.app.get(DataSource);
    const snapshot = async () => ({
      entries: await db.query('SELECT * FROM finance_entries WHERE community_id = $1 ORDER BY position', [cid]),
      units: await db.query('SELECT * FROM finance_unit_movements WHERE community_id = $1 ORDER BY position, unit_id', [
        cid,
      ]),
    });
    await read(api());
    const before = await snapshot();
    const events = await server.app.get<EventStore>(EVENT_STORE).readStream(maintenanceFundStream(cid));
    const projection = server.app.get(FinanceProjection);
    await db.transaction(async (manager) => {
      for (const event of events) await projection.apply(event, manager);
    });
    expect(await snapshot()).toEqual(before);
  });
});
