import { jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { TestServer } from '../support/test-server.js';
import { pageReady, phone, portalTest, screenshot, seriousViolations, signIn } from './support/browser.js';
import { CLOSES, draftAndOpen, smallCommunity, write } from './support/seed.js';

jest.setTimeout(180_000);

const SERVICES = [
  ['cleaning', '每日保洁'],
  ['parking', '停车秩序管理'],
  ['handyman', '上门维修'],
].map(([optionId, label]) => ({ optionId, label }));

/** SCENARIOS.md 5 in the browser: owners rank services on a phone, the committee enters a paper ranking, everyone reads the order. */
describe('a menu vote (自主点单) in the portal', () => {
  const portal = portalTest('portal_menu', async (server) => {
    const community = await smallCommunity(server);
    const cid = community.communityId;
    const [rid] = await draftAndOpen(server, cid, community.committee, [
      { title: '选择小区服务', description: '请按喜好排列三项服务。', matter: 'SERVICE_MENU', options: SERVICES },
    ]);
    await write(
      server,
      `/communities/${cid}/resolutions/${rid}/ballots`,
      { ranking: ['parking', 'handyman', 'cleaning'] },
      community.ownerTokens.O2,
    );
    return { cid, rid, committee: community.committee, ownerTokens: community.ownerTokens };
  });
  let server: TestServer;
  let owner: Page;
  let cid: string;
  let rid: string;
  let committee: string;
  let ownerTokens: Record<string, string>;

  beforeAll(async () => {
    ({
      server,
      page: owner,
      story: { cid, rid, committee, ownerTokens },
    } = portal);
    await signIn(owner, `o1-${cid.slice(0, 6)}`);
  });

  it('ranks the services on a phone, is stopped from choosing one twice, and changes the ranking', async () => {
    await owner.getByRole('link', { name: '去投票' }).click();
    await pageReady(owner, '选择小区服务');
    await owner.getByLabel('第 1 位').selectOption({ label: '停车秩序管理' });
    await owner.getByLabel('第 2 位').selectOption({ label: '停车秩序管理' });
    await owner.getByRole('button', { name: '提交选票' }).click();
    await owner.getByText('同一项不能选两次。').waitFor();
    await owner.getByLabel('第 2 位').selectOption({ label: '每日保洁' });
    await owner.getByRole('button', { name: '提交选票' }).click();
    await owner.getByText('您目前的选择：停车秩序管理 > 每日保洁').waitFor();
    await owner.getByRole('heading', { name: '投票回执' }).waitFor();
    await owner.getByLabel('第 1 位').selectOption({ label: '每日保洁' });
    await owner.getByLabel('第 2 位').selectOption({ label: '停车秩序管理' });
    await owner.getByRole('button', { name: '更改选票' }).click();
    await owner.getByText('您目前的选择：每日保洁 > 停车秩序管理').waitFor();
    await screenshot(owner, 'vote-menu-ballot');
    await owner.getByRole('link', { name: '我的投票' }).click();
    await pageReady(owner, '我的投票');
    // Newest first: the changed ranking, then the one it replaced.
    expect(await owner.locator('.ballots > li').allInnerTexts()).toEqual([
      expect.stringContaining('每日保洁 > 停车秩序管理'),
      expect.stringContaining('停车秩序管理 > 每日保洁'),
    ]);
  });

  it('the committee enters a paper ranking at the desk, with the scan hashed on the device', async () => {
    const { context, page: desk, errors: deskErrors } = await phone(portal.browser, server.baseUrl);
    await signIn(desk, `chair-${cid.slice(0, 8)}`);
    await desk.getByRole('link', { name: '委员会工作台' }).click();
    await pageReady(desk, /委员会工作台/);
    const paper = desk.locator('form', { has: desk.getByRole('group', { name: '录入纸质选票', exact: true }) });
    await paper.getByLabel('表决', { exact: true }).selectOption({ label: '选择小区服务' });
    await paper.getByLabel('房屋号或业主姓名').fill('刘洋');
    await paper.getByLabel('第 1 位').selectOption({ label: '每日保洁' });
    const scan = Buffer.from('刘洋的纸质点单');
    await paper.getByLabel('选票扫描件').setInputFiles({ name: 'menu-O4.jpg', mimeType: 'image/jpeg', buffer: scan });
    await paper.getByText(createHash('sha256').update(scan).digest('hex')).waitFor();
    await paper.getByRole('button', { name: '录入' }).click();
    await paper.getByText('已录入 刘洋（2-101） 的纸质选票。').waitFor();
    const after = await desk.evaluate(() => sessionStorage.getItem('gongzhi.position'));
    const record = await server.get(`/api/v1/communities/${cid}/resolutions/${rid}/quorum-record?after=${after}`, {
      token: committee,
    });
    expect(record.body.ballots.find((b: { ownerId: string }) => b.ownerId === 'O4')).toMatchObject({
      channel: 'PAPER',
      choice: 'FOR',
      ranking: ['cleaning'],
    });
    expect(await seriousViolations(desk)).toEqual([]);
    expect(deskErrors).toEqual([]);
    await context.close();
  });

  it('reads the order the owners prefer once the vote is closed, points by area first', async () => {
    await write(server, `/communities/${cid}/resolutions/${rid}/ballots`, { choice: 'ABSTAIN' }, ownerTokens.O5);
    server.clock.set(CLOSES);
    const closed = await write(server, `/communities/${cid}/resolutions/${rid}/close`, undefined, committee, 200);
    await server.get(`/api/v1/communities/${cid}/resolutions/${rid}?after=${closed.position}`);
    await owner.goto(`/c/${cid}/votes/${rid}`);
    await pageReady(owner, '选择小区服务');
    // O1 150 m² [cleaning, parking], O2 80 m² [parking, handyman, cleaning], O4 90 m² [cleaning]; three options, 3-2-1 points.
    expect(await owner.locator('.menu-result li').allInnerTexts()).toEqual([
      expect.stringMatching(/第 1 名 · 每日保洁\s*面积得分 800\.00，人数得分 7；列为第一位的有 2 人（240\.00 m²）。/),
      expect.stringMatching(
        /第 2 名 · 停车秩序管理\s*面积得分 540\.00，人数得分 5；列为第一位的有 1 人（80\.00 m²）。/,
      ),
      expect.stringMatching(/第 3 名 · 上门维修\s*面积得分 160\.00，人数得分 2；列为第一位的有 0 人（0\.00 m²）。/),
    ]);
    await owner.getByText(/不授权任何支出/).waitFor();
    await screenshot(owner, 'vote-menu-result');
    expect(await seriousViolations(owner)).toEqual([]);
  });
});
