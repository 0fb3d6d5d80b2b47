import { smallCommunity } from '../support/small-community.js';
import { TestServer } from '../support/test-server.js';
import { csvText, putToTheVote, sha } from '../finance/votes.js';

/**
 * SCENARIOS.md 2 (龙泽苑): public revenue comes in through the year, a SPEND_PUBLIC_REVENUE vote with
 * a ¥700,000 budget passes, the fence is paid in two instalments that cannot exceed it, the quarter's
 * statement is published and audited, and anyone traces each payment to its vote and downloads the CSV.
 */
describe('spending public revenue in the open (scenario 2; DOMAIN.md rules 18, 19, 23)', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  let admin: string;
  let owners: Record<string, string>;
  let fence: string;
  let rejected: string;
  let unrelated: string;
  let covenant: string;
  const api = (path: string) => `/api/v1/communities/${cid}/public-revenue${path}`;
  const parking = (month: string) => ({
    amount: '166666.67',
    source: 'PARKING',
    description: `2026年${month}月停车费`,
    receivedAt: `2026-${month}-28T18:00:00+08:00`,
  });

  let last = '0';
  /** A committee write whose position later reads wait for. */
  async function write(path: string, body: unknown, token = committee) {
    const answer = await server.post(path, body, { token });
    if (answer.body?.position) last = answer.body.position;
    return answer;
  }

  /** The ledger as the public sees it, after every write so far. */
  async function ledger(query = '') {
    const answer = await server.get(`${api('')}${query ? `${query}&` : '?'}after=${last}`);
    expect(answer.status).toBe(200);
    return answer.body;
  }

  async function expectNothingWritten(
    write: () => Promise<{ status: number; body: any }>,
    status: number,
    code: string,
  ) {
    const before = await ledger();
    const answer = await write();
    expect(answer.status).toBe(status);
    expect(answer.body.code).toBe(code);
    const after = await ledger();
    expect(after.page.total).toBe(before.page.total);
    expect(after.balance).toBe(before.balance);
    return answer;
  }

  beforeAll(async () => {
    server = await TestServer.start('public-revenue', { GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600) });
    ({ communityId: cid, committee, admin, ownerTokens: owners } = await smallCommunity(server));
    server.clock.set('2026-04-01T10:00:00+08:00');
  });
  afterAll(() => server.stop());

  it("books the first quarter's parking and advertising income (rule 19)", async () => {
    for (const month of ['01', '02', '03']) {
      expect((await write(api('/income'), parking(month))).status).toBe(201);
    }
    const ad = await server.post(
      api('/income'),
      {
        amount: '100000.00',
        source: 'ADVERTISING',
        description: '电梯广告',
        receivedAt: '2026-02-15T12:00:00+08:00',
        evidenceSha256: sha('a'),
      },
      { token: committee },
    );
    expect(ad.status).toBe(201);
    const now = await server.get(`${api('')}?after=${ad.body.position}`);
    expect(now.body).toMatchObject({
      balance: '600000.01',
      totalIncome: '600000.01',
      totalExpenses: '0.00',
      page: { total: 4 },
    });
  });

  it.each([
    ['a JSON number', 100],
    ['three decimals', '100.001'],
    ['a negative amount', '-100.00'],
    ['an exponent', '1e5'],
    ['zero', '0.00'],
  ])('refuses income with %s as its amount: 400, nothing written', async (_what, amount) => {
    const before = await ledger();
    const answer = await write(api('/income'), { ...parking('03'), amount });
    expect(answer.status).toBe(400);
    expect(['VALIDATION_FAILED', 'INVALID_AMOUNT']).toContain(answer.body.code);
    expect((await ledger()).page.total).toBe(before.page.total);
  });

  it('refuses income from anyone but the committee, and an unknown source or a field not in the API', async () => {
    expect((await write(api('/income'), parking('03'), owners.O1)).status).toBe(403);
    expect((await server.post(api('/income'), parking('03'))).status).toBe(401);
    expect((await write(api('/income'), { ...parking('03'), source: 'LOTTERY' })).status).toBe(400);
    expect((await write(api('/income'), { ...parking('03'), note: 'x' })).status).toBe(400);
    expect((await write(api('/income'), { ...parking('03'), receivedAt: '2026-12-31T00:00:00+08:00' })).body.code).toBe(
      'TIME_IN_FUTURE',
    );
  });

  it('puts the fence to the owners: the ¥700,000 SPEND_PUBLIC_REVENUE vote passes (a rival motion is rejected)', async () => {
    const outcomes = await putToTheVote(server, cid, committee, owners, [
      {
        title: '更换小区围栏',
        matter: 'SPEND_PUBLIC_REVENUE',
        budget: { amount: '700000.00', fund: 'PUBLIC_REVENUE' },
        choice: 'FOR',
      },
      {
        title: '建设喷泉',
        matter: 'SPEND_PUBLIC_REVENUE',
        budget: { amount: '300000.00', fund: 'PUBLIC_REVENUE' },
        choice: 'AGAINST',
      },
      { title: '续聘物业', matter: 'HIRE_OR_FIRE_MANAGER', choice: 'FOR' },
      {
        title: '管理规约（修订）',
        matter: 'MANAGEMENT_COVENANT',
        covenant: { perItemCap: '5000.00', yearlyCap: '8000.00' },
        choice: 'FOR',
      },
    ]);
    expect(outcomes.map((o) => o.outcome)).toEqual(['PASSED', 'REJECTED', 'PASSED', 'PASSED']);
    [fence, rejected, unrelated, covenant] = outcomes.map((o) => o.id);
  });

  const instalment = (amount: string, resolutionId = fence) => ({
    amount,
    payee: '北京某围栏工程有限公司',
    purpose: '新围栏',
    resolutionId,
    paidAt: '2026-05-01T10:00:00+08:00',
    invoiceSha256: sha('b'),
  });

  it('pays the first instalment of ¥400,000 under the fence resolution', async () => {
    server.clock.set('2026-05-01T12:00:00+08:00');
    const paid = await write(api('/expenses'), instalment('400000.00'));
    expect(paid.status).toBe(201);
    expect(paid.body.entryId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a spend beyond the balance, saying by how much, writing nothing (rule 18)', async () => {
    const answer = await expectNothingWritten(
      () => write(api('/expenses'), instalment('300000.00'), committee),
      409,
      'INSUFFICIENT_FUNDS',
    );
    expect(answer.body.message).toMatch(/by 99999\.99 yuan \(DOMAIN\.md rule 18/);
    expect(answer.body.details).toMatchObject({ rule: 18, limit: '200000.01', excess: '99999.99' });
  });

  it('refuses a rejected resolution, an unrelated one and an unknown one, writing nothing (rule 19)', async () => {
    await expectNothingWritten(
      () => write(api('/expenses'), instalment('1.00', rejected), committee),
      409,
      'RESOLUTION_NOT_PASSED',
    );
    await expectNothingWritten(
      () => write(api('/expenses'), instalment('1.00', unrelated), committee),
      400,
      'RESOLUTION_NOT_FOR_THIS_FUND',
    );
    await expectNothingWritten(
      () => write(api('/expenses'), instalment('1.00', 'no-such-vote'), committee),
      404,
      'RESOLUTION_NOT_FOUND',
    );
    await expectNothingWritten(
      () => write(api('/expenses'), { ...instalment('1.00'), amount: 1 }, committee),
      400,
      'VALIDATION_FAILED',
    );
  });

  it("books the second quarter's income, then refuses a second instalment that would exceed ¥700,000 by one fen", async () => {
    server.clock.set('2026-07-01T10:00:00+08:00');
    for (const month of ['04', '05', '06']) {
      expect((await write(api('/income'), parking(month))).status).toBe(201);
    }
    const answer = await expectNothingWritten(
      () => write(api('/expenses'), { ...instalment('300000.01'), paidAt: '2026-06-30T10:00:00+08:00' }),
      409,
      'BUDGET_EXCEEDED',
    );
    expect(answer.body.message).toMatch(
      new RegExp(`exceeds the budget of resolution ${fence} \\(700000\\.00\\) by 0\\.01 yuan \\(DOMAIN\\.md rule 19`),
    );
    expect(answer.body.details).toMatchObject({
      rule: 19,
      limit: '700000.00',
      excess: '0.01',
      alreadySpent: '400000.00',
      resolutionId: fence,
    });
  });

  it('pays the second instalment of ¥300,000, using the budget to the fen', async () => {
    const paid = await write(api('/expenses'), { ...instalment('300000.00'), paidAt: '2026-06-30T10:00:00+08:00' });
    expect(paid.status).toBe(201);
    const now = await server.get(`${api('')}?after=${paid.body.position}`);
    expect(now.body).toMatchObject({ balance: '400000.02', totalIncome: '1100000.02', totalExpenses: '700000.00' });
  });

  it('lets anyone trace each payment to the vote behind it and its tally, filter by source, purpose and date, and page', async () => {
    const expenses = (await ledger('?kind=EXPENSE')).entries;
    const fenceVote = {
      id: fence,
      outcome: 'PASSED',
      budget: '700000.00',
      title: '更换小区围栏',
      href: `/api/v1/communities/${cid}/resolutions/${fence}`,
    };
    expect(expenses).toEqual([
      expect.objectContaining({
        amount: '400000.00',
        resolution: expect.objectContaining(fenceVote),
        invoiceSha256: sha('b'),
      }),
      expect.objectContaining({ amount: '300000.00', resolution: expect.objectContaining(fenceVote) }),
    ]);
    // The tally shown beside the payment is the tally the vote itself answers.
    const vote = await server.get(expenses[0].resolution.href);
    expect(vote.body).toMatchObject({ title: '更换小区围栏', outcome: 'PASSED' });
    expect(expenses[0].resolution.tally).toEqual(vote.body.tally);
    expect(vote.body.tally).toMatchObject({ outcome: 'PASSED', for: { heads: 4 } });

    const parkingQ2 = await ledger('?source=PARKING&from=2026-04-01T00:00:00%2B08:00&to=2026-07-01T00:00:00%2B08:00');
    expect(parkingQ2.entries.map((e: { description: string }) => e.description)).toEqual([
      '2026年04月停车费',
      '2026年05月停车费',
      '2026年06月停车费',
    ]);
    const byPurpose = await ledger(`?purpose=${encodeURIComponent('围栏')}`);
    expect(byPurpose.entries.map((e: { amount: string }) => e.amount)).toEqual(['400000.00', '300000.00']);
    expect((await ledger(`?purpose=${encodeURIComponent('喷泉')}`)).page.total).toBe(0);
    // LIKE's wildcards in the words match only themselves.
    expect((await ledger('?purpose=%25')).page.total).toBe(0);
    const byVote = await ledger(`?resolutionId=${fence}&from=2026-06-01T00:00:00%2B08:00`);
    expect(byVote.entries.map((e: { amount: string }) => e.amount)).toEqual(['300000.00']);

    const page = await ledger('?limit=2&offset=2');
    expect(page.page).toEqual({ total: 9, limit: 2, offset: 2 });
    expect(page.entries).toHaveLength(2);
    for (const bad of [
      'limit=0',
      'limit=501',
      'offset=-1',
      'from=2026-04-01',
      'source=LOTTERY',
      `purpose=${'x'.repeat(101)}`,
    ]) {
      const answer = await server.get(`${api('')}?${bad}`);
      expect([answer.status, answer.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('serves the ledger as CSV (BOM, CRLF), amounts as "700000.00", each payment carrying its resolution', async () => {
    const text = await csvText(server, `/api/v1/communities/${cid}/public-revenue.csv`);
    const lines = text.split('\r\n');
    expect(lines[0]).toContain('"resolutionId"');
    const payments = lines.filter((l) => l.includes('"EXPENSE"'));
    expect(payments).toHaveLength(2);
    expect(payments[0]).toContain('"400000.00"');
    expect(payments[1]).toContain('"300000.00"');
    for (const line of payments)
      expect(line).toContain(`"${fence}","PASSED","更换小区围栏","/api/v1/communities/${cid}/resolutions/${fence}"`);
  });

  it("publishes the second quarter's statement, sealed, and the auditor audits it (rule 23)", async () => {
    const early = await server.post(
      `/api/v1/communities/${cid}/statements`,
      { fund: 'PUBLIC_REVENUE', periodStart: '2026-04-01T00:00:00+08:00', periodEnd: '2026-07-02T00:00:00+08:00' },
      { token: committee },
    );
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('PERIOD_NOT_OVER');
    const drafted = await server.post(
      `/api/v1/communities/${cid}/statements`,
      { fund: 'PUBLIC_REVENUE', periodStart: '2026-04-01T00:00:00+08:00', periodEnd: '2026-07-01T00:00:00+08:00' },
      { token: committee },
    );
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({
      openingBalance: '600000.01',
      income: { total: '500000.01', bySource: { PARKING: '500000.01' } },
      expenses: { total: '700000.00' },
      closingBalance: '400000.02',
    });
    expect(drafted.body.expenses.items.map((i: { resolutionId: string }) => i.resolutionId)).toEqual([fence, fence]);
    const sid = drafted.body.id;
    expect(
      (await server.get(`/api/v1/communities/${cid}/statements/${sid}?after=${drafted.body.position}`)).status,
    ).toBe(404);

    const published = await server.post(`/api/v1/communities/${cid}/statements/${sid}/publish`, undefined, {
      token: committee,
    });
    expect(published.status).toBe(200);
    expect(published.body.contentSha256).toMatch(/^[0-9a-f]{64}$/);

    const invitation = await server.post(
      '/api/v1/accounts/invitations',
      { role: 'auditor', communityId: cid },
      { token: admin },
    );
    expect(invitation.status).toBe(201);
    const auditor = await server.activateAndSignIn(invitation.body.activationCode, `auditor-${cid.slice(0, 6)}`);
    expect(
      (
        await server.post(
          `/api/v1/communities/${cid}/statements/${sid}/audit`,
          { opinion: 'UNQUALIFIED', reportSha256: sha('c') },
          { token: committee },
        )
      ).status,
    ).toBe(403);
    const audited = await server.post(
      `/api/v1/communities/${cid}/statements/${sid}/audit`,
      { opinion: 'UNQUALIFIED', reportSha256: sha('c') },
      { token: auditor },
    );
    expect(audited.status).toBe(201);

    const seen = await server.get(`/api/v1/communities/${cid}/statements/${sid}?after=${audited.body.position}`);
    expect(seen.body).toMatchObject({
      status: 'AUDITED',
      contentSha256: published.body.contentSha256,
      audit: { opinion: 'UNQUALIFIED', reportSha256: sha('c') },
    });
    const list = await server.get(`/api/v1/communities/${cid}/statements`);
    expect(list.body.map((s: { id: string }) => s.id)).toEqual([sid]);
    const csv = await csvText(server, `/api/v1/communities/${cid}/statements.csv`);
    expect(csv).toContain('"700000.00"');
  });

  it('corrects a wrongly booked income by a reversing entry that points at it; the original stays', async () => {
    const wrong = await write(api('/income'), {
      amount: '10.00',
      source: 'OTHER',
      description: '误录',
      receivedAt: '2026-06-30T10:00:00+08:00',
    });
    const reversed = await write(api(`/entries/${wrong.body.entryId}/reversal`), { reason: '重复录入' });
    expect(reversed.status).toBe(201);
    const again = await server.post(
      api(`/entries/${wrong.body.entryId}/reversal`),
      { reason: '重复录入' },
      { token: committee },
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_REVERSED');
    const now = await server.get(`${api('')}?after=${reversed.body.position}&source=OTHER`);
    expect(now.body.balance).toBe('400000.02');
    expect(now.body.entries).toEqual([
      expect.objectContaining({ entryId: wrong.body.entryId, kind: 'INCOME', reversedBy: reversed.body.entryId }),
      expect.objectContaining({
        entryId: reversed.body.entryId,
        kind: 'REVERSAL',
        reverses: wrong.body.entryId,
        amount: '10.00',
      }),
    ]);
  });

  it("pays small items under the covenant's delegation, within its per-item and yearly caps (rule 19)", async () => {
    const small = (amount: string) => ({
      amount,
      payee: '保洁公司',
      purpose: '清理落叶',
      underCovenant: true,
      paidAt: '2026-07-01T09:00:00+08:00',
    });
    expect((await write(api('/expenses'), small('100.00'))).body.code).toBe('NO_COVENANT_DELEGATION');
    expect((await write(api('/expenses'), { ...small('1.00'), underCovenant: undefined })).body.code).toBe(
      'AUTHORITY_REQUIRED',
    );
    expect((await write(api('/expenses'), { ...small('1.00'), resolutionId: fence })).body.code).toBe(
      'AUTHORITY_AMBIGUOUS',
    );
    const notCovenant = await write(api('/covenant-delegation'), { resolutionId: fence });
    expect(notCovenant.body.code).toBe('NOT_A_COVENANT');
    // Rule 27: the caps are the ones the owners adopted with the covenant; the committee sends none.
    expect((await write(api('/covenant-delegation'), { resolutionId: covenant })).status).toBe(201);
    const perItem = await write(api('/expenses'), small('5000.01'));
    expect(perItem.status).toBe(409);
    expect(perItem.body).toMatchObject({
      code: 'PER_ITEM_CAP_EXCEEDED',
      message: expect.stringMatching(/by 0\.01 yuan \(DOMAIN\.md rule 19/),
    });
    expect(perItem.body.details).toMatchObject({ rule: 19, limit: '5000.00', excess: '0.01' });
    expect((await write(api('/expenses'), small('5000.00'))).status).toBe(201);
    const yearly = await write(api('/expenses'), small('3000.01'));
    expect(yearly.body).toMatchObject({
      code: 'YEARLY_CAP_EXCEEDED',
      message: expect.stringMatching(/for 2026 by 0\.01 yuan \(DOMAIN\.md rule 19/),
    });
    expect(yearly.body.details).toMatchObject({
      rule: 19,
      limit: '8000.00',
      excess: '0.01',
      year: 2026,
      alreadySpent: '5000.00',
    });
    const view = await ledger('?kind=EXPENSE');
    expect(view.covenantDelegation).toMatchObject({
      resolutionId: covenant,
      perItemCap: '5000.00',
      yearlyCap: '8000.00',
    });
    expect(view.entries.at(-1)).toMatchObject({
      amount: '5000.00',
      authority: 'COVENANT',
      resolution: { id: covenant, outcome: 'PASSED' },
    });
    expect(view.balance).toBe('395000.02');
  });
});
