import { jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import type { TestServer } from '../support/test-server.js';
import { pageReady, portalTest, screenshot, seriousViolations, signIn } from './support/browser.js';
import { announceElection, draftAndOpen, OPENS, smallCommunity } from './support/seed.js';

jest.setTimeout(180_000);

/**
 * Paper ballots from print to entry: a ballot per unit (the vote's text, the choices, the unit and its
 * owners, a QR code) and a building's roll, printed from the browser; then the stack entered at the
 * keyboard — a scanned code or a unit number, Enter, a digit, Enter — with one scan for the stack.
 */
/**
 * One paper at the keyboard, as a clerk enters it: the unit typed and Enter, the voter the station names, the
 * choice's key and Enter, and the station's word that it is recorded.
 */
async function keyIn(page: Page, form: Locator, typed: string, voter: string, choice: string): Promise<void> {
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  await form.getByText(`选票来自：${voter}`).waitFor();
  await page.keyboard.press(choice);
  await page.keyboard.press('Enter');
  await form.getByText(`已录入 ${voter} 的纸质选票。`).waitFor();
}

describe('the committee prints paper ballots and enters the returned stack by keyboard', () => {
  const portal = portalTest('portal_paper_ballots', async (server) => {
    const community = await smallCommunity(server);
    const cid = community.communityId;
    const election = await announceElection(server, cid, community.committee, { title: '第一届业主委员会选举' });
    const [elevator] = await draftAndOpen(
      server,
      cid,
      community.committee,
      [{ title: '是否更换电梯', description: '3号楼电梯已运行二十年，拟更换。', matter: 'OTHER_MAJOR' }],
      [election],
    );
    return { cid, elevator, election };
  });
  let server: TestServer;
  let page: Page;
  let cid: string;
  let elevator: string;
  let election: string;
  let chair: string;
  const paper = (): Locator =>
    page.locator('form', { has: page.getByRole('group', { name: '录入纸质选票', exact: true }) });

  beforeAll(async () => {
    ({ server, page } = portal);
    ({ cid, elevator, election } = portal.story);
    chair = `chair-${cid.slice(0, 8)}`;
    await page.clock.setFixedTime(new Date(OPENS));
    await signIn(page, chair);
    await page.goto(`/c/${cid}/committee`);
    await pageReady(page, /委员会工作台/);
  });

  it('prints a ballot for each unit with the vote’s text, the choices, the owners and a QR code the station reads', async () => {
    await page.locator('.votes > li', { hasText: '是否更换电梯' }).getByRole('link', { name: '打印纸质选票' }).click();
    await pageReady(page, '打印纸质选票 · 是否更换电梯');
    const ballots = page.locator('article.ballot');
    await expect(ballots.count()).resolves.toBe(6);
    const first = ballots.first();
    await expect(first.innerText()).resolves.toMatch(/3号楼电梯已运行二十年，拟更换。/);
    await expect(first.innerText()).resolves.toMatch(
      /房屋：1-101[\s\S]*业主：张伟[\s\S]*□ 同意[\s\S]*□ 反对[\s\S]*□ 弃权/,
    );
    const coOwned = ballots.filter({ hasText: '房屋：1-201' });
    await expect(coOwned.innerText()).resolves.toMatch(/业主：李娜（代表投票）、王芳/);
    const qr = coOwned.locator('img.ballot-qr');
    const code = await qr.getAttribute('data-code');
    expect(code).toBe(`gongzhi:paper:resolutions:${elevator}:1-201`);
    const image = await fetch(`${server.baseUrl}${await qr.getAttribute('src')}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    await expect(qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);

    await page.getByLabel('楼栋').selectOption('1');
    await expect(ballots.count()).resolves.toBe(3);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'paper-ballots-print-390');
    await page.emulateMedia({ media: 'screen' });
    await page.getByLabel('打印内容').selectOption({ label: '楼栋投票名册（签收用）' });
    await page.getByRole('table', { name: '1 号楼投票名册（3 户）' }).waitFor();
    expect(await page.locator('.roll tbody tr th').allInnerTexts()).toEqual(['1-101', '1-102', '1-201']);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'paper-ballots-roll-1280');
    await page.setViewportSize({ width: 390, height: 844 });
  });

  it('prints an election’s ballot with its candidates and seats', async () => {
    await page.goto(`/c/${cid}/committee/print/elections/${election}`);
    await pageReady(page, '打印纸质选票 · 第一届业主委员会选举');
    const first = page.locator('article.ballot').first();
    await expect(first.innerText()).resolves.toMatch(/最多 3 人[\s\S]*□ 张伟[\s\S]*□ 李娜[\s\S]*□ 刘洋[\s\S]*□ 陈静/);
  });

  it('enters a stack at the keyboard: a scanned code or a unit number, Enter, a digit, Enter; one scan for the stack', async () => {
    await page.goto(`/c/${cid}/committee`);
    await pageReady(page, /委员会工作台/);
    const form = paper();
    await form.getByLabel('表决', { exact: true }).selectOption({ label: '是否更换电梯' });
    await form.getByLabel(/整叠选票使用同一份扫描件/).check();
    const stack = Buffer.from('整叠扫描件 PDF');
    const sha = createHash('sha256').update(stack).digest('hex');
    await form
      .getByLabel('选票扫描件')
      .setInputFiles({ name: 'stack.pdf', mimeType: 'application/pdf', buffer: stack });
    await form.getByText(sha).waitFor();
    const voter = form.getByLabel('房屋号或业主姓名');

    // What a USB scanner does: types the printed code, then Enter.
    await voter.click();
    await page.keyboard.type(`gongzhi:paper:resolutions:${elevator}:2-101`);
    await page.keyboard.press('Enter');
    await form.getByText('选票来自：刘洋（2-101）').waitFor();
    await page.keyboard.press('2');
    await expect(form.getByLabel('反对').isChecked()).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await form.getByText('已录入 刘洋（2-101） 的纸质选票。').waitFor();
    await expect(voter.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(voter.inputValue()).resolves.toBe('');

    await keyIn(page, form, '1-201', '李娜（1-201）', '1');

    // A ballot of the election in the same stack: the station switches to it.
    await page.keyboard.type(`gongzhi:paper:elections:${election}:2-102`);
    await page.keyboard.press('Enter');
    await form.getByText(/这张选票属于另一项表决或选举（选举 · 第一届业主委员会选举），已切换过去。/).waitFor();
    await form.getByText('选票来自：陈静（2-102）').waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('4');
    await page.keyboard.press('Enter');
    await form.getByText('已录入 陈静（2-102） 的纸质选票。').waitFor();

    const token = await server.signIn(chair, `secret-of-${chair}`);
    const after = await page.evaluate(() => sessionStorage.getItem('gongzhi.position'));
    const record = await server.get(`/api/v1/communities/${cid}/resolutions/${elevator}/quorum-record?after=${after}`, {
      token,
    });
    expect(
      record.body.ballots.map((b: { ownerId: string; choice: string; evidenceSha256: string }) => [
        b.ownerId,
        b.choice,
        b.evidenceSha256,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['O4', 'AGAINST', sha],
        ['O2', 'FOR', sha],
      ]),
    );
    const elected = await server.get(`/api/v1/communities/${cid}/elections/${election}/quorum-record?after=${after}`, {
      token,
    });
    expect(elected.body.ballots).toEqual([
      expect.objectContaining({ ownerId: 'O5', selections: ['C1', 'C4'], evidenceSha256: sha }),
    ]);
  });

  it('counts a paper saved before the vote’s record reached the station (a slow connection): the list of units left is right', async () => {
    // The server answers the record at once; the browser is handed it only after the first paper is saved.
    let handOver!: () => void;
    const saved = new Promise<void>((resolve) => (handOver = resolve));
    await page.route('**/quorum-record*', async (route) => {
      const response = await route.fetch();
      await saved;
      await route.fulfill({ response });
    });
    await page.reload();
    await pageReady(page, /委员会工作台/);
    const form = paper();
    await form.getByLabel('表决', { exact: true }).selectOption({ label: '是否更换电梯' });
    const stack = Buffer.from('第二叠扫描件');
    await form
      .getByLabel('选票扫描件')
      .setInputFiles({ name: 'stack-2.pdf', mimeType: 'application/pdf', buffer: stack });
    await form.getByText(createHash('sha256').update(stack).digest('hex')).waitFor();
    const voter = form.getByLabel('房屋号或业主姓名');
    await voter.click();
    await keyIn(page, form, '1-101', '张伟（1-101）', '1');
    handOver();

    const token = await server.signIn(chair, `secret-of-${chair}`);
    const after = await page.evaluate(() => sessionStorage.getItem('gongzhi.position'));
    const record = await server.get(`/api/v1/communities/${cid}/resolutions/${elevator}/quorum-record?after=${after}`, {
      token,
    });
    const left = (record.body.voters as { participated: boolean }[]).filter((v) => !v.participated).length;
    await form
      .locator('summary', { hasText: `尚未投票的房屋：${left} 户投票人（共 ${record.body.voters.length}）` })
      .waitFor();
    expect(await form.locator('ul.remaining li').allInnerTexts()).not.toContain('1-101');
    await page.unroute('**/quorum-record*');
  });

  it('refuses a scanned code of no open vote, in words, recording nothing', async () => {
    const before = await server.storedEventCount();
    const voter = paper().getByLabel('房屋号或业主姓名');
    await voter.fill('gongzhi:paper:resolutions:00000000-0000-4000-8000-000000000000:1-101');
    await voter.press('Enter');
    await paper().getByText('这张选票所属的表决或选举不在进行中，不能录入。').waitFor();
    expect(await server.storedEventCount()).toBe(before);
  });
});
