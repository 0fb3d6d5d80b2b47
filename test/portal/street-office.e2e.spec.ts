import { jest } from '@jest/globals';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { verifyCommand } from '../../src/cli/verify/verify-command.js';
import { ADMIN, type TestServer } from '../support/test-server.js';
import { regulatorToken } from '../elections/support.js';
import {
  pageReady,
  portalTest,
  savedDownload,
  screenshot,
  seriousViolations,
  signIn,
  strayValues,
} from './support/browser.js';
import { longzeyuanStory } from './support/story.js';

jest.setTimeout(180_000);

/**
 * A street-office clerk at their own desk: the district with its formation rate, 龙泽苑 overdue with
 * its filing, the quorum record of its election reviewed and the committee filed after a confirmation
 * that says what it means; the export with the command that checks it.
 */
describe('a street-office clerk works at the desk', () => {
  const portal = portalTest('portal_street_office', async (server) => {
    const story = await longzeyuanStory(server);
    const clerk = `street-${story.cid.slice(0, 6)}`;
    const regulator = await regulatorToken(server, clerk);
    // Another district's community under a property-management committee, for the office to dissolve.
    const admin = await server.signIn(ADMIN.login, ADMIN.secret);
    const other = await server.post(
      '/api/v1/communities',
      { name: '双榆树', district: '海淀区', rulebook: 'CN-BEIJING-2020' },
      { token: admin },
    );
    const members = Array.from({ length: 7 }, (_, n) => ({
      name: `委员${n + 1}`,
      login: `syx-pmc-${n + 1}`,
      role: n === 0 ? 'CHAIR_RESIDENTS_COMMITTEE' : n <= 4 ? 'OWNER_REPRESENTATIVE' : 'OTHER',
    }));
    const formed = await server.post(
      `/api/v1/communities/${other.body.id}/managing-body`,
      { kind: 'PMC', members },
      { token: regulator },
    );
    if (formed.status !== 201) throw new Error(formed.text);
    return { ...story, clerk, pmcCommunity: other.body.id as string };
  });
  let server: TestServer;
  let page: Page;
  let story: Awaited<ReturnType<typeof longzeyuanStory>> & { clerk: string; pmcCommunity: string };

  beforeAll(async () => {
    ({ server, page, story } = portal);
    await signIn(page, story.clerk);
  });

  it('is sent to the street office desk, not told it owns nothing', async () => {
    await expect(page.getByText('您的账户不是任何小区的业主').count()).resolves.toBe(0);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '街道办事处工作台' }).click();
    await pageReady(page, '街道办事处工作台');
  });

  it('reads the district: the formation rate as a fraction and a percentage, and 龙泽苑 overdue with its filing', async () => {
    await page.getByLabel('区').fill('昌平区');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/\/regulator\?district=/);
    // 龙泽苑's preparatory group is no governing body formed (rule 38); 双榆树, in another district, is not counted.
    await expect(page.locator('.rate').innerText()).resolves.toBe('组建率：0/1（0.0%）');
    const row = page.locator('tbody tr', { hasText: '龙泽苑' });
    await expect(row.locator('td').nth(0).innerText()).resolves.toBe('回龙观街道');
    await expect(row.locator('td').nth(1).innerText()).resolves.toBe('业主大会筹备组');
    await expect(row.locator('td').nth(3).innerText()).resolves.toMatch(/^等待街道办事处备案/);
    await row.getByText('业主委员会选出已超过 30 日仍未备案。').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await strayValues(page)).toEqual([]);
    await screenshot(page, 'street-office-district-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'street-office-district-1280');
    await page.setViewportSize({ width: 390, height: 844 });
  });

  it('filters by street, shows each street’s formation rate, and downloads the list as an Excel workbook in Chinese', async () => {
    await page.goto('/regulator');
    await pageReady(page, '街道办事处工作台');
    // Every street of every district, each with its own rate (rule 31).
    const streets = page.getByRole('table', { name: '各街道组建率' });
    await streets.locator('tbody tr', { hasText: '回龙观街道' }).waitFor();
    await expect(
      streets.locator('tbody tr', { hasText: '（未登记街道）' }).locator('td').nth(1).innerText(),
    ).resolves.toBe('1/1（100.0%）');
    await page.getByRole('searchbox', { name: '街道' }).fill('回龙观街道');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/\/regulator\?street=/);
    await expect(page.locator('.rate').innerText()).resolves.toBe('组建率：0/1（0.0%）');
    await expect(page.locator('tbody tr', { hasText: '双榆树' }).count()).resolves.toBe(0);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 Excel 表格（.xlsx）' }).click();
    const file = await savedDownload(download);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const rows: unknown[][] = [];
    book.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const header = rows[0];
    expect(header).toEqual(expect.arrayContaining(['名称', '街道', '管理机构', '备案状态']));
    expect(rows).toHaveLength(2);
    expect(rows[1][header.indexOf('管理机构')]).toBe('业主大会筹备组');
    expect(rows[1][header.indexOf('街道')]).toBe('回龙观街道');
  });

  it('files the committee from the quorum record, after a confirmation that names the members', async () => {
    await page.getByRole('link', { name: '龙泽苑' }).click();
    await pageReady(page, /街道办事处工作台 · 龙泽苑/);
    await page.getByRole('link', { name: '审查计票记录并作出备案决定' }).click();
    await pageReady(page, /计票记录 · 龙泽苑第一届业主委员会选举/);
    await page.getByText('全部 5 户投票人（4 户参与）').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await strayValues(page)).toEqual([]);
    // Refusing without a reason is stopped on the page, before anything is sent.
    await page.getByLabel('不予备案', { exact: true }).check();
    await page.getByRole('button', { name: '作出决定' }).click();
    await page.getByText('不予备案时请写明原因。').waitFor();

    await page.getByLabel('准予备案').check();
    await page.getByRole('button', { name: '作出决定' }).click();
    const confirm = page.getByRole('group', { name: '请确认' });
    await expect(confirm.locator('p').innerText()).resolves.toMatch(
      /^您将准予“龙泽苑第一届业主委员会选举”选出的业主委员会备案：张伟、刘洋、李娜 将成为本小区的业主委员会/,
    );
    await screenshot(page, 'street-office-filing-confirm');
    // Going back sends nothing.
    await confirm.getByRole('button', { name: '返回，不做了' }).click();
    expect((await server.get(`/api/v1/communities/${story.cid}/committee`)).body.filing.status).toBe('PENDING');

    await page.getByRole('button', { name: '作出决定' }).click();
    await page.getByRole('group', { name: '请确认' }).getByRole('button', { name: '确认准予备案' }).click();
    await page.getByText('“龙泽苑第一届业主委员会选举”选出的业主委员会已备案。').waitFor();
    const position = await page.evaluate(() => sessionStorage.getItem('gongzhi.position'));
    const committee = (await server.get(`/api/v1/communities/${story.cid}/committee?after=${position}`)).body;
    expect(committee).toMatchObject({ kind: 'COMMITTEE', filing: { status: 'FILED' } });
  });

  it('finds the decision made, not a second form, when coming back to the record', async () => {
    await page.reload();
    await pageReady(page, /计票记录/);
    await page.getByText(/街道办事处已于 .* 准予备案。/).waitFor();
  });

  it("downloads the export and is shown the command that checks it, with the server's key fingerprint", async () => {
    await page.getByRole('link', { name: `← 街道办事处工作台` }).click();
    await pageReady(page, /街道办事处工作台 · 龙泽苑/);
    const key = (await server.get('/api/v1/log/public-key')).body;
    await page
      .getByText(`npx gongzhi verify gongzhi-export-${story.cid}.ndjson --key ${key.fingerprint}`, { exact: true })
      .waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载导出文件' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`gongzhi-export-${story.cid}.ndjson`);
    // The command shown, run on the file downloaded: it verifies under the published key.
    let out = '';
    const sink = new Writable({ write: (chunk, _encoding, done) => ((out += String(chunk)), done()) });
    const code = await verifyCommand([await savedDownload(download), '--key', key.fingerprint], {
      stdout: sink,
      stderr: new Writable({ write: (_c, _e, done) => done() }),
    });
    expect({ code, verified: out.includes(`verified with the pinned key ${key.fingerprint}`) }).toEqual({
      code: 0,
      verified: true,
    });
    // Auditors are invited by an administrator; the clerk is told so rather than shown a form that would be refused.
    await page.getByText('审计人员的激活码由平台管理员发放').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'street-office-community');
  });

  it("dissolves another district's property-management committee, only after a confirmation saying it cannot be undone", async () => {
    await page.goto('/regulator');
    await pageReady(page, '街道办事处工作台');
    // 龙泽苑's committee is filed by now, and 双榆树 has a PMC in term: both count as formed (rule 38).
    await expect(page.locator('.rate').innerText()).resolves.toBe('组建率：2/2（100.0%）');
    await page.getByRole('link', { name: '双榆树' }).click();
    await pageReady(page, /街道办事处工作台 · 双榆树/);
    await page.getByRole('button', { name: '解散物业管理委员会' }).click();
    const confirm = page.getByRole('group', { name: '请确认' });
    await expect(confirm.locator('p').innerText()).resolves.toBe(
      '物业管理委员会将被解散，其成员不再履职；此决定记入公开日志，不能撤回。',
    );
    await confirm.getByRole('button', { name: '返回，不做了' }).click();
    expect((await server.get(`/api/v1/communities/${story.pmcCommunity}/committee`)).body.kind).toBe('PMC');
    await page.getByRole('button', { name: '解散物业管理委员会' }).click();
    await page.getByRole('button', { name: '确认解散' }).click();
    await page.getByText('物业管理委员会已解散。').waitFor();
    const position = await page.evaluate(() => sessionStorage.getItem('gongzhi.position'));
    const view = (await server.get(`/api/v1/communities/${story.pmcCommunity}/committee?after=${position}`)).body;
    expect(view.history.map((e: { type: string }) => e.type)).toContain('PmcDissolved');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('an administrator invites an auditor for the community from the same desk, and the code activates an auditor', async () => {
    await page.getByRole('button', { name: /^退出登录/ }).click();
    await signIn(page, ADMIN.login, ADMIN.secret);
    await page.goto(`/regulator/c/${story.cid}`);
    await pageReady(page, /街道办事处工作台 · 龙泽苑/);
    await page.getByLabel(/审计机构/).fill('北京某会计师事务所');
    await page.getByRole('button', { name: '邀请审计人员' }).click();
    const code = await page.locator('.notice-ok code').innerText();
    const auditor = await server.activateAndSignIn(code, 'auditor-from-desk');
    const me = (await server.get('/api/v1/auth/me', { token: auditor })).body;
    expect(me.grants).toEqual([expect.objectContaining({ role: 'auditor', communityId: story.cid })]);
  });
});
