import ExcelJS from 'exceljs';
import { refusedWritingNothing } from '../elections/support.js';
import { SMALL_ROSTER } from '../support/small-community.js';
import { communityWithCommittee, type TestServer, TestServer as Server } from '../support/test-server.js';

/**
 * The committee's desk previews before it writes: a roster file judged row by row (every bad row at
 * once, with the totals the good rows would make), and a withdrawal's apportionment; and it takes the
 * roster and the deposits as the .xlsx a committee keeps them in.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = 'unitId,building,areaM2,ownerIds,representativeId';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n');

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名册');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('imports the committee previews, and imports from spreadsheets', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  const api = (path: string) => `/api/v1/communities/${cid}${path}`;
  const importCsv = (text: string, query = '') =>
    server.request('POST', api(`/units:import${query}`), { token: committee, raw: { contentType: 'text/csv', text } });
  const upload = async (path: string, bytes: Buffer) => {
    const response = await fetch(`${server.baseUrl}${api(path)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${committee}`, 'content-type': XLSX },
      body: new Uint8Array(bytes),
    });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as Record<string, any>, headers: response.headers, text };
  };

  beforeAll(async () => {
    server = await Server.start('import-preview');
    ({ communityId: cid, committee } = await communityWithCommittee(server, '龙泽苑'));
    const owners = await server.post(api('/owners'), SMALL_ROSTER.owners, { token: committee });
    expect(owners.status).toBe(201);
  });
  afterAll(() => server.stop());

  it('previews an owners file, every bad row listed with the count by kind, then registers it from an .xlsx', async () => {
    const rows = [
      ['ownerId', 'name', 'kind'],
      ['O1', '张伟', 'PERSON'],
      ['O6', '赵磊', ''],
      ['O7', '某某物业公司', 'organisation'],
      ['O6', '赵磊', 'PERSON'],
      ['O 8', '孙丽', 'PERSON'],
      ['O9', '周杰', 'TENANT'],
    ];
    const before = await server.storedEventCount();
    const preview = await upload('/owners:import?dryRun=true', await workbook(rows));
    expect(preview.status).toBe(200);
    expect(preview.body.kinds).toEqual({ PERSON: 1, ORGANISATION: 1, DEVELOPER: 0 });
    expect(preview.body.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
      [2, 'OWNER_ALREADY_REGISTERED'],
      [5, 'DUPLICATE_OWNER'],
      [6, 'INVALID_OWNER_ROW'],
      [7, 'INVALID_OWNER_ROW'],
    ]);
    expect(await server.storedEventCount()).toBe(before);
    await refusedWritingNothing(server, () => upload('/owners:import', Buffer.from('PK')), 400, 'MALFORMED_XLSX');
    const registered = await upload('/owners:import', await workbook([rows[0], rows[2], rows[3]]));
    expect(registered.status).toBe(201);
    expect(Object.keys(registered.body.activationCodes)).toEqual(['O6', 'O7']);
  });

  it('a dry run lists every bad row, parser and roster alike, with the totals of the good ones, and writes nothing', async () => {
    const before = await server.storedEventCount();
    const answer = await importCsv(
      csv(
        '1-101,1,100.00,O1,',
        '1-102,1,abc,O1,',
        '1-201,1,80.00,O2;O3,O2',
        '1-202,1,80.00,O9,',
        '1-101,1,70.00,O4,',
        '2-101,2,90.00,O4,',
        '2-102,2,60.00,O2;O5,',
      ),
      '?dryRun=true',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.dryRun).toBe(true);
    expect(answer.body.rows).toBe(7);
    expect(answer.body.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
      [3, 'INVALID_ROSTER_ROW'],
      [5, 'UNKNOWN_OWNER'],
      [6, 'DUPLICATE_UNIT'],
      [8, 'REPRESENTATIVE_REQUIRED'],
    ]);
    // 1-101 (O1), 1-201 (O2+O3), 2-101 (O4): three units, three heads, 270 m².
    expect(answer.body.totals).toEqual({ units: 3, heads: 3, areaM2: '270.00' });
    expect(await server.storedEventCount()).toBe(before);
  });

  it('without the dry run the same file is refused whole at its first bad row, as before', async () => {
    await refusedWritingNothing(
      server,
      () => importCsv(csv('1-101,1,100.00,O1,', '1-102,1,abc,O1,', '1-202,1,80.00,O9,')),
      400,
      'INVALID_ROSTER_ROW',
    );
  });

  it('a dry run is the committee’s: a stranger is refused', async () => {
    const answer = await server.request('POST', api('/units:import?dryRun=true'), {
      raw: { contentType: 'text/csv', text: csv('1-101,1,100.00,O1,') },
    });
    expect(answer.status).toBe(401);
  });

  it('imports the roster from an .xlsx, areas typed as numbers, the same as its CSV', async () => {
    const rows = [
      HEADER.split(','),
      ...SMALL_ROSTER.units.map((u) => [
        u.unitId,
        u.building,
        Number(u.areaM2),
        u.ownerIds.join(';'),
        u.representativeId ?? '',
      ]),
    ];
    const bytes = await workbook(rows);
    const preview = await upload('/units:import?dryRun=true', bytes);
    expect({ status: preview.status, body: preview.body }).toEqual({
      status: 200,
      body: { dryRun: true, rows: 6, totals: { units: 6, heads: 5, areaM2: '500.00' }, problems: [] },
    });
    const imported = await upload('/units:import', bytes);
    expect(imported.status).toBe(201);
    expect(imported.body.count).toBe(6);
    const roster = await server.get(api(`/roster?after=${imported.body.position}`), { token: committee });
    expect(roster.body.totals).toMatchObject({ units: 6, heads: 5, areaM2: '500.00' });
  });

  it('refuses bytes that are no workbook in words, writing nothing', async () => {
    await refusedWritingNothing(
      server,
      () => upload('/units:import', Buffer.from('not a zip at all')),
      400,
      'MALFORMED_XLSX',
    );
  });

  it('imports deposits from an .xlsx whose dates are spreadsheet dates, read as Beijing time', async () => {
    const bytes = await workbook([
      ['unitId', 'amount', 'depositedAt'],
      // A date cell holds the wall clock typed: 2026-01-05 09:00 in Beijing.
      ['1-101', 10000, new Date(Date.UTC(2026, 0, 5, 9, 0))],
      ['2-101', '9000.00', '2026-01-05T09:00:00+08:00'],
    ]);
    const answer = await upload('/maintenance-fund/deposits:import', bytes);
    expect(answer.status).toBe(201);
    const fund = await server.get(api(`/maintenance-fund/units/1-101?after=${answer.body.position}`), {
      token: committee,
    });
    expect(fund.status).toBe(200);
    expect(JSON.stringify(fund.body)).toContain('2026-01-05T01:00:00');
  });

  it('a withdrawal dry run answers the apportionment by area and writes nothing; the real one then apportions the same', async () => {
    const body = {
      amount: '190.00',
      payee: '电梯公司',
      purpose: '电梯困人',
      emergency: { reason: '电梯停在两层之间', evidenceSha256: 'a'.repeat(64) },
      units: ['1-101', '2-101'],
      paidAt: server.clock.now().toISOString(),
    };
    const before = await server.storedEventCount();
    const preview = await server.post(api('/maintenance-fund/withdrawals?dryRun=true'), body, { token: committee });
    expect(preview.status).toBe(200);
    expect(preview.body.shares).toEqual([
      { unitId: '1-101', areaM2: '100.00', amount: '100.00' },
      { unitId: '2-101', areaM2: '90.00', amount: '90.00' },
    ]);
    expect(preview.body.entryId).toBeUndefined();
    expect(await server.storedEventCount()).toBe(before);
    const paid = await server.post(api('/maintenance-fund/withdrawals'), body, { token: committee });
    expect(paid.status).toBe(201);
    expect(paid.body.shares).toEqual(preview.body.shares);
  });

  it('a withdrawal dry run is refused as the withdrawal would be', async () => {
    await refusedWritingNothing(
      server,
      () =>
        server.post(
          api('/maintenance-fund/withdrawals?dryRun=true'),
          {
            amount: '1000000.00',
            payee: '电梯公司',
            purpose: '电梯困人',
            emergency: { reason: '电梯停在两层之间', evidenceSha256: 'a'.repeat(64) },
            units: ['1-101'],
            paidAt: server.clock.now().toISOString(),
          },
          { token: committee },
        ),
      409,
      'INSUFFICIENT_UNIT_BALANCE',
    );
  });
});
