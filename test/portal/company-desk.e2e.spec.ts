import { jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { ADMIN, type TestServer } from '../support/test-server.js';
import { exportOf } from '../transparency/log-helpers.js';
import { pageReady, portalTest, screenshot, signIn } from './support/browser.js';
import { smallCommunityWithCompany, write } from './support/seed.js';

jest.setTimeout(180_000);

/**
 * Rule 34 on a phone: the property company's own staff member, named by the committee, signs in, finds
 * the request a resident filed in the company's queue, accepts it and resolves it with what was done and
 * a photo hashed on the device; once the company's contract has ended, the desk is refused in Chinese.
 */
describe("the property company's desk in the portal", () => {
  const portal = portalTest('portal_company_desk', async (server) => {
    const community = await smallCommunityWithCompany(server);
    const cid = community.communityId;
    // The server's clock starts 2026-01-05 09:00 +08:00; the contract ends two hours later.
    await write(
      server,
      `/communities/${cid}/service-contracts`,
      {
        contractId: 'k1',
        companyId: 'wuye',
        startsAt: '2026-01-01T00:00:00+08:00',
        endsAt: '2026-01-05T11:00:00+08:00',
        periodFee: '20000.00',
        periods: [{ periodId: 'P', startsAt: '2026-01-01T00:00:00+08:00', endsAt: '2026-01-05T11:00:00+08:00' }],
        items: [{ itemId: 'repairs', name: '维修', standard: '24小时内上门' }],
        formula: { weights: { survey: 50, onTime: 25, satisfaction: 25 }, bands: [{ below: 80, withholdPercent: 20 }] },
      },
      community.committee,
    );
    const login = `wang-${cid.slice(0, 6)}`;
    const staff = await write(
      server,
      `/communities/${cid}/property-company/staff`,
      { name: '王师傅', login },
      community.committee,
    );
    await server.activateAndSignIn(staff.activationCode, login);
    const file = async (text: string, place: { kind: string; ref: string }) => {
      const filed = await write(
        server,
        `/communities/${cid}/requests`,
        { category: 'REPAIR', urgency: 'UTILITY', place, text },
        community.ownerTokens.O1,
      );
      await write(
        server,
        `/communities/${cid}/requests/${filed.id}/dispatch`,
        { handler: 'PROPERTY_COMPANY' },
        community.committee,
        200,
      );
      return filed.id as string;
    };
    const leak = await file('卫生间水管漏水', { kind: 'UNIT', ref: '1-101' });
    const door = await file('单元门闭门器坏了', { kind: 'BUILDING', ref: '2' });
    return { cid, login, leak, door };
  });
  let server: TestServer;
  let desk: Page;
  let cid: string;
  const photo = Buffer.from('修好的水管 — not really a JPEG, only its fingerprint matters');
  const sha = createHash('sha256').update(photo).digest('hex');

  beforeAll(async () => {
    ({ server, page: desk } = portal);
    ({ cid } = portal.story);
    await signIn(desk, portal.story.login);
  });

  it('the company’s staff member accepts and resolves, on a phone, a request a resident filed', async () => {
    await desk.goto(`/c/${cid}/requests`);
    await pageReady(desk, /诉求/);
    await desk.getByRole('heading', { name: '物业待办' }).waitFor();
    // Staff file nothing: the residents' form is not shown to them.
    expect(await desk.getByRole('button', { name: '提交诉求' }).count()).toBe(0);
    const card = desk.locator('.company-queue li', { hasText: '卫生间水管漏水' });
    // The company must find the flat: its queue names it, where the public list says only "a unit".
    await card.getByText('房屋：1-101').waitFor();
    await card.getByRole('button', { name: '受理' }).click();
    const inHand = desk.locator('.company-queue li', { hasText: '卫生间水管漏水' });
    await inHand.getByText(/办理中/).waitFor();
    await inHand.getByLabel('处理情况').fill('更换了卫生间进水软管');
    await inHand.getByLabel(/处理后照片/).setInputFiles({ name: 'fixed.jpg', mimeType: 'image/jpeg', buffer: photo });
    await inHand.getByText(sha).waitFor();
    expect(await desk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(desk, 'company-desk-resolve');
    await inHand.getByRole('button', { name: '办结' }).click();
    await desk.locator('.company-queue li', { hasText: '卫生间水管漏水' }).waitFor({ state: 'detached' });
    await desk.locator('.company-queue li', { hasText: '单元门闭门器坏了' }).waitFor();

    const one = await server.get(`/api/v1/communities/${cid}/requests/${portal.story.leak}`);
    expect(one.body).toMatchObject({ status: 'RESOLVED', whatWasDone: '更换了卫生间进水软管' });
    // The log records the photo's fingerprint and that the company's staff, not the committee, took the steps.
    const admin = await server.signIn(ADMIN.login, ADMIN.secret);
    const events = (await exportOf(server, cid, admin))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((e) => e.record === 'event' && e.streamId === `request-${portal.story.leak}`);
    const resolved = events.find((e) => e.type === 'RequestResolved');
    expect(resolved.data.photoSha256s).toEqual([sha]);
    expect(events.filter((e) => e.type !== 'RequestFiled').map((e) => [e.type, e.metadata.actor.role])).toEqual([
      ['RequestDispatched', 'committee'],
      ['RequestAccepted', 'property_company'],
      ['RequestResolved', 'property_company'],
    ]);
  });

  it('once the company’s contract has ended, the desk is refused in Chinese', async () => {
    await desk.goto(`/c/${cid}/requests`);
    await pageReady(desk, /诉求/);
    const card = desk.locator('.company-queue li', { hasText: '单元门闭门器坏了' });
    await card.getByRole('button', { name: '受理' }).waitFor();
    server.clock.set('2026-01-05T11:00:00+08:00');
    await card.getByRole('button', { name: '受理' }).click();
    await card.getByText('这个物业人员账号已不能办理本小区的诉求').waitFor();
    await screenshot(desk, 'company-desk-refused');
    const door = await server.get(`/api/v1/communities/${cid}/requests/${portal.story.door}`);
    expect(door.body.status).toBe('DISPATCHED');
  });
});
