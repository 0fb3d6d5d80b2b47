import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { pageReady, portalTest, screenshot, seriousViolations } from './support/browser.js';
import { draftAndOpen, smallCommunity } from './support/seed.js';

jest.setTimeout(180_000);

const TITLE = '是否聘用新物业公司';

/**
 * What goes wrong on a phone, in words a resident can act on: a server error offers a retry; a bad
 * link answers in Chinese; a stale or expired session neither breaks a public page nor strands a
 * voter; sign-in returns to the page one came from; the skip link and the back button do what they say.
 */
describe('a resident meets errors the portal lets them act on', () => {
  const portal = portalTest('portal_resident_errors', async (server) => {
    const community = await smallCommunity(server, ['O2']);
    const cid = community.communityId;
    const votes = Array.from({ length: 8 }, (_, i) => ({
      title: i === 0 ? TITLE : `第 ${i} 项表决`,
      description: '原物业合同到期，拟聘用北京某物业服务有限公司，服务费不变。',
      matter: 'HIRE_OR_FIRE_MANAGER',
    }));
    const [rid] = await draftAndOpen(server, cid, community.committee, votes);
    return { cid, rid, login: `o2-${cid.slice(0, 6)}` };
  });
  let page: Page;
  let story: { cid: string; rid: string; login: string };
  beforeAll(() => ({ page, story } = portal));
  const vote = () => `/c/${story.cid}/votes/${story.rid}`;
  const visibleMain = () => page.locator('main').innerText();

  it('offers a retry after a server error (the 500 is a test double: the browser answers it once), and the retry shows the page', async () => {
    let failures = 0;
    await page.route(`**/api/v1/communities/${story.cid}/resolutions/${story.rid}*`, async (route) => {
      if (failures++ > 0) return route.fallback();
      await route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' }),
      });
    });
    await page.goto(vote());
    await pageReady(page, '无法显示这个页面');
    const text = await visibleMain();
    expect(text).toContain('服务器出了意外的错误');
    expect(text).not.toMatch(/Internal server error/);
    await page.getByRole('button', { name: '重试' }).click();
    await pageReady(page, TITLE);
    await page.unroute(`**/api/v1/communities/${story.cid}/resolutions/${story.rid}*`);
  });

  it('answers a bad deep link in Chinese, with no id, English or code on screen', async () => {
    await page.goto(`/c/${story.cid}/votes/00000000-0000-0000-0000-000000000000`);
    await pageReady(page, '无法显示这个页面');
    const text = await visibleMain();
    expect(text).toContain('找不到这项表决');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}|NOT_FOUND|not found/i);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('signs in from an open vote and comes back to it, the ballot form at the top', async () => {
    await page.goto(vote());
    await pageReady(page, TITLE);
    await page.getByRole('link', { name: '业主请先登录后投票。' }).click();
    await page.waitForURL(/\/sign-in\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe(vote());
    await page.getByLabel('登录名').fill(story.login);
    await page.getByLabel('密码').fill(`secret-of-${story.login}`);
    await page.getByRole('button', { name: '登录' }).click();
    await pageReady(page, TITLE);
    expect(new URL(page.url()).pathname).toBe(vote());
    const form = page.getByRole('region', { name: '您的选票' });
    await form.waitFor();
    const y = async (selector: string) => (await page.locator(selector).first().boundingBox())!.y;
    expect(await y('section[aria-labelledby=ballot-h]')).toBeLessThan(await y('h2:has-text("表决内容")'));
    await screenshot(page, 'vote-open-signed-in');
  });

  it('tells a voter whose session expired mid-vote, in Chinese, with a sign-in link back to the vote, and signs the header out', async () => {
    await page.evaluate(() => {
      const s = JSON.parse(sessionStorage.getItem('gongzhi.session')!);
      sessionStorage.setItem('gongzhi.session', JSON.stringify({ ...s, token: `${s.token}x` }));
    });
    await page.getByLabel('同意').check();
    await page.getByRole('button', { name: '提交选票' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    // The keyboard's focus is on the outcome of the action, not left on the button.
    await expect(
      page.evaluate(() => document.activeElement?.contains(document.querySelector('[role=alert]')) ?? false),
    ).resolves.toBe(true);
    const link = alert.getByRole('link', { name: '登录' });
    expect(new URL(String(await link.getAttribute('href')), page.url()).searchParams.get('next')).toBe(vote());
    // The header no longer pretends the tab is signed in.
    await page.locator('#nav').getByRole('link', { name: '登录' }).waitFor();
    expect(await page.locator('#nav').innerText()).not.toMatch(/退出登录/);
  });

  it('shows a public page to a tab holding a stale token, as if signed out', async () => {
    await page.evaluate(() =>
      sessionStorage.setItem(
        'gongzhi.session',
        JSON.stringify({ token: 'stale', expiresAt: Date.now() + 3_600_000, login: 'someone', grants: [] }),
      ),
    );
    await page.goto(`/c/${story.cid}`);
    await pageReady(page, '龙泽苑');
    await page.getByRole('heading', { name: '正在进行的投票' }).waitFor();
    await page.locator('#nav').getByRole('link', { name: '登录' }).waitFor();
  });

  it('moves the focus to the content with the skip link, without drawing the page again', async () => {
    await page.goto(`/c/${story.cid}`);
    await pageReady(page, '龙泽苑');
    await page.evaluate(
      () => ((document.querySelector('main h1') as HTMLElement & { marked?: boolean }).marked = true),
    );
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('skip');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    const same = await page.evaluate(
      () => (document.querySelector('main h1') as HTMLElement & { marked?: boolean }).marked,
    );
    expect(same).toBe(true);
  });

  it('returns to the same place on the list with the back button', async () => {
    await page.goto(`/c/${story.cid}`);
    await pageReady(page, '龙泽苑');
    const link = page.getByRole('link', { name: '第 7 项表决' });
    await link.scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(300);
    await link.click();
    await pageReady(page, '第 7 项表决');
    await page.goBack();
    await pageReady(page, '龙泽苑');
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, before);
  });

  it('the accessibility check these suites rely on finds a picture with no text and grey text on white', async () => {
    await page.goto(vote());
    await pageReady(page, TITLE);
    // Styled from script: the portal's CSP refuses a style attribute.
    await page.evaluate(() => {
      const main = document.querySelector('main');
      const grey = document.createElement('p');
      grey.textContent = '淡灰色的字';
      grey.style.color = '#ddd';
      grey.style.background = '#fff';
      main?.append(document.createElement('img'), grey);
    });
    expect(await seriousViolations(page)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^image-alt \(critical\)/),
        expect.stringMatching(/^color-contrast \(serious\)/),
      ]),
    );
  });
});
