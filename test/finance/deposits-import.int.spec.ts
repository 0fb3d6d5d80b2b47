import { refusedWritingNothing } from '../elections/support.js';
import { jimenliOwners, jimenliUnits, jimenliUnitsCsv } from '../support/jimenli.js';
import { communityWithCommittee, TestServer } from '../support/test-server.js';

/**
 * Rule 20: the committee loads owners' deposits from the bank's list as CSV (unitId,amount,depositedAt),
 * all of it or none: the first bad row refuses the file, naming the row and what is wrong with it.
 * The roster is 蓟门里's 3,100 units; the file pays into its first 300.
 */
const IMPORTED = 300;
const AT = '2026-01-05T09:00:00+08:00';

describe('maintenance-fund deposits imported as CSV (rule 20)', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  let owner: string;
  const units = jimenliUnits().slice(0, IMPORTED);
  // 100 yuan per square metre: the area's digits are the fen.
  const rows = units.map((u) => ({ unitId: u.unitId, amount: `${u.area}.00`, depositedAt: AT }));
  const total = units.reduce((sum, u) => sum + u.area * 100n, 0n);
  const csvOf = (
    lines: { unitId: string; amount: string; depositedAt: string }[],
    header = 'unitId,amount,depositedAt',
  ) => [header, ...lines.map((l) => `${l.unitId},${l.amount},${l.depositedAt}`)].join('\r\n');
  const importCsv = (text: string, token = committee) =>
    server.request('POST', `/api/v1/communities/${cid}/maintenance-fund/deposits:import`, {
      token,
      raw: { contentType: 'text/csv', text },
    });
  const fund = () => server.get(`/api/v1/communities/${cid}/maintenance-fund?limit=1`, { token: committee });

  beforeAll(async () => {
    server = await TestServer.start('deposits-import', { GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600) });
    ({ communityId: cid, committee } = await communityWithCommittee(server, '蓟门里'));
    const owners = await server.post(`/api/v1/communities/${cid}/owners`, jimenliOwners(), { token: committee });
    expect(owners.status).toBe(201);
    const roster = await server.request('POST', `/api/v1/communities/${cid}/units:import`, {
      token: committee,
      raw: { contentType: 'text/csv', text: jimenliUnitsCsv() },
    });
    expect(roster.status).toBe(201);
    owner = await server.activateAndSignIn(
      owners.body.activationCodes[units[0].ownerIds[0]],
      `jml-owner-${cid.slice(0, 6)}`,
    );
  });
  afterAll(() => server.stop());

  /** The file with one row replaced; rows are numbered as a spreadsheet shows them (the header is row 1). */
  const withRow = (row: number, replacement: Partial<(typeof rows)[number]>) =>
    csvOf(rows.map((r, i) => (i + 2 === row ? { ...r, ...replacement } : r)));

  it.each([
    [
      'a unit not on the roster',
      57,
      { unitId: '99-9-999' },
      400,
      'UNKNOWN_UNIT',
      /row 57 \(unit 99-9-999\): unit 99-9-999 is not on the roster/,
    ],
    ['a negative amount', 120, { amount: '-3' }, 400, 'INVALID_AMOUNT', /row 120 \(unit [\w-]+\): amount "-3"/],
    ['three decimals', 201, { amount: '12.345' }, 400, 'INVALID_AMOUNT', /row 201 \(unit [\w-]+\): amount "12\.345"/],
    ['a zero amount', 9, { amount: '0.00' }, 400, 'INVALID_AMOUNT', /row 9 .*more than zero/],
    [
      'a date that does not exist',
      299,
      { depositedAt: '2026-02-30T09:00:00+08:00' },
      400,
      'INVALID_TIME',
      /row 299 \(unit [\w-]+\): depositedAt "2026-02-30T09:00:00\+08:00"/,
    ],
    [
      'a date without time or offset',
      3,
      { depositedAt: '2026-01-05' },
      400,
      'INVALID_TIME',
      /row 3 .*an RFC 3339 time with an offset/,
    ],
    [
      'a date in the future',
      44,
      { depositedAt: '2027-01-05T09:00:00+08:00' },
      400,
      'TIME_IN_FUTURE',
      /row 44 \(unit [\w-]+\): depositedAt/,
    ],
    ['an empty unitId', 88, { unitId: '' }, 400, 'INVALID_DEPOSIT_ROW', /row 88: unitId is empty/],
    [
      'the same unit twice',
      150,
      { unitId: rows[10].unitId },
      400,
      'DUPLICATE_UNIT',
      /row 150 \(unit [\w-]+\): unit [\w-]+ is listed twice \(first at row 12\)/,
    ],
  ])(
    'refuses a file with %s, naming the row and the reason, writing nothing',
    async (_what, row, replacement, status, code, message) => {
      const answer = await refusedWritingNothing(server, () => importCsv(withRow(row, replacement)), status, code);
      expect(answer.body.message).toMatch(message);
      expect(answer.body.details).toMatchObject({ row });
      expect((await fund()).body).toMatchObject({ balance: '0.00', page: { total: 0 } });
    },
  );

  it.each([
    ['an empty file', '', 'NO_DEPOSITS'],
    ['a header without rows', 'unitId,amount,depositedAt\r\n', 'NO_DEPOSITS'],
    ['a header without the amount column', csvOf(rows.slice(0, 2), 'unitId,sum,depositedAt'), 'MISSING_COLUMN'],
    [
      'a quoted field never closed',
      'unitId,amount,depositedAt\r\n"1-1-101,1.00,2026-01-05T09:00:00+08:00',
      'MALFORMED_CSV',
    ],
  ])('refuses %s (400), writing nothing', async (_what, text, code) => {
    await refusedWritingNothing(server, () => importCsv(text), 400, code);
  });

  it('refuses the list as JSON on the import route, and the import from an owner or a stranger, writing nothing', async () => {
    await refusedWritingNothing(
      server,
      () => server.post(`/api/v1/communities/${cid}/maintenance-fund/deposits:import`, rows, { token: committee }),
      400,
      'EXPECTED_CSV',
    );
    await refusedWritingNothing(server, () => importCsv(csvOf(rows), owner), 403, 'FORBIDDEN');
    await refusedWritingNothing(
      server,
      () =>
        server.request('POST', `/api/v1/communities/${cid}/maintenance-fund/deposits:import`, {
          raw: { contentType: 'text/csv', text: csvOf(rows) },
        }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it(`imports ${IMPORTED} deposits in one entry, each into its unit's own sub-account`, async () => {
    // As a spreadsheet saves it: a byte-order mark, quoted fields, columns in another order.
    const text =
      '\ufeff"depositedAt","unitId","amount"\r\n' +
      rows.map((r) => `"${r.depositedAt}","${r.unitId}","${r.amount}"`).join('\r\n') +
      '\r\n';
    const answer = await importCsv(text);
    expect(answer.status).toBe(201);
    const totalYuan = `${total / 100n}.${String(total % 100n).padStart(2, '0')}`;
    expect(answer.body).toMatchObject({ count: IMPORTED, total: totalYuan });

    const view = await server.get(`/api/v1/communities/${cid}/maintenance-fund?after=${answer.body.position}`, {
      token: committee,
    });
    expect(view.body).toMatchObject({ balance: totalYuan, initialTotal: totalYuan, page: { total: 1 } });
    expect(view.body.entries[0]).toMatchObject({ kind: 'DEPOSIT', amount: totalYuan, entryId: answer.body.entryId });
    const balances = new Map(view.body.units.map((u: { unitId: string; balance: string }) => [u.unitId, u.balance]));
    expect(balances.size).toBe(IMPORTED);
    for (const r of rows) expect(balances.get(r.unitId)).toBe(r.amount);

    const mine = await server.get(`/api/v1/communities/${cid}/maintenance-fund/units/${units[0].unitId}`, {
      token: owner,
    });
    expect(mine.body).toMatchObject({
      balance: rows[0].amount,
      history: [{ kind: 'DEPOSIT', amount: rows[0].amount, balanceAfter: rows[0].amount }],
    });
  });

  it('answers a retried import (same Idempotency-Key) with the first answer, booking nothing twice', async () => {
    const text = csvOf(rows.slice(0, 2).map((r) => ({ ...r, amount: '1.00' })));
    const send = () =>
      server.request('POST', `/api/v1/communities/${cid}/maintenance-fund/deposits:import`, {
        token: committee,
        headers: { 'idempotency-key': `deposits-${cid}` },
        raw: { contentType: 'text/csv', text },
      });
    const first = await send();
    expect(first.status).toBe(201);
    const before = (
      await server.get(`/api/v1/communities/${cid}/maintenance-fund?limit=1&after=${first.body.position}`)
    ).body;
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const after = (await server.get(`/api/v1/communities/${cid}/maintenance-fund?limit=1&after=${again.body.position}`))
      .body;
    expect([after.balance, after.page.total]).toEqual([before.balance, before.page.total]);
  });
});
