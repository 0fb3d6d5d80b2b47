import { refusedWritingNothing } from '../elections/support.js';
import { smallCommunity } from '../support/small-community.js';
import { TestServer, type ApiAnswer } from '../support/test-server.js';
import { csvText, sha } from './votes.js';

/**
 * Rule 23 over time: the public-revenue accounts are owed quarterly (the fund yearly), a published
 * statement never changes, and an entry booked late into a published quarter shows as a correction
 * in the next statement.
 */
describe('statements: cadence, sealed periods and late entries (rule 23)', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  let admin: string;
  let q1: { id: string; content: Record<string, any>; contentSha256: string };
  let lateEntry: string;
  let q2: ApiAnswer;
  let rival: ApiAnswer;
  let last = '0';
  const base = () => `/api/v1/communities/${cid}`;

  async function write(path: string, body: unknown, token = committee) {
    const answer = await server.post(`${base()}${path}`, body, { token });
    if (answer.body?.position) last = answer.body.position;
    return answer;
  }
  const read = async (path: string, token?: string) => {
    const answer = await server.get(
      `${base()}${path}${path.includes('?') ? '&' : '?'}after=${last}`,
      token ? { token } : {},
    );
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const income = (amount: string, receivedAt: string, source = 'PARKING') =>
    write('/public-revenue/income', { amount, source, description: `${source} ${receivedAt}`, receivedAt });
  const quarter = (start: string, end: string) => ({
    fund: 'PUBLIC_REVENUE',
    periodStart: `${start}T00:00:00+08:00`,
    periodEnd: `${end}T00:00:00+08:00`,
  });
  const duty = async (fund: string) =>
    (await read('/statements/duties')).find((d: { fund: string }) => d.fund === fund);

  beforeAll(async () => {
    server = await TestServer.start('statements', { GONGZHI_TOKEN_TTL_SECONDS: String(3 * 365 * 24 * 3600) });
    ({ communityId: cid, committee, admin } = await smallCommunity(server, []));
    server.clock.set('2026-04-01T10:00:00+08:00');
    for (const month of ['01', '02', '03'])
      expect((await income('10000.00', `2026-${month}-28T18:00:00+08:00`)).status).toBe(201);
  });
  afterAll(() => server.stop());

  it("owes the first quarter's public-revenue statement by the end of the second, and no fund statement while the fund is empty", async () => {
    expect(await duty('PUBLIC_REVENUE')).toEqual({
      fund: 'PUBLIC_REVENUE',
      cadence: 'QUARTERLY',
      coveredUntil: '2026-01-28T10:00:00.000Z',
      period: { start: '2025-12-31T16:00:00.000Z', end: '2026-03-31T16:00:00.000Z' },
      dueBy: '2026-06-30T16:00:00.000Z',
      overdue: false,
    });
    expect(await duty('MAINTENANCE_FUND')).toMatchObject({
      cadence: 'YEARLY',
      period: null,
      dueBy: null,
      overdue: false,
    });
  });

  it('shows the duty as overdue once the clock passes its due date, computed at read time', async () => {
    server.clock.set('2026-07-01T00:00:00+08:00');
    expect(await duty('PUBLIC_REVENUE')).toMatchObject({ dueBy: '2026-06-30T16:00:00.000Z', overdue: true });
    const csv = await csvText(server, `${base()}/statements/duties.csv`);
    expect(csv.split('\r\n')[1]).toMatch(/^"PUBLIC_REVENUE","QUARTERLY",.*,"2026-06-30T16:00:00.000Z",true$/);
  });

  it('publishes the first quarter; the duty moves on to the second', async () => {
    const drafted = await write('/statements', quarter('2026-01-01', '2026-04-01'));
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({
      openingBalance: '0.00',
      corrections: { total: '0.00', items: [] },
      income: { total: '30000.00' },
      closingBalance: '30000.00',
    });
    const published = await write(`/statements/${drafted.body.id}/publish`, undefined);
    expect(published.status).toBe(200);
    const { id, position: _position, ...content } = drafted.body;
    q1 = { id, content, contentSha256: published.body.contentSha256 };
    expect(await duty('PUBLIC_REVENUE')).toMatchObject({
      coveredUntil: '2026-03-31T16:00:00.000Z',
      dueBy: '2026-09-30T16:00:00.000Z',
      overdue: false,
    });
  });

  it('books a late entry dated in the published quarter without changing the published statement', async () => {
    const late = await income('500.00', '2026-03-20T12:00:00+08:00', 'VENUE_RENTAL');
    expect(late.status).toBe(201);
    lateEntry = late.body.entryId;
    const sealed = await read(`/statements/${q1.id}`);
    expect(sealed).toMatchObject({ status: 'PUBLISHED', contentSha256: q1.contentSha256 });
    expect(sealed.content).toEqual(q1.content);
    expect((await read('/public-revenue')).balance).toBe('30500.00');
  });

  it('shows the late entry as a correction in the next statement, whose opening balance is the closing balance published', async () => {
    expect((await income('10000.00', '2026-05-28T18:00:00+08:00')).status).toBe(201);
    q2 = await write('/statements', quarter('2026-04-01', '2026-07-01'));
    expect(q2.status).toBe(201);
    expect(q2.body).toMatchObject({
      openingBalance: q1.content.closingBalance,
      corrections: {
        total: '500.00',
        items: [
          {
            entryId: lateEntry,
            kind: 'INCOME',
            date: '2026-03-20T04:00:00.000Z',
            amount: '500.00',
            source: 'VENUE_RENTAL',
            correctsStatementId: q1.id,
          },
        ],
      },
      income: { total: '10000.00', bySource: { PARKING: '10000.00' } },
      closingBalance: '40500.00',
    });
    // A rival draft of part of the same quarter, for the next test.
    rival = await write('/statements', quarter('2026-06-01', '2026-07-01'));
    expect(rival.status).toBe(201);
    expect((await write(`/statements/${q2.body.id}/publish`, undefined)).status).toBe(200);
  });

  it('refuses a statement over a published period, and publishing a second draft of it, writing nothing', async () => {
    const overlap = await refusedWritingNothing(
      server,
      () => server.post(`${base()}/statements`, quarter('2026-03-01', '2026-05-01'), { token: committee }),
      409,
      'PERIOD_ALREADY_PUBLISHED',
    );
    expect(overlap.body.details).toEqual({ statementId: q1.id });
    const second = await refusedWritingNothing(
      server,
      () => server.post(`${base()}/statements/${rival.body.id}/publish`, undefined, { token: committee }),
      409,
      'PERIOD_ALREADY_PUBLISHED',
    );
    expect(second.body.details).toEqual({ statementId: q2.body.id });
  });

  it('a correction shown once is not shown again; an entry late into the second quarter corrects the second', async () => {
    server.clock.set('2026-10-02T10:00:00+08:00');
    expect((await income('7000.00', '2026-08-28T18:00:00+08:00')).status).toBe(201);
    const lateQ2 = await income('200.00', '2026-06-15T12:00:00+08:00', 'ADVERTISING');
    const q3 = await write('/statements', quarter('2026-07-01', '2026-10-01'));
    expect(q3.status).toBe(201);
    expect(q3.body).toMatchObject({
      openingBalance: q2.body.closingBalance,
      corrections: {
        total: '200.00',
        items: [
          expect.objectContaining({
            entryId: lateQ2.body.entryId,
            amount: '200.00',
            source: 'ADVERTISING',
            correctsStatementId: q2.body.id,
          }),
        ],
      },
      income: { total: '7000.00' },
      closingBalance: '47700.00',
    });
    expect(q3.body.corrections.items).toHaveLength(1);
    expect((await read('/public-revenue')).balance).toBe('47700.00');
    const csv = await csvText(server, `${base()}/statements.csv`, committee);
    expect(csv.split('\r\n')[0]).toContain('"openingBalance","corrections","income"');
  });

  it('refuses bad statement requests with a clear 4xx and a stable code, writing nothing', async () => {
    const post =
      (path: string, body: unknown, token = committee) =>
      () =>
        server.post(`${base()}${path}`, body, { token });
    await refusedWritingNothing(
      server,
      post('/statements', {
        fund: 'PUBLIC_REVENUE',
        periodStart: '2026-07-01T00:00:00+08:00',
        periodEnd: '2026-07-01T00:00:00+08:00',
      }),
      400,
      'INVALID_PERIOD',
    );
    await refusedWritingNothing(
      server,
      post('/statements', { ...quarter('2026-10-01', '2027-01-01') }),
      409,
      'PERIOD_NOT_OVER',
    );
    await refusedWritingNothing(
      server,
      post('/statements', { ...quarter('2026-07-01', '2026-10-01'), fund: 'SLUSH_FUND' }),
      400,
      'VALIDATION_FAILED',
    );
    await refusedWritingNothing(
      server,
      post('/statements', { fund: 'PUBLIC_REVENUE', periodStart: '2026-07-01', periodEnd: '2026-10-01' }),
      400,
      'VALIDATION_FAILED',
    );
    await refusedWritingNothing(
      server,
      post('/statements', { ...quarter('2026-07-01', '2026-10-01'), extra: 1 }),
      400,
      'VALIDATION_FAILED',
    );
    await refusedWritingNothing(
      server,
      post('/statements/no-such-statement/publish', undefined),
      404,
      'STATEMENT_NOT_FOUND',
    );
    await refusedWritingNothing(
      server,
      post(`/statements/${q1.id}/publish`, undefined),
      409,
      'STATEMENT_ALREADY_PUBLISHED',
    );

    const invitation = await server.post(
      '/api/v1/accounts/invitations',
      { role: 'auditor', communityId: cid },
      { token: admin },
    );
    const auditor = await server.activateAndSignIn(invitation.body.activationCode, `auditor-st-${cid.slice(0, 6)}`);
    const audit = (sid: string, body: unknown, token = auditor) => post(`/statements/${sid}/audit`, body, token);
    await refusedWritingNothing(
      server,
      audit(q1.id, { opinion: 'GLOWING', reportSha256: sha('c') }),
      400,
      'VALIDATION_FAILED',
    );
    await refusedWritingNothing(
      server,
      audit(q1.id, { opinion: 'QUALIFIED', reportSha256: 'C'.repeat(64) }),
      400,
      'VALIDATION_FAILED',
    );
    await refusedWritingNothing(server, audit(q1.id, { opinion: 'QUALIFIED' }), 400, 'VALIDATION_FAILED');
    await refusedWritingNothing(
      server,
      audit(q1.id, { opinion: 'QUALIFIED', reportSha256: sha('c') }, committee),
      403,
      'FORBIDDEN',
    );
    const draft = await write('/statements', {
      fund: 'MAINTENANCE_FUND',
      periodStart: '2026-01-01T00:00:00+08:00',
      periodEnd: '2026-07-01T00:00:00+08:00',
    });
    await refusedWritingNothing(
      server,
      audit(draft.body.id, { opinion: 'QUALIFIED', reportSha256: sha('c') }),
      409,
      'STATEMENT_NOT_PUBLISHED',
    );
    expect(
      (await write(`/statements/${q1.id}/audit`, { opinion: 'QUALIFIED', reportSha256: sha('c') }, auditor)).status,
    ).toBe(201);
    await refusedWritingNothing(
      server,
      audit(q1.id, { opinion: 'UNQUALIFIED', reportSha256: sha('d') }),
      409,
      'STATEMENT_ALREADY_AUDITED',
    );
  });
});
