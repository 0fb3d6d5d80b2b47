import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { TestServer } from '../support/test-server.js';
import { launchBrowser, pageReady, phone, screenshot, seriousViolations } from './support/browser.js';
import { cast, closeAll, draftAndOpen, smallCommunity } from './support/seed.js';

jest.setTimeout(180_000);

/**
 * A resident who never signs in: finds the community, sees why each vote passed or failed, and follows
 * a payment from the public-revenue ledger to the vote that allowed it (SCENARIOS.md 2).
 */
describe('a resident reads votes and accounts on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let cid: string;
  let fence: string;
  let gym: string;
  let menu: string;

  beforeAll(async () => {
    server = await TestServer.start('portal_resident', { GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600) });
    const community = await smallCommunity(server);
    cid = community.communityId;
    const { committee, ownerTokens: o } = community;
    const api = `/api/v1/communities/${cid}`;
    const income = await server.post(`${api}/public-revenue/income`, { amount: '800000.00', source: 'PARKING', description: '2025年停车费', receivedAt: '2026-01-05T09:00:00+08:00' }, { token: committee });
    if (income.status !== 201) throw new Error(`income: ${income.text}`);
    [fence, gym, menu] = await draftAndOpen(server, cid, committee, [
      { title: '更换小区围栏', description: '用公共收益更换小区外围破损围栏，预算七十万元。', matter: 'SPEND_PUBLIC_REVENUE', budget: { amount: '700000.00', fund: 'PUBLIC_REVENUE' } },
      { title: '改建健身场地', description: '把2号楼北侧绿地改建为健身场地。', matter: 'CHANGE_COMMON_USE' },
      { title: '选择保洁服务', description: '每周保洁次数。', matter: 'SERVICE_MENU' },
    ]);
    // Fence: 4 of 5 heads, 380 of 500 m² take part; 3 heads and 320 m² agree: PASSED.
    for (const [owner, choice] of [['O1', 'FOR'], ['O2', 'FOR'], ['O4', 'FOR'], ['O5', 'AGAINST']]) await cast(server, cid, fence, o[owner], choice);
    // Gym (needs 3/4): 4 heads take part, 2 heads (240 of 380 m²) agree: REJECTED.
    for (const [owner, choice] of [['O1', 'FOR'], ['O2', 'AGAINST'], ['O4', 'FOR'], ['O5', 'AGAINST']]) await cast(server, cid, gym, o[owner], choice);
    // Menu: one owner of five takes part: NO_QUORUM.
    await cast(server, cid, menu, o.O1, 'FOR');
    await closeAll(server, cid, committee, [fence, gym, menu]);
    server.clock.set('2026-02-06T10:00:00+08:00');
    const paid = await server.post(`${api}/public-revenue/expenses`, { amount: '400000.00', payee: '北京某围栏工程有限公司', purpose: '新围栏第一期款', resolutionId: fence, paidAt: '2026-02-06T10:00:00+08:00' }, { token: committee });
    if (paid.status !== 201) throw new Error(`expense: ${paid.text}`);
    const statement = await server.post(`${api}/statements`, { fund: 'PUBLIC_REVENUE', periodStart: '2026-01-01T00:00:00+08:00', periodEnd: '2026-02-06T00:00:00+08:00' }, { token: committee });
    if (statement.status === 201) await server.post(`${api}/statements/${statement.body.id}/publish`, undefined, { token: committee });
    await server.get(`${api}/public-revenue?after=${paid.body.position}`);
    browser = await launchBrowser();
    ({ page, errors } = await phone(browser, server.baseUrl));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(() => expect(errors).toEqual([]));

  it('finds the community, its governing body and its past votes', async () => {
    await page.goto('/');
    await pageReady(page, '小区列表');
    await screenshot(page, 'communities');
    await page.getByRole('link', { name: '龙泽苑' }).click();
    await pageReady(page, '龙泽苑');
    await page.getByText('业主大会筹备组').waitFor();
    await page.getByText('王建国').waitFor();
    await page.getByRole('heading', { name: '已结束的投票' }).waitFor();
    await screenshot(page, 'community');
  });

  it('opens a vote that failed for too few voters and reads why, in words and as bars against 2/3', async () => {
    await page.getByRole('link', { name: '选择保洁服务' }).click();
    await pageReady(page, '选择保洁服务');
    await expect(page.locator('.verdict').innerText()).resolves.toMatch(/未通过（参与人数不足）[\s\S]*三分之二/);
    const bars = await page.locator('.meter .text').allInnerTexts();
    expect(bars[0]).toMatch(/参与投票按面积：150\.00 m² \/ 500\.00 m²（30\.0%），要求不少于三分之二（66\.7%）——未达到/);
    expect(bars[1]).toMatch(/参与投票按人数：1 人 \/ 5 人（20\.0%）.*未达到/);
    await screenshot(page, 'vote-no-quorum');
  });

  it('opens a vote rejected under the 3/4 rule and sees which condition failed', async () => {
    await page.goto(`/c/${cid}/votes/${gym}`);
    await pageReady(page, '改建健身场地');
    await expect(page.locator('.verdict').innerText()).resolves.toMatch(/未通过/);
    const bars = await page.locator('.meter .text').allInnerTexts();
    expect(bars[0]).toMatch(/——达到/); // participation by area
    expect(bars[2]).toMatch(/同意票按面积：240\.00 m² \/ 380\.00 m²（63\.2%），要求不少于四分之三（75\.0%）——未达到/);
    await screenshot(page, 'vote-rejected');
  });

  it('follows the fence payment in the public-revenue ledger to the vote behind it', async () => {
    await page.goto(`/c/${cid}`);
    await pageReady(page, '龙泽苑');
    await page.getByRole('link', { name: '公共收益' }).click();
    await pageReady(page, /公共收益/);
    await page.getByText('¥400,000.00', { exact: false }).first().waitFor();
    await expect(page.locator('figure svg[role=img]').getAttribute('aria-label')).resolves.toMatch(/余额变化图/);
    await screenshot(page, 'public-revenue');
    const row = page.locator('.entries > li', { hasText: '新围栏第一期款' });
    await row.getByRole('link', { name: '更换小区围栏' }).click();
    await pageReady(page, '更换小区围栏');
    await expect(page.locator('.verdict').innerText()).resolves.toMatch(/通过/);
    await page.getByText('¥700,000.00（资金来源：公共收益）').waitFor();
    await screenshot(page, 'vote-passed');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByText('Outcome: Passed').waitFor();
    await page.getByText(/Participation by area: 380\.00 m² of 500\.00 m² \(76\.0%\); required at least 2\/3 \(66\.7%\): met/).waitFor();
    await screenshot(page, 'vote-passed-en');
    await page.getByRole('button', { name: '切换到中文' }).click();
    await page.getByText('结果：通过').waitFor();
  });

  it('filters the ledger by kind, and offers the same filter as a CSV download', async () => {
    await page.goto(`/c/${cid}/public-revenue?kind=INCOME`);
    await pageReady(page, /公共收益/);
    await expect(page.locator('.entries > li').count()).resolves.toBe(1);
    const href = await page.getByRole('link', { name: /下载表格/ }).getAttribute('href');
    expect(href).toBe(`/api/v1/communities/${cid}/public-revenue.csv?kind=INCOME`);
    const csv = await fetch(`${server.baseUrl}${href}`);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('2025年停车费');
  });

  it('shows the maintenance fund and the statements pages, even when they are empty', async () => {
    await page.goto(`/c/${cid}/maintenance-fund`);
    await pageReady(page, /专项维修资金/);
    await screenshot(page, 'maintenance-fund');
    await page.goto(`/c/${cid}/statements`);
    await pageReady(page, /财务报告/);
    await screenshot(page, 'statements');
  });

  it('says plainly that a page is not available yet while its endpoint answers 404', async () => {
    const missing = { status: 404, contentType: 'application/json', body: JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET' }) };
    await page.route('**/api/v1/communities/*/maintenance-fund?*', (route) => route.fulfill(missing));
    await page.route('**/api/v1/communities/*/log/checkpoint', (route) => route.fulfill(missing));
    try {
      await page.goto(`/c/${cid}/maintenance-fund`);
      await pageReady(page, /专项维修资金/);
      await page.getByText('这部分内容尚未开放').waitFor();
      await page.goto('/verify');
      await pageReady(page, '核验投票回执');
      await page.getByLabel('粘贴回执内容').fill(JSON.stringify({ communityId: cid, receipt: { eventId: 'e-1', leafHash: 'a'.repeat(64) } }));
      await page.getByRole('button', { name: '开始核验' }).click();
      await page.getByText('回执核验功能尚未开放').waitFor();
    } finally {
      await page.unrouteAll();
    }
  });

  it('answers a bookmarked deep link with the portal, and an unknown API path with the API\'s 404', async () => {
    const deep = await fetch(`${server.baseUrl}/c/${cid}/votes/${fence}`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toMatch(/text\/html/);
    // A client that does not ask for a page is told plainly that nothing is there.
    expect((await fetch(`${server.baseUrl}/no-such-page`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/missing.js`, { headers: { accept: 'text/html' } })).status).toBe(404);
    const api = await fetch(`${server.baseUrl}/api/v1/no-such-thing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/json/);
    const docs = await fetch(`${server.baseUrl}/api/docs-json`);
    expect(docs.status).toBe(200);
  });

  it('has no serious or critical accessibility violations on the public pages', async () => {
    const found: Record<string, string[]> = {};
    for (const path of ['/', `/c/${cid}`, `/c/${cid}/votes/${fence}`, `/c/${cid}/votes/${menu}`, `/c/${cid}/public-revenue`, `/c/${cid}/maintenance-fund`, `/c/${cid}/statements`, '/verify']) {
      await page.goto(path);
      await pageReady(page);
      const v = await seriousViolations(page);
      if (v.length) found[path] = v;
    }
    expect(found).toEqual({});
  });
});
