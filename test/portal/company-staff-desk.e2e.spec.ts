import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { TestServer } from '../support/test-server.js';
import { pageReady, portalTest, screenshot, signIn } from './support/browser.js';
import { smallCommunityWithCompany } from './support/seed.js';

jest.setTimeout(180_000);

/**
 * The committee names the property company's staff at its desk, in Chinese: the activation code is shown
 * for printing, the list says who activated, and a member removed can no longer act.
 */
describe('the committee names and removes property company staff at its desk', () => {
  const portal = portalTest('portal_company_staff', async (server) => {
    const community = await smallCommunityWithCompany(server);
    return { cid: community.communityId, committee: community.committee };
  });
  let server: TestServer;
  let desk: Page;
  let cid: string;
  const login = () => `li-${cid.slice(0, 6)}`;

  beforeAll(async () => {
    ({ server, page: desk } = portal);
    ({ cid } = portal.story);
    await signIn(desk, `chair-${cid.slice(0, 8)}`);
  });

  it('shows the code of a newly named staff member once the committee confirms, and the staff member activates with it', async () => {
    await desk.goto(`/c/${cid}/committee`);
    await pageReady(desk, /委员会工作台/);
    const section = desk.locator('section', { has: desk.getByRole('heading', { name: '物业人员账号' }) });
    await section.getByText('还没有物业人员账号。').waitFor();
    await section.getByLabel('姓名').fill('李师傅');
    await section.getByLabel('登录名').fill(login());
    await section.getByRole('button', { name: '生成激活码' }).click();
    await section.getByText(/将为“李师傅”生成一次性激活码/).waitFor();
    await section.getByRole('button', { name: '确认生成' }).click();
    const code = (await section.locator('.notice code').first().textContent())!.trim();
    expect(code.length).toBeGreaterThan(8);
    await section.getByRole('cell', { name: '待激活' }).waitFor();
    expect(await desk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(desk, 'company-staff-named');

    const staffToken = await server.activateAndSignIn(code, login());
    const me = await server.get('/api/v1/auth/me', { token: staffToken });
    expect(me.body.grants).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'property_company' })]));
    await desk.reload();
    await pageReady(desk, /委员会工作台/);
    await section.getByRole('cell', { name: /已激活/ }).waitFor();
  });

  it('removes a staff member after asking, and the removed account is refused', async () => {
    const section = desk.locator('section', { has: desk.getByRole('heading', { name: '物业人员账号' }) });
    await section.getByRole('button', { name: '停用' }).click();
    await section.getByText(/将停用“李师傅”的物业人员账号/).waitFor();
    await section.getByRole('button', { name: '确认停用' }).click();
    await section.getByRole('cell', { name: /已停用/ }).waitFor();
    const staff = await server.get(`/api/v1/communities/${cid}/property-company/staff`, {
      token: portal.story.committee,
    });
    expect(staff.body).toEqual([expect.objectContaining({ name: '李师傅', removedBecause: 'REMOVED' })]);
    const queue = await server.post('/api/v1/auth/token', { login: login(), secret: `secret-of-${login()}` });
    const refused = await server.get(`/api/v1/communities/${cid}/property-company/queue`, {
      token: queue.body.accessToken,
    });
    expect(refused.status).toBe(403);
  });
});
