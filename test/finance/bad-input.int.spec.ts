import { refusedWritingNothing } from '../elections/support.js';
import { smallCommunity } from '../support/small-community.js';
import { TestServer } from '../support/test-server.js';
import { putToTheVote, sha } from './votes.js';

/**
 * The "done when" for bad input, on every money write route: negative or three-decimal
 * amounts, a JSON number for an amount, a rejected or unrelated resolution, a spend beyond the
 * balance or the budget. Each is a 4xx with a stable code, appends no event, and leaves both
 * ledgers as they were.
 */
describe('bad input to the money routes: a clear 4xx, nothing written (DOMAIN.md rules 18–21)', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  let owner: string;
  const votes: Record<string, string> = {};
  let income: string;
  const paidAt = () => server.clock.now().toISOString();

  beforeAll(async () => {
    server = await TestServer.start('money-bad-input', { GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600) });
    let owners: Record<string, string>;
    ({ communityId: cid, committee, ownerTokens: owners } = await smallCommunity(server));
    owner = owners.O1;
    const booked = await server.post(
      `/api/v1/communities/${cid}/public-revenue/income`,
      { amount: '1000.00', source: 'PARKING', description: '停车费', receivedAt: paidAt() },
      { token: committee },
    );
    expect(booked.status).toBe(201);
    income = booked.body.entryId;
    const deposits = ['1-101', '1-102', '1-201', '2-101', '2-102', '2-201'].map((unitId) => ({
      unitId,
      amount: '100.00',
      depositedAt: paidAt(),
    }));
    expect(
      (await server.post(`/api/v1/communities/${cid}/maintenance-fund/deposits`, deposits, { token: committee }))
        .status,
    ).toBe(201);
    const outcomes = await putToTheVote(server, cid, committee, owners, [
      {
        title: '修路',
        matter: 'SPEND_PUBLIC_REVENUE',
        budget: { amount: '5000.00', fund: 'PUBLIC_REVENUE' },
        choice: 'FOR',
      },
      {
        title: '喷泉',
        matter: 'SPEND_PUBLIC_REVENUE',
        budget: { amount: '500.00', fund: 'PUBLIC_REVENUE' },
        choice: 'AGAINST',
      },
      {
        title: '1号楼屋顶',
        matter: 'USE_MAINTENANCE_FUND',
        budget: { amount: '150.00', fund: 'MAINTENANCE_FUND', buildings: ['1'] },
        choice: 'FOR',
      },
      {
        title: '2号楼外墙',
        matter: 'USE_MAINTENANCE_FUND',
        budget: { amount: '100.00', fund: 'MAINTENANCE_FUND', units: ['2-101', '2-102'] },
        choice: 'AGAINST',
      },
      {
        title: '管理规约',
        matter: 'MANAGEMENT_COVENANT',
        covenant: { perItemCap: '100.00', yearlyCap: '500.00' },
        choice: 'FOR',
      },
      {
        title: '管理规约（另案）',
        matter: 'MANAGEMENT_COVENANT',
        covenant: { perItemCap: '100.00', yearlyCap: '500.00' },
        choice: 'AGAINST',
      },
      { title: '续聘物业', matter: 'HIRE_OR_FIRE_MANAGER', choice: 'FOR' },
    ]);
    expect(outcomes.map((o) => o.outcome)).toEqual([
      'PASSED',
      'REJECTED',
      'PASSED',
      'REJECTED',
      'PASSED',
      'REJECTED',
      'PASSED',
    ]);
    [votes.road, votes.fountain, votes.roof, votes.facade, votes.covenant, votes.rivalCovenant, votes.manager] =
      outcomes.map((o) => o.id);
  });
  afterAll(() => server.stop());

  const expense = (extra: Record<string, unknown>) => ({
    amount: '10.00',
    payee: '施工队',
    purpose: '修路',
    resolutionId: votes.road,
    paidAt: paidAt(),
    ...extra,
  });
  const caps = (extra: Record<string, unknown>) => ({ resolutionId: votes.covenant, ...extra });
  const deposit = (extra: Record<string, unknown>) => [
    { unitId: '1-101', amount: '10.00', depositedAt: paidAt(), ...extra },
  ];
  const withdrawal = (extra: Record<string, unknown>) => ({
    amount: '10.00',
    payee: '防水公司',
    purpose: '1号楼屋顶',
    resolutionId: votes.roof,
    paidAt: paidAt(),
    ...extra,
  });
  const emergency = { reason: '电梯困人', evidenceSha256: sha('e') };

  const cases: [string, string, () => unknown, number, string][] = [
    [
      'income',
      'a JSON number',
      () => ({ amount: 10, source: 'PARKING', description: 'x', receivedAt: paidAt() }),
      400,
      'VALIDATION_FAILED',
    ],
    [
      'income',
      'three decimals',
      () => ({ amount: '10.001', source: 'PARKING', description: 'x', receivedAt: paidAt() }),
      400,
      'VALIDATION_FAILED',
    ],
    [
      'income',
      'a negative amount',
      () => ({ amount: '-10.00', source: 'PARKING', description: 'x', receivedAt: paidAt() }),
      400,
      'VALIDATION_FAILED',
    ],
    [
      'income',
      'an evidence hash that is not one',
      () => ({
        amount: '10.00',
        source: 'PARKING',
        description: 'x',
        receivedAt: paidAt(),
        evidenceSha256: 'E'.repeat(64),
      }),
      400,
      'VALIDATION_FAILED',
    ],
    ['expenses', 'a JSON number', () => expense({ amount: 10 }), 400, 'VALIDATION_FAILED'],
    ['expenses', 'three decimals', () => expense({ amount: '10.005' }), 400, 'VALIDATION_FAILED'],
    ['expenses', 'a negative amount', () => expense({ amount: '-10.00' }), 400, 'VALIDATION_FAILED'],
    [
      'expenses',
      'a rejected resolution',
      () => expense({ resolutionId: votes.fountain }),
      409,
      'RESOLUTION_NOT_PASSED',
    ],
    [
      'expenses',
      'an unrelated resolution (no budget)',
      () => expense({ resolutionId: votes.manager }),
      400,
      'RESOLUTION_NOT_FOR_THIS_FUND',
    ],
    [
      'expenses',
      'a resolution of the other fund',
      () => expense({ resolutionId: votes.roof }),
      400,
      'RESOLUTION_NOT_FOR_THIS_FUND',
    ],
    ['expenses', 'an unknown resolution', () => expense({ resolutionId: 'no-such-vote' }), 404, 'RESOLUTION_NOT_FOUND'],
    ['expenses', 'a spend beyond the balance', () => expense({ amount: '1000.01' }), 409, 'INSUFFICIENT_FUNDS'],
    [
      'expenses',
      'a payment dated tomorrow',
      () => expense({ paidAt: new Date(server.clock.now().getTime() + 86400000).toISOString() }),
      400,
      'TIME_IN_FUTURE',
    ],
    [
      'covenant-delegation',
      'caps of its own (rule 27)',
      () => caps({ perItemCap: '100.00', yearlyCap: '500.00' }),
      400,
      'CAPS_ADOPTED_BY_OWNERS',
    ],
    ['covenant-delegation', 'a cap as a JSON number', () => caps({ perItemCap: 100 }), 400, 'CAPS_ADOPTED_BY_OWNERS'],
    [
      'covenant-delegation',
      'a rejected covenant',
      () => caps({ resolutionId: votes.rivalCovenant }),
      409,
      'RESOLUTION_NOT_PASSED',
    ],
    ['covenant-delegation', 'an unrelated resolution', () => caps({ resolutionId: votes.road }), 400, 'NOT_A_COVENANT'],
  ];
  const fundCases: [string, string, () => unknown, number, string][] = [
    ['deposits', 'a JSON number', () => deposit({ amount: 10 }), 400, 'VALIDATION_FAILED'],
    ['deposits', 'three decimals', () => deposit({ amount: '10.005' }), 400, 'VALIDATION_FAILED'],
    ['deposits', 'a negative amount', () => deposit({ amount: '-10.00' }), 400, 'VALIDATION_FAILED'],
    ['deposits', 'a zero amount', () => deposit({ amount: '0.00' }), 400, 'INVALID_AMOUNT'],
    ['deposits', 'an empty list', () => [], 400, 'VALIDATION_FAILED'],
    ['deposits', 'one object instead of a list', () => deposit({})[0], 400, 'VALIDATION_FAILED'],
    ['withdrawals', 'a JSON number', () => withdrawal({ amount: 10 }), 400, 'VALIDATION_FAILED'],
    ['withdrawals', 'three decimals', () => withdrawal({ amount: '10.001' }), 400, 'VALIDATION_FAILED'],
    ['withdrawals', 'a negative amount', () => withdrawal({ amount: '-10.00' }), 400, 'VALIDATION_FAILED'],
    [
      'withdrawals',
      'a rejected resolution',
      () => withdrawal({ resolutionId: votes.facade }),
      409,
      'RESOLUTION_NOT_PASSED',
    ],
    [
      'withdrawals',
      'an unrelated resolution (no budget)',
      () => withdrawal({ resolutionId: votes.manager }),
      400,
      'RESOLUTION_NOT_FOR_THIS_FUND',
    ],
    [
      'withdrawals',
      'a public-revenue resolution',
      () => withdrawal({ resolutionId: votes.road }),
      400,
      'RESOLUTION_NOT_FOR_THIS_FUND',
    ],
    ['withdrawals', 'a spend beyond the budget', () => withdrawal({ amount: '150.01' }), 409, 'BUDGET_EXCEEDED'],
    [
      'withdrawals',
      "a spend beyond the units' balances",
      () => ({ ...withdrawal({ amount: '300.01', resolutionId: undefined }), emergency, buildings: ['1'] }),
      409,
      'INSUFFICIENT_UNIT_BALANCE',
    ],
    ['withdrawals', 'both a resolution and an emergency', () => withdrawal({ emergency }), 400, 'AUTHORITY_AMBIGUOUS'],
    [
      'withdrawals',
      'an unknown building',
      () => ({ ...withdrawal({ resolutionId: undefined }), emergency, buildings: ['9'] }),
      400,
      'UNKNOWN_BUILDING',
    ],
  ];

  /** Refusals by a rule of DOMAIN.md: the message and details name it. */
  const RULE_REFUSALS = [
    'RESOLUTION_NOT_PASSED',
    'RESOLUTION_NOT_FOR_THIS_FUND',
    'NOT_A_COVENANT',
    'CAPS_INCONSISTENT',
    'INSUFFICIENT_FUNDS',
    'BUDGET_EXCEEDED',
    'INSUFFICIENT_UNIT_BALANCE',
  ];

  /** Both ledgers as the committee sees them. */
  const books = async () => {
    const [revenue, fund] = await Promise.all([
      server.get(`/api/v1/communities/${cid}/public-revenue`, { token: committee }),
      server.get(`/api/v1/communities/${cid}/maintenance-fund`, { token: committee }),
    ]);
    return { revenue: revenue.body, fund: fund.body };
  };

  it.each([
    ...cases.map(([route, ...rest]) => [`public-revenue/${route}`, ...rest]),
    ...fundCases.map(([route, ...rest]) => [`maintenance-fund/${route}`, ...rest]),
  ] as [string, string, () => unknown, number, string][])(
    'POST …/%s with %s answers a clear 4xx and writes nothing',
    async (route, _what, body, status, code) => {
      const before = await books();
      const answer = await refusedWritingNothing(
        server,
        () => server.post(`/api/v1/communities/${cid}/${route}`, body(), { token: committee }),
        status,
        code,
      );
      expect(answer.body.message.length).toBeGreaterThan(10);
      if (RULE_REFUSALS.includes(code)) {
        expect(answer.body.message).toMatch(/\(DOMAIN\.md rule (18|19|20)/);
        expect(answer.body.details.rule).toEqual(expect.any(Number));
      }
      expect(await books()).toEqual(before);
    },
  );

  it('refuses a reversal of an unknown entry, one without a reason, and one by an owner, writing nothing', async () => {
    const reverse =
      (fund: string, eid: string, body: unknown, token = committee) =>
      () =>
        server.post(`/api/v1/communities/${cid}/${fund}/entries/${eid}/reversal`, body, { token });
    await refusedWritingNothing(
      server,
      reverse('public-revenue', 'no-such-entry', { reason: '录错' }),
      404,
      'ENTRY_NOT_FOUND',
    );
    await refusedWritingNothing(
      server,
      reverse('maintenance-fund', income, { reason: '录错' }),
      404,
      'ENTRY_NOT_FOUND',
    );
    await refusedWritingNothing(server, reverse('public-revenue', income, { reason: '' }), 400, 'VALIDATION_FAILED');
    await refusedWritingNothing(server, reverse('public-revenue', income, {}), 400, 'VALIDATION_FAILED');
    await refusedWritingNothing(server, reverse('public-revenue', income, { reason: '录错' }, owner), 403, 'FORBIDDEN');
  });

  it('refuses every money write from an owner (403) and from nobody (401), writing nothing', async () => {
    for (const [route, body] of [
      ['public-revenue/income', { amount: '1.00', source: 'PARKING', description: 'x', receivedAt: paidAt() }],
      ['public-revenue/expenses', expense({})],
      ['public-revenue/covenant-delegation', caps({})],
      ['maintenance-fund/deposits', deposit({})],
      ['maintenance-fund/withdrawals', withdrawal({})],
      [
        'statements',
        { fund: 'PUBLIC_REVENUE', periodStart: '2026-01-01T00:00:00+08:00', periodEnd: '2026-01-02T00:00:00+08:00' },
      ],
    ] as const) {
      await refusedWritingNothing(
        server,
        () => server.post(`/api/v1/communities/${cid}/${route}`, body, { token: owner }),
        403,
        'FORBIDDEN',
      );
      await refusedWritingNothing(
        server,
        () => server.post(`/api/v1/communities/${cid}/${route}`, body),
        401,
        'UNAUTHENTICATED',
      );
    }
  });
});
