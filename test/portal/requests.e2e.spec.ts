import { jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { TestServer } from '../support/test-server.js';
import { pageReady, phone, portalTest, screenshot, signIn } from './support/browser.js';
import { smallCommunity } from './support/seed.js';
import { regulatorToken } from '../elections/support.js';

jest.setTimeout(180_000);

/** Rules 34–35 on a phone: a resident files a request with a photo hashed on the device and rates it; the committee handles it from its queue. */
describe('residents’ requests in the portal', () => {
  const portal = portalTest('portal_requests', async (server) => {
    const community = await smallCommunity(server);
    await regulatorToken(server, 'street-office-requests');
    return { cid: community.communityId };
  });
  let server: TestServer;
  let owner: Page;
  let cid: string;
  const photo = Buffer.from('一张漏水的照片 — not really a JPEG, only its fingerprint matters');
  const sha = createHash('sha256').update(photo).digest('hex');

  beforeAll(async () => {
    ({
      server,
      page: owner,
      story: { cid },
    } = portal);
    await signIn(owner, `o1-${cid.slice(0, 6)}`);
  });

  it('a resident files a request with a photo whose SHA-256 is computed in the browser, and the committee resolves it from its queue', async () => {
    // Reached from the community's own page, as a resident finds it.
    await owner.goto(`/c/${cid}`);
    await owner.getByRole('link', { name: '提出诉求、查看办理情况和满意度' }).click();
    await pageReady(owner, /诉求/);
    expect(new URL(owner.url()).pathname).toBe(`/c/${cid}/requests`);
    await owner.getByLabel('类别').selectOption({ label: '维修' });
    await owner.getByLabel('紧急程度').selectOption({ label: '水电气暖（24小时）' });
    await owner.getByLabel('房屋号、楼号或公共区域').fill('2号楼地下室');
    await owner.getByLabel('问题描述').fill('地下室水管漏水');
    await owner.getByLabel(/照片/).setInputFiles({ name: 'leak.jpg', mimeType: 'image/jpeg', buffer: photo });
    await owner.getByText(sha).waitFor();
    await owner.getByRole('button', { name: '提交诉求' }).click();
    await owner.getByText(/已提交，受理时限/).waitFor();
    await owner.getByRole('heading', { name: '我的诉求' }).waitFor();
    await screenshot(owner, 'requests-filed');
    const [filed] = (await server.get(`/api/v1/communities/${cid}/requests`)).body;
    expect(filed).toMatchObject({ photoSha256s: [sha], text: '地下室水管漏水', status: 'FILED' });

    const { page: desk, errors: deskErrors } = await phone(portal.browser, server.baseUrl);
    await signIn(desk, `chair-${cid.slice(0, 8)}`);
    await desk.goto(`/c/${cid}/requests`);
    await pageReady(desk, /诉求/);
    await desk.getByRole('button', { name: '派给物业' }).click();
    await desk.getByRole('button', { name: '受理' }).click();
    await desk.getByLabel('处理情况').fill('更换了漏水的阀门');
    await screenshot(desk, 'requests-queue');
    await desk.getByLabel('处理情况').press('Enter');
    await desk.getByRole('heading', { name: '待办诉求' }).waitFor();
    await desk.getByText('暂无').waitFor();
    expect(deskErrors).toEqual([]);
  });

  it('the resident follows it and rates the outcome; the public list shows the rating, not who filed', async () => {
    await owner.goto(`/c/${cid}/requests`);
    await pageReady(owner, /诉求/);
    await owner.getByText('处理情况：更换了漏水的阀门').waitFor();
    await owner.getByRole('button', { name: '基本满意' }).click();
    await owner.locator('table tbody tr', { hasText: '基本满意' }).waitFor();
    await screenshot(owner, 'requests-rated');
    const stats = await server.get(`/api/v1/communities/${cid}/requests/stats`);
    expect(stats.body.satisfaction).toMatchObject({ fraction: '1/1' });
  });

  it('the street office reads the month’s 三率 and ranking on a phone', async () => {
    const { page: office, errors } = await phone(portal.browser, server.baseUrl);
    await signIn(office, 'street-office-requests');
    // Reached from the street office's desk.
    await office.goto('/regulator');
    await office.getByRole('link', { name: '三率与各小区诉求排名（按月）' }).click();
    await pageReady(office, /三率与诉求排名/);
    await office.goto('/regulator/services?month=2026-01');
    await pageReady(office, /三率与诉求排名/);
    // 龙泽苑: one request over six households, on time, basically satisfied; a preparatory group is not yet formed.
    expect(await office.locator('table').nth(1).locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^1\s+龙泽苑\s+6\s+1\s+16\.66\s+1\/1 \(100\.00%\)\s+1\/1 \(100\.00%\)$/),
    ]);
    await office.locator('table').first().getByText('0/1 (0.00%)').first().waitFor();
    await screenshot(office, 'requests-street-office');
    expect(errors).toEqual([]);
  });
});
