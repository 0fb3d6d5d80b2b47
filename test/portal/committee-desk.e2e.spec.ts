import { jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { TestServer } from '../support/test-server.js';
import { launchBrowser, pageReady, phone, screenshot, seriousViolations } from './support/browser.js';
import { draftAndOpen, smallCommunity } from './support/seed.js';

jest.setTimeout(180_000);

/** The committee's desk: paper ballots with the scan's hash computed in the browser, income, and votes moved along. */
describe('a committee member works at the desk', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let cid: string;
  let rid: string;
  let chair: string;

  beforeAll(async () => {
    server = await TestServer.start('portal_committee', { GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600) });
    const community = await smallCommunity(server);
    cid = community.communityId;
    chair = `chair-${cid.slice(0, 8)}`;
    [rid] = await draftAndOpen(server, cid, community.committee, [{ title: '是否更换电梯', description: '3号楼电梯已运行二十年。', matter: 'OTHER_MAJOR' }]);
    browser = await launchBrowser();
    ({ page, errors } = await phone(browser, server.baseUrl));
    await page.goto('/sign-in');
    await pageReady(page, '登录');
    await page.getByLabel('登录名').fill(chair);
    await page.getByLabel('密码').fill(`secret-of-${chair}`);
    await page.getByRole('button', { name: '登录' }).click();
    await pageReady(page, '我的投票');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(() => expect(errors).toEqual([]));

  it('enters a paper ballot whose scan is hashed on the device, never uploaded', async () => {
    await page.getByRole('link', { name: '委员会工作台' }).click();
    await pageReady(page, /委员会工作台/);
    const scan = Buffer.from('扫描件：刘洋 同意 签名');
    await page.getByLabel('业主编号').fill('O4');
    await page.locator('fieldset.choices').last().getByLabel('反对').check();
    await page.getByLabel('选票扫描件').setInputFiles({ name: 'ballot-O4.jpg', mimeType: 'image/jpeg', buffer: scan });
    const sha = createHash('sha256').update(scan).digest('hex');
    await page.getByText(sha).waitFor();
    await page.getByRole('button', { name: '录入' }).click();
    await page.getByText('已保存。').waitFor();
    const record = await server.get(`/api/v1/communities/${cid}/resolutions/${rid}/quorum-record`, { token: await server.signIn(chair, `secret-of-${chair}`) });
    expect(record.body.ballots).toEqual([expect.objectContaining({ ownerId: 'O4', channel: 'PAPER', choice: 'AGAINST', evidenceSha256: sha })]);
    await screenshot(page, 'committee-desk');
  });

  it('records public revenue received', async () => {
    const form = page.locator('form', { has: page.getByRole('group', { name: '登记收入' }) });
    await form.getByLabel('金额').fill('12000.50');
    await form.getByLabel('来源').selectOption('ADVERTISING');
    await form.getByLabel('说明').fill('电梯广告一月');
    await form.getByLabel('收款日期').fill('2026-01-20T10:00');
    await form.getByRole('button', { name: '登记收入' }).click();
    await form.getByText('已保存。').waitFor();
    const ledger = await server.get(`/api/v1/communities/${cid}/public-revenue`);
    expect(ledger.body.entries).toEqual([expect.objectContaining({ amount: '12000.50', source: 'ADVERTISING', occurredAt: '2026-01-20T02:00:00.000Z' })]);
  });

  it('drafts a vote in Beijing time and announces it', async () => {
    const form = page.locator('form', { has: page.getByRole('group', { name: '发起表决' }) });
    await form.getByLabel('标题').fill('是否增设充电桩');
    await form.getByLabel('表决内容').fill('在地下车库增设二十个充电桩。');
    await form.getByLabel('表决事项').selectOption('CHANGE_COMMON_USE');
    await form.getByLabel('开始时间').fill('2026-03-01T09:00');
    await form.getByLabel('截止时间').fill('2026-03-10T18:00');
    await form.getByRole('button', { name: '保存草稿' }).click();
    const row = page.locator('.votes > li', { hasText: '是否增设充电桩' });
    await row.getByRole('button', { name: '公告' }).click();
    await row.getByText('已公告，尚未开始').waitFor();
    const list = await server.get(`/api/v1/communities/${cid}/resolutions`);
    expect(list.body.find((r: { title: string }) => r.title === '是否增设充电桩')).toMatchObject({ status: 'POSTED', opensAt: '2026-03-01T01:00:00.000Z' });
  });

  it('has no serious or critical accessibility violations on the desk', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });
});
