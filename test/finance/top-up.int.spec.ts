import { refusedWritingNothing } from '../elections/support.js';
import { smallCommunity } from '../support/small-community.js';
import { TestServer } from '../support/test-server.js';
import { csvText, sha } from './votes.js';

/**
 * Rule 22: emergencies take the fund below 30% of what owners deposited; the public view flags it
 * with the top-up due, and the committee moves public revenue into the fund, up to that amount,
 * shared among the units by area. Public revenue shows the transfer, the fund the arrival.
 */
describe('topping the maintenance fund up from public revenue (DOMAIN.md rule 22)', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  let owner: string;
  let transfer: { entryId: string; fundEntryId: string };
  let last = '0';
  const api = (path: string) => `/api/v1/communities/${cid}${path}`;
  const at = () => server.clock.now().toISOString();

  async function write(path: string, body: unknown) {
    const answer = await server.post(api(path), body, { token: committee });
    if (answer.body?.position) last = answer.body.position;
    return answer;
  }
  const read = async (path: string, token?: string) =>
    (await server.get(`${api(path)}${path.includes('?') ? '&' : '?'}after=${last}`, token ? { token } : {})).body;
  const topUp = (amount: unknown) => () =>
    server.post(api('/maintenance-fund/top-ups'), { amount, transferredAt: at() }, { token: committee });

  beforeAll(async () => {
    server = await TestServer.start('fund-top-up', { GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600) });
    let owners: Record<string, string>;
    ({ communityId: cid, committee, ownerTokens: owners } = await smallCommunity(server));
    owner = owners.O1;
    // 100 yuan per m² over 500.00 m²: 50,000.00 deposited.
    const deposits = [
      ['1-101', '10000.00'],
      ['1-102', '5000.00'],
      ['1-201', '8000.00'],
      ['2-101', '9000.00'],
      ['2-102', '6000.00'],
      ['2-201', '12000.00'],
    ];
    expect(
      (
        await write(
          '/maintenance-fund/deposits',
          deposits.map(([unitId, amount]) => ({ unitId, amount, depositedAt: at() })),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await write('/public-revenue/income', {
          amount: '3000.00',
          source: 'PARKING',
          description: '停车费',
          receivedAt: at(),
        })
      ).status,
    ).toBe(201);
  });
  afterAll(() => server.stop());

  it('refuses a top-up while the fund is not below 30%: public revenue goes into it then only under a vote', async () => {
    const answer = await refusedWritingNothing(server, topUp('1.00'), 409, 'TOP_UP_NOT_DUE');
    expect(answer.body.details).toMatchObject({ rule: 22, fundBalance: '50000.00', initialTotal: '50000.00' });
  });

  it('flags the fund on its public view once emergencies take it below 30%, with the top-up due', async () => {
    const emergency = { reason: '水泵房被淹', evidenceSha256: sha('f') };
    const paid = await write('/maintenance-fund/withdrawals', {
      amount: '36000.00',
      payee: '抢修公司',
      purpose: '水泵抢修',
      emergency,
      buildings: ['1', '2'],
      paidAt: at(),
    });
    expect(paid.status).toBe(201);
    expect(paid.body.belowThreshold).toBe(true);
    // 30% of 50,000.00 is 15,000.00; the fund holds 14,000.00.
    expect(await read('/maintenance-fund')).toMatchObject({
      balance: '14000.00',
      initialTotal: '50000.00',
      belowThreshold: true,
      topUpDue: '1000.00',
      toppedUpFromPublicRevenue: '0.00',
    });
  });

  it('refuses more than is due, saying by how much, and bad amounts, writing nothing', async () => {
    const over = await refusedWritingNothing(server, topUp('1000.01'), 409, 'TOP_UP_EXCEEDS_DUE');
    expect(over.body.message).toMatch(/by 0\.01 yuan \(DOMAIN\.md rule 22/);
    expect(over.body.details).toMatchObject({ rule: 22, limit: '1000.00', excess: '0.01' });
    for (const amount of [1000, '-1.00', '1.001', '0.00']) {
      await refusedWritingNothing(
        server,
        topUp(amount),
        400,
        amount === '0.00' ? 'INVALID_AMOUNT' : 'VALIDATION_FAILED',
      );
    }
    await refusedWritingNothing(
      server,
      () => server.post(api('/maintenance-fund/top-ups'), { amount: '1.00', transferredAt: at() }, { token: owner }),
      403,
      'FORBIDDEN',
    );
    await refusedWritingNothing(
      server,
      () =>
        server.post(
          api('/maintenance-fund/top-ups'),
          { amount: '1.00', transferredAt: '2026-01-05' },
          { token: committee },
        ),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('moves what is due from public revenue into the fund, shared among the units by area; the flag clears', async () => {
    const answer = await write('/maintenance-fund/top-ups', { amount: '1000.00', transferredAt: at() });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ amount: '1000.00', belowThreshold: false });
    transfer = answer.body;

    const fund = await read('/maintenance-fund', committee);
    expect(fund).toMatchObject({
      balance: '15000.00',
      initialTotal: '50000.00',
      toppedUpFromPublicRevenue: '1000.00',
      belowThreshold: false,
      topUpDue: null,
    });
    const arrival = fund.entries.find((e: { kind: string }) => e.kind === 'TOP_UP');
    expect(arrival).toMatchObject({
      entryId: transfer.fundEntryId,
      amount: '1000.00',
      source: 'PUBLIC_REVENUE',
      authority: 'RULE_22',
    });
    // By area: 1-101 has 100.00 of 500.00 m², so 200.00 of the 1,000.00.
    expect(arrival.shares).toContainEqual({ unitId: '1-101', areaM2: '100.00', amount: '200.00' });
    const mine = await read('/maintenance-fund/units/1-101', owner);
    expect(mine.history.at(-1)).toMatchObject({ kind: 'TOP_UP', amount: '200.00' });

    expect((await read('/maintenance-fund?kind=TOP_UP')).entries.map((e: { entryId: string }) => e.entryId)).toEqual([
      transfer.fundEntryId,
    ]);
    expect((await read('/public-revenue?kind=TRANSFER')).entries.map((e: { entryId: string }) => e.entryId)).toEqual([
      transfer.entryId,
    ]);
    const revenue = await read('/public-revenue');
    expect(revenue).toMatchObject({ balance: '2000.00', totalExpenses: '1000.00' });
    expect(revenue.entries.at(-1)).toMatchObject({
      entryId: transfer.entryId,
      kind: 'TRANSFER',
      amount: '1000.00',
      authority: 'RULE_22',
      resolution: null,
    });
    const csv = await csvText(server, api('/public-revenue.csv'));
    expect(csv.split('\r\n').find((l) => l.includes('"TRANSFER"'))).toContain('"1000.00"');
  });

  it('refuses a second top-up once the fund is back at 30%, and a reversal of either side, writing nothing', async () => {
    await refusedWritingNothing(server, topUp('0.01'), 409, 'TOP_UP_NOT_DUE');
    await refusedWritingNothing(
      server,
      () =>
        server.post(
          api(`/public-revenue/entries/${transfer.entryId}/reversal`),
          { reason: '录错' },
          { token: committee },
        ),
      409,
      'ENTRY_NOT_REVERSIBLE',
    );
    await refusedWritingNothing(
      server,
      () =>
        server.post(
          api(`/maintenance-fund/entries/${transfer.fundEntryId}/reversal`),
          { reason: '录错' },
          { token: committee },
        ),
      409,
      'ENTRY_NOT_REVERSIBLE',
    );
  });

  it("shows the top-up in the fund's statement as income from public revenue, apart from the owners' deposits", async () => {
    server.clock.advance(24 * 3600 * 1000);
    const statement = await write('/statements', {
      fund: 'MAINTENANCE_FUND',
      periodStart: '2026-01-01T00:00:00+08:00',
      periodEnd: at(),
    });
    expect(statement.status).toBe(201);
    expect(statement.body).toMatchObject({
      income: { total: '51000.00', bySource: { DEPOSITS: '50000.00', PUBLIC_REVENUE: '1000.00' } },
      closingBalance: '15000.00',
    });
  });
});
