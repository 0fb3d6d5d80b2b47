import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { TestServer } from '../support/test-server.js';
import { csvBehind, pageReady, portalTest, screenshot, seriousViolations, strayValues } from './support/browser.js';
import { longzeyuanStory } from './support/story.js';

jest.setTimeout(180_000);

/**
 * A resident who never signs in follows every yuan: a payment to the vote behind it (SCENARIOS.md 2),
 * the maintenance fund with its emergency use marked and its 30% flag (SCENARIOS.md 4, rules 21–22),
 * the audited statement, and each list as a spreadsheet.
 */
describe('a resident follows the money on a phone', () => {
  const portal = portalTest('portal_resident_money', longzeyuanStory);
  let server: TestServer;
  let page: Page;
  let story: Awaited<ReturnType<typeof longzeyuanStory>>;

  beforeAll(() => ({ server, page, story } = portal));

  it('sees both funds at the top of the community page, in 万元, each with a link to its entries', async () => {
    await page.goto(`/c/${story.cid}`);
    await pageReady(page, '龙泽苑');
    const glance = page.getByRole('region', { name: '账目一览' });
    const cards = await glance.locator('.card').allInnerTexts();
    expect(cards).toEqual([
      expect.stringMatching(/公共收益\s*¥40\.00 万\s*查看明细/),
      expect.stringMatching(/专项维修资金\s*¥1\.40 万\s*维修资金余额已低于[\s\S]*查看明细/),
      expect.stringContaining('财务报告'),
    ]);
    // Above the votes and the governing body: the first thing after the community's own facts.
    const top = async (selector: string) => (await page.locator(selector).first().boundingBox())!.y;
    expect(await top('.glance')).toBeLessThan(await top('h2:has-text("管理机构")'));
    // The exact yuan one tap away.
    await glance.locator('summary').first().click();
    await glance.getByText('精确金额：¥400,000.00').waitFor();
    await screenshot(page, 'community-money');
  });

  it('follows the fence payment in the public-revenue ledger to the vote behind it', async () => {
    await page.goto(`/c/${story.cid}`);
    await pageReady(page, '龙泽苑');
    await page.getByRole('link', { name: '公共收益' }).click();
    await pageReady(page, /公共收益/);
    await expect(page.locator('dl.facts').first().innerText()).resolves.toMatch(
      /当前余额\s*¥40\.00 万\s*收入\s*¥80\.00 万\s*支出\s*¥40\.00 万/,
    );
    // Where it came from and what it went to, in words beside the bars.
    await expect(page.locator('figure.breakdown').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/收入按来源\s*停车费\s*¥80\.00 万/),
      expect.stringMatching(/支出按用途\s*新围栏第一期款\s*¥40\.00 万/),
    ]);
    // Newest first.
    expect(await page.locator('.entries > li').allInnerTexts()).toEqual([
      expect.stringContaining('新围栏第一期款'),
      expect.stringContaining('2025年停车费'),
    ]);
    await expect(page.locator('figure svg[role=img]').getAttribute('aria-label')).resolves.toMatch(
      /余额变化图：从 2026年1月5日 到 2026年2月6日，最低 ¥400,000.00，最高 ¥800,000.00/,
    );
    await screenshot(page, 'public-revenue');
    const row = page.locator('.entries > li', { hasText: '新围栏第一期款' });
    await expect(row.innerText()).resolves.toMatch(/−¥400,000.00[\s\S]*收款方：北京某围栏工程有限公司/);
    await row.getByRole('link', { name: '更换小区围栏' }).click();
    await pageReady(page, '更换小区围栏');
    await expect(page.locator('.verdict').innerText()).resolves.toMatch(/通过/);
  });

  it('sees on the vote what was paid under its budget, and goes back to those entries in the ledger', async () => {
    const spent = page.getByRole('region', { name: '按此表决的支出' });
    await spent.getByText('已支出 ¥40.00 万，预算 ¥70.00 万，剩余 ¥30.00 万。').waitFor();
    await expect(spent.locator('.budget-meter').innerText()).resolves.toMatch(
      /预算已用\s*已用 ¥40\.00 万 \/ 预算 ¥70\.00 万（57\.1%），剩余 ¥30\.00 万/,
    );
    await expect(spent.locator('.budget-meter .fill').evaluate((e) => (e as HTMLElement).style.width)).resolves.toBe(
      '57.14%',
    );
    await expect(spent.locator('.entries > li').count()).resolves.toBe(1);
    await spent.getByRole('link', { name: '在账目中查看这些收支' }).click();
    await pageReady(page, /公共收益/);
    await page.getByText('只显示依据此表决的收支：').waitFor();
    expect(await page.locator('main .entries > li').allInnerTexts()).toEqual([
      expect.stringContaining('新围栏第一期款'),
    ]);
    expect(await csvBehind(page, server.baseUrl, /下载表格/)).not.toContain('2025年停车费');
  });

  it('filters the ledger by kind, and offers the same filter as a CSV download', async () => {
    await page.goto(`/c/${story.cid}/public-revenue`);
    await pageReady(page, /公共收益/);
    await page.getByText('按条件筛选').click();
    await page.getByLabel('类型').selectOption('INCOME');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/kind=INCOME/);
    await pageReady(page, /公共收益/);
    await expect(page.locator('.entries > li').count()).resolves.toBe(1);
    const href = await page.getByRole('link', { name: /下载表格/ }).getAttribute('href');
    expect(href).toBe(`/api/v1/communities/${story.cid}/public-revenue.csv?kind=INCOME`);
    const csv = await csvBehind(page, server.baseUrl, /下载表格/);
    expect(csv).toContain('2025年停车费');
    expect(csv).not.toContain('新围栏第一期款');
    await page.getByLabel('类型').selectOption('');
    await page.getByLabel('用途包含').fill('围栏');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/purpose=/);
    await pageReady(page, /公共收益/);
    expect(await page.locator('.entries > li').allInnerTexts()).toEqual([expect.stringContaining('新围栏第一期款')]);
  });

  it('shows the maintenance fund: deposits, the roof paid under its vote, the elevator marked as an emergency, and the 30% flag', async () => {
    await page.goto(`/c/${story.cid}/maintenance-fund`);
    await pageReady(page, /专项维修资金/);
    await expect(page.getByRole('status').filter({ hasText: '30%' }).innerText()).resolves.toMatch(
      /维修资金余额已低于首期归集总额的 30%，需要续筹。\s*需续筹 ¥1,000.00。/,
    );
    await expect(page.locator('dl.facts').first().innerText()).resolves.toMatch(
      /当前余额\s*¥1\.40 万\s*累计缴存\s*¥5\.00 万\s*累计使用\s*¥3\.60 万\s*其中紧急使用\s*⚠ ¥24,000.00/,
    );
    const entries = page.locator('.entries > li');
    expect(await entries.allInnerTexts()).toEqual([
      expect.stringMatching(/使用[\s\S]*−¥24,000.00[\s\S]*⚠ 紧急使用：电梯停在两层之间，有人被困[\s\S]*分摊：2 号楼/),
      expect.stringMatching(/使用[\s\S]*−¥12,000.00[\s\S]*依据的表决：1号楼屋顶防水（通过）[\s\S]*分摊：1 号楼/),
      expect.stringMatching(/缴存[\s\S]*\+¥50,000.00/),
    ]);
    await expect(entries.nth(0).getAttribute('class')).resolves.toContain('emergency-entry');
    await expect(page.locator('figure svg[role=img]').getAttribute('aria-label')).resolves.toMatch(
      /最低 ¥14,000.00，最高 ¥50,000.00。明细见下方列表。 30% 线 ¥15,000.00/,
    );
    await screenshot(page, 'maintenance-fund');
    const csv = await csvBehind(page, server.baseUrl, /下载表格/);
    expect(csv.split('\r\n').find((line) => line.includes('"24000.00"'))).toContain(
      '"EMERGENCY","电梯停在两层之间，有人被困"',
    );
    await entries.nth(1).getByRole('link', { name: '1号楼屋顶防水' }).click();
    await pageReady(page, '1号楼屋顶防水');
    await expect(page.locator('dl.facts').first().innerText()).resolves.toMatch(
      /预算\s*¥1\.20 万\s*（资金来源：专项维修资金）/,
    );
  });

  it("shows the published statement with the auditor's opinion, and the statements as CSV", async () => {
    await page.goto(`/c/${story.cid}/statements`);
    await pageReady(page, /财务报告/);
    const card = page.locator('.statements > li');
    await expect(card.count()).resolves.toBe(1);
    const text = await card.innerText();
    expect(text).toMatch(/公共收益 · 2026年1月1日 – 2026年2月6日/);
    expect(text).toMatch(/已审计\s*2026年2月7日 发布/);
    expect(text).toMatch(/期初余额\s*¥0.00\s*收入\s*¥800,000.00\s*支出\s*¥400,000.00\s*期末余额\s*¥400,000.00/);
    expect(text).toMatch(/审计意见\s*无保留意见/);
    // Fingerprints are behind "技术详情", not among the facts a resident reads.
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    await card.getByText('技术详情').click();
    expect(await card.innerText()).toMatch(/审计报告指纹（SHA-256）\s*c{64}/);
    // Rule 32: the page hashes the public copy it shows, on the phone, and finds the seal.
    await card.getByText('✓ 封存一致').waitFor();
    await card.getByText('本期支出明细（1 笔）').click();
    await card.getByRole('link', { name: '查看表决' }).waitFor();
    await screenshot(page, 'statements');
    const [header, row] = (await csvBehind(page, server.baseUrl, /下载表格/)).split('\r\n');
    const cells = Object.fromEntries(
      header.split(',').map((name, i) => [JSON.parse(name), JSON.parse(row.split(',')[i])]),
    );
    expect(cells).toMatchObject({
      status: 'AUDITED',
      income: '800000.00',
      expenses: '400000.00',
      closingBalance: '400000.00',
      opinion: 'UNQUALIFIED',
    });
  });

  it('has no serious or critical accessibility violations on the money pages', async () => {
    const found: Record<string, string[]> = {};
    for (const path of ['public-revenue', 'public-revenue?kind=EXPENSE', 'maintenance-fund', 'statements']) {
      await page.goto(`/c/${story.cid}/${path}`);
      await pageReady(page);
      const v = [...(await seriousViolations(page)), ...(await strayValues(page))];
      if (v.length) found[path] = v;
    }
    expect(found).toEqual({});
  });
});
