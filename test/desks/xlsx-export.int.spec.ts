import ExcelJS from 'exceljs';
import type { TestServer } from '../support/test-server.js';
import { TestServer as Server } from '../support/test-server.js';
import { smallCommunity } from '../support/small-community.js';

/**
 * Every list with a CSV twin has an .xlsx twin for people: the same rows, Chinese headers and words
 * for codes, Beijing times as dates, amounts and counts as numbers; the CSV keeps its machine headers.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('lists as .xlsx workbooks for people', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  let admin: string;

  async function sheet(path: string, token?: string) {
    const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const rows: unknown[][] = [];
    book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  }

  beforeAll(async () => {
    server = await Server.start('xlsx-export');
    ({ communityId: cid, committee, admin } = await smallCommunity(server, []));
    const drafted = await server.post(
      `/api/v1/communities/${cid}/resolutions`,
      {
        title: '=HYPERLINK("http://x")修补围栏',
        description: '用公共收益修补东侧围栏。',
        matter: 'SPEND_PUBLIC_REVENUE',
        opensAt: '2026-01-25T09:00:00+08:00',
        closesAt: '2026-02-04T18:00:00+08:00',
        budget: { amount: '5000.00', fund: 'PUBLIC_REVENUE' },
      },
      { token: committee },
    );
    expect(drafted.status).toBe(201);
    const income = await server.post(
      `/api/v1/communities/${cid}/public-revenue/income`,
      { amount: '1234.56', source: 'PARKING', description: '一月停车费', receivedAt: '2026-01-05T08:30:00+08:00' },
      { token: committee },
    );
    expect(income.status).toBe(201);
    await server.get(`/api/v1/communities/${cid}/public-revenue?after=${income.body.position}`);
  });
  afterAll(() => server.stop());

  it('the votes: Chinese headers and words, times as Beijing dates, a formula kept as text', async () => {
    const [header, row] = await sheet(`/communities/${cid}/resolutions.xlsx`, committee);
    expect(header.slice(0, 6)).toEqual(['编号', '标题', '事项', '状态', '投票开始', '投票截止']);
    expect(row[1]).toBe('=HYPERLINK("http://x")修补围栏');
    expect(row[2]).toBe('使用公共收益');
    expect(row[3]).toBe('草稿');
    // 09:00 in Beijing, written as the wall clock a spreadsheet shows.
    expect(row[4]).toEqual(new Date(Date.UTC(2026, 0, 25, 9, 0)));
  });

  it('the public-revenue ledger: amounts as numbers, sources in words', async () => {
    const [header, row] = await sheet(`/communities/${cid}/public-revenue.xlsx`);
    const at = (name: string) => row[header.indexOf(name)];
    expect(at('金额（元）')).toBe(1234.56);
    expect(at('来源')).toBe('停车费');
    expect(at('类别')).toBe('收入');
    expect(at('发生时间')).toEqual(new Date(Date.UTC(2026, 0, 5, 8, 30)));
  });

  it('the district view of the street office, with counts as numbers', async () => {
    const [header] = await sheet(`/regulator/communities.xlsx?district=${encodeURIComponent('昌平区')}`, admin);
    expect(header).toContain('街道');
  });

  it('the CSV twin keeps its English machine headers', async () => {
    const csv = await server.get(`/api/v1/communities/${cid}/resolutions.csv`, { token: committee });
    expect(csv.text.split('\r\n')[0]).toMatch(/^\uFEFF?"?id"?,"?title"?,"?matter"?/);
  });

  it('a refused list stays a refusal in JSON, not a workbook', async () => {
    const answer = await server.get(`/api/v1/regulator/communities.xlsx`);
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBeDefined();
  });
});
