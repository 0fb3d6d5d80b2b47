import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { TestServer } from '../support/test-server.js';
import { pageReady, portalTest, screenshot, seriousViolations, signIn, strayValues } from './support/browser.js';
import { longzeyuanStory } from './support/story.js';

jest.setTimeout(180_000);

/** An owner finds "我家的维修资金": the unit's balance and its share of each withdrawal, newest first. */
describe("an owner reads their unit's share of the maintenance fund", () => {
  const portal = portalTest('portal_my_fund', longzeyuanStory);
  let server: TestServer;
  let page: Page;
  let story: Awaited<ReturnType<typeof longzeyuanStory>>;
  beforeAll(() => ({ server, page, story } = portal));

  it("shows 1-101's balance and its share of the roof repair beside the repair's whole amount", async () => {
    const login = `o1-${story.cid.slice(0, 6)}`;
    await signIn(page, login);
    await page.getByRole('link', { name: '我家的维修资金' }).first().click();
    await pageReady(page, '我家的维修资金');
    await page.getByLabel('房屋编号').fill('1-101');
    await page.getByRole('button', { name: '查看' }).click();
    await page.getByRole('heading', { name: '1-101 的维修资金' }).waitFor();
    const token = await server.signIn(login, `secret-of-${login}`);
    const unit = (await server.get(`/api/v1/communities/${story.cid}/maintenance-fund/units/1-101`, { token })).body;
    const roof = unit.history.find((m: { purpose: string | null }) => m.purpose === '1号楼屋顶防水');
    const share = roof.amount.replace('-', '');
    const grouped = (s: string) => {
      const [whole, fraction] = s.split('.');
      return `${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${fraction}`;
    };
    await expect(page.locator('dl.facts').innerText()).resolves.toMatch(/当前余额/);
    const cards = await page.locator('.entries > li').allInnerTexts();
    // Newest first: the roof's share, then the deposit.
    expect(cards).toEqual([
      expect.stringMatching(
        new RegExp(`使用[\\s\\S]*−¥${grouped(share)}[\\s\\S]*本户分摊 ¥${grouped(share)}，占这笔支出 ¥12,000\\.00 的`),
      ),
      expect.stringMatching(/缴存[\s\S]*\+¥10,000\.00/),
    ]);
    expect(cards[0]).toContain(`本户余额：¥${grouped(unit.balance)}`);
    await screenshot(page, 'my-fund');
    expect([...(await seriousViolations(page)), ...(await strayValues(page))]).toEqual([]);
  });

  it('remembers the unit on this device, and refuses a unit that is not theirs in Chinese', async () => {
    await page.goto(`/c/${story.cid}/my-fund`);
    await page.getByRole('heading', { name: '1-101 的维修资金' }).waitFor();
    await page.getByLabel('房屋编号').fill('2-101');
    await page.getByRole('button', { name: '查看' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).not.toMatch(/[A-Z_]{6,}|forbidden/i);
  });
});
