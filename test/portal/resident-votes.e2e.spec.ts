import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { TestServer } from '../support/test-server.js';
import {
  bars,
  csvBehind,
  pageReady,
  portalTest,
  screenshot,
  seriousViolations,
  strayValues,
} from './support/browser.js';
import { longzeyuanStory } from './support/story.js';

jest.setTimeout(180_000);

/**
 * A resident who never signs in: finds the community and who governs it, sees why each vote passed or
 * failed and who an election seated, at a glance (bars against the threshold lines) and in words.
 */
describe('a resident reads votes, elections and the governing body on a phone', () => {
  const portal = portalTest('portal_resident_votes', longzeyuanStory);
  let server: TestServer;
  let page: Page;
  let story: Awaited<ReturnType<typeof longzeyuanStory>>;

  beforeAll(() => ({ server, page, story } = portal));

  it('finds the community, its preparatory group with the filing overdue, its votes and its election', async () => {
    await page.goto('/');
    await pageReady(page, '小区列表');
    await expect(page.locator('.card', { hasText: '龙泽苑' }).innerText()).resolves.toContain(
      '管理机构：业主大会筹备组',
    );
    await screenshot(page, 'communities');
    await page.getByRole('link', { name: '龙泽苑' }).click();
    await pageReady(page, '龙泽苑');
    const body = page.getByRole('region', { name: '管理机构' });
    await body.getByText('业主大会筹备组').first().waitFor();
    await body.getByText('王建国').waitFor();
    await body.getByText('等待街道办事处备案').waitFor();
    await body.getByText('业主委员会选出已超过 30 日仍未备案。').waitFor();
    await page.getByRole('heading', { name: '已结束的投票' }).waitFor();
    const election = page.locator('.card', { has: page.getByRole('link', { name: '龙泽苑第一届业主委员会选举' }) });
    await expect(election.innerText()).resolves.toMatch(/当选：张伟、刘洋、李娜[\s\S]*选出委员/);
    await screenshot(page, 'community');
  });

  it('offers every list on the community page as a CSV download', async () => {
    const votes = await csvBehind(page, server.baseUrl, '下载全部表决（CSV）');
    for (const title of ['更换小区围栏', '改建健身场地', '更换门禁系统', '1号楼屋顶防水'])
      expect(votes).toContain(title);
    expect(await csvBehind(page, server.baseUrl, '下载全部选举（CSV）')).toContain('龙泽苑第一届业主委员会选举');
    expect(await csvBehind(page, server.baseUrl, '下载成员名单（CSV）')).toContain('王建国');
  });

  it('opens the election and sees each candidate against the threshold, and who took the three seats', async () => {
    await page.locator('.card').getByRole('link', { name: '龙泽苑第一届业主委员会选举' }).click();
    await pageReady(page, '龙泽苑第一届业主委员会选举');
    await expect(page.locator('.verdict').innerText()).resolves.toMatch(/结果：选出委员/);
    await page.getByText('张伟、刘洋、李娜').waitFor();
    // Candidates in rank order: C1 380 m², C3 300 m², C2 290 m², then C4, who is not elected.
    const cards = page.locator('.candidates > li');
    expect(await cards.locator('h3').allInnerTexts()).toEqual([
      expect.stringMatching(/张伟\s*当选委员/),
      expect.stringMatching(/刘洋\s*当选委员/),
      expect.stringMatching(/李娜\s*当选委员/),
      expect.stringMatching(/陈静\s*未当选/),
    ]);
    const turnout = await bars(page, '[aria-labelledby=turnout-h]');
    expect(turnout.map((b) => [b.verdict, b.width, b.line])).toEqual([
      ['met', 76, 66.67],
      ['met', 80, 66.67],
    ]);
    const c4 = await bars(page, '.candidates > li:nth-child(4)');
    expect(c4.map((b) => b.verdict)).toEqual(['unmet', 'unmet']);
    expect(c4[0].text).toMatch(/同意票按面积：170\.00 m² \/ 380\.00 m²（44\.7%），要求超过半数（50\.0%）——未达到/);
    expect(c4[1]).toMatchObject({ width: 50, line: 50 }); // 2 of 4 heads is not more than half
    expect(await csvBehind(page, server.baseUrl, '下载候选人得票（CSV）')).toMatch(/"C4","陈静","O5",2,"170.00",false/);
    await screenshot(page, 'election');
  });

  it('says whose vote a repair of one building is: its owners alone, on their heads and area (rule 25)', async () => {
    await page.goto(`/c/${story.cid}/votes/${story.roof}`);
    await pageReady(page, '1号楼屋顶防水');
    await page.getByText('仅由承担费用的业主表决：1 号楼').waitFor();
    const [byArea, byHeads] = await bars(page);
    expect(byArea.text).toMatch(/230\.00 m² \/ 230\.00 m²/);
    expect(byHeads.text).toMatch(/2 人 \/ 2 人/);
  });

  it('shows a vote that failed for too few voters: both participation bars short of the 2/3 line', async () => {
    await page.goto(`/c/${story.cid}/votes/${story.gate}`);
    await pageReady(page, '更换门禁系统');
    await expect(page.locator('.verdict').innerText()).resolves.toMatch(/未通过（参与人数不足）[\s\S]*三分之二/);
    const [byArea, byHeads] = await bars(page);
    expect(byArea).toMatchObject({ verdict: 'unmet', width: 30, line: 66.67 });
    expect(byArea.text).toMatch(
      /参与投票按面积：150\.00 m² \/ 500\.00 m²（30\.0%），要求不少于三分之二（66\.7%）——未达到/,
    );
    expect(byHeads).toMatchObject({ verdict: 'unmet', width: 20, line: 66.67 });
    expect(byHeads.text).toMatch(/参与投票按人数：1 人 \/ 5 人（20\.0%）.*未达到/);
    // The one owner who voted agreed, but under a failed quorum that counts for nothing: no green, no ✓.
    await expect(page.locator('.verdict').innerText()).resolves.toMatch(
      /参与投票的业主按面积只有 30\.0%、按人数只有 20\.0%，未达到不少于三分之二（66\.7%）的要求，表决无效。/,
    );
    const approval = (await bars(page)).slice(2);
    expect(approval.map((b) => b.verdict)).toEqual(['void', 'void']);
    for (const b of approval) expect(b.text).not.toMatch(/✓|——达到/);
    expect(await page.locator('main .meter .ok').count()).toBe(0);
    await expect(page.locator('.split').getAttribute('class')).resolves.toBe('split void');
    await screenshot(page, 'vote-no-quorum');
  });

  it('shows a vote rejected under the 3/4 rule: participation met, approval by area short of the 3/4 line', async () => {
    await page.goto(`/c/${story.cid}/votes/${story.gym}`);
    await pageReady(page, '改建健身场地');
    await expect(page.locator('.verdict').innerText()).resolves.toMatch(/结果：未通过/);
    const drawn = await bars(page);
    expect(drawn.map((b) => [b.verdict, b.width, b.line])).toEqual([
      ['met', 76, 66.67],
      ['met', 80, 66.67],
      ['unmet', 63.16, 75],
      ['unmet', 50, 75],
    ]);
    expect(drawn[2].text).toMatch(
      /同意票按面积：240\.00 m² \/ 380\.00 m²（63\.2%），要求不少于四分之三（75\.0%）——未达到/,
    );
    // The reason in one sentence, with the bars' own figures.
    await expect(page.locator('.verdict').innerText()).resolves.toMatch(
      /参与达到了要求，但同意票按面积只有 63\.2%、按人数只有 50\.0%，未达到不少于四分之三（75\.0%）的要求。/,
    );
    // One rounding: the legend under the split bar prints what the bars print.
    expect(await page.locator('.legend li').allInnerTexts()).toEqual([
      '同意 63.2%（按面积）',
      '反对 36.8%（按面积）',
      '弃权 0.0%（按面积）',
    ]);
    await screenshot(page, 'vote-rejected');
  });

  it('shows a passed vote: every bar past its line, in Chinese and in English', async () => {
    await page.goto(`/c/${story.cid}/votes/${story.fence}`);
    await pageReady(page, '更换小区围栏');
    await expect(page.locator('.verdict').innerText()).resolves.toMatch(/结果：通过/);
    const drawn = await bars(page);
    expect(drawn.map((b) => [b.verdict, b.width, b.line])).toEqual([
      ['met', 76, 66.67],
      ['met', 80, 66.67],
      ['met', 84.21, 50],
      ['met', 75, 50],
    ]);
    const facts = await page.locator('dl.facts').first().innerText();
    expect(facts).toMatch(/预算\s*¥70\.00 万\s*（资金来源：公共收益）/);
    // The rulebook by its name; its id and version, and the vote's id, folded under the technical details.
    expect(facts).toMatch(/适用规则\s*北京市物业管理条例（2020）/);
    const main = await page.locator('main').innerText();
    expect(main).not.toMatch(/CN-BEIJING-2020|[0-9a-f]{8}-[0-9a-f]{4}-/);
    await page.getByText('技术详情').first().click();
    await expect(page.locator('details.tech').first().innerText()).resolves.toMatch(/CN-BEIJING-2020 \S+[\s\S]*ID/);
    await screenshot(page, 'vote-passed');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByText('Outcome: Passed').waitFor();
    await page
      .getByText(/Participation by area: 380\.00 m² of 500\.00 m² \(76\.0%\); required at least 2\/3 \(66\.7%\): met/)
      .waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await screenshot(page, 'vote-passed-en');
    await page.getByRole('button', { name: '切换到中文' }).click();
    await page.getByText('结果：通过').waitFor();
  });

  it('sees the committee take office once the street office files it, late, with its term and history', async () => {
    await story.fileCommittee();
    await page.goto(`/c/${story.cid}`);
    await pageReady(page, '龙泽苑');
    const body = page.getByRole('region', { name: '管理机构' });
    await body.getByText('业主委员会', { exact: true }).waitFor();
    expect(await body.locator('.members li').allInnerTexts()).toEqual(['张伟', '刘洋', '李娜']);
    await expect(body.innerText()).resolves.toMatch(/任期\s*2026年2月4日 – 2031年2月4日/);
    await expect(body.innerText()).resolves.toMatch(/备案\s*已在街道办事处备案（2026年3月10日，逾期）/);
    expect(await body.getByText('业主委员会选出已超过 30 日仍未备案。').count()).toBe(0);
    const history = await body.locator('.history li').allInnerTexts();
    expect(history).toEqual([
      expect.stringMatching(/街道办事处组建业主大会筹备组，1 人/),
      expect.stringMatching(/龙泽苑第一届业主委员会选举：选出委员，选出 3 人/),
      expect.stringMatching(/业主委员会完成备案，3 人（逾期）/),
    ]);
    await screenshot(page, 'community-committee');
    await page.getByRole('link', { name: '小区', exact: true }).click();
    await pageReady(page, '小区列表');
    await expect(page.locator('.card', { hasText: '龙泽苑' }).innerText()).resolves.toContain('管理机构：业主委员会');
  });

  it('has no serious or critical accessibility violations on the community, election and vote pages', async () => {
    const found: Record<string, string[]> = {};
    const { cid } = story;
    for (const path of [
      '/',
      `/c/${cid}`,
      `/c/${cid}/elections/${story.election}`,
      `/c/${cid}/votes/${story.fence}`,
      `/c/${cid}/votes/${story.gym}`,
      `/c/${cid}/votes/${story.gate}`,
    ]) {
      await page.goto(path);
      await pageReady(page);
      const v = [...(await seriousViolations(page)), ...(await strayValues(page))];
      if (v.length) found[path] = v;
    }
    expect(found).toEqual({});
  });
});
