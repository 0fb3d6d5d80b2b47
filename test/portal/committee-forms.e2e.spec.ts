import { jest } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { SMALL_ROSTER } from '../support/small-community.js';
import { communityWithCommittee, type TestServer } from '../support/test-server.js';
import {
  pageReady,
  portalTest,
  savedDownload,
  screenshot,
  seriousViolations,
  signIn,
  strayValues,
} from './support/browser.js';

jest.setTimeout(240_000);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function unitsWorkbook(units: (typeof SMALL_ROSTER)['units']): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('房屋');
  sheet.addRow(['unitId', 'building', 'areaM2', 'ownerIds', 'representativeId']);
  for (const u of units)
    sheet.addRow([u.unitId, u.building, Number(u.areaM2), u.ownerIds.join(';'), u.representativeId ?? '']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * A preparatory group's member, from an empty community: the owners and units from their files,
 * previewed with every bad row said in Chinese; an election drafted by the candidates' names; money
 * in and out, a withdrawal's apportionment shown before it is paid, an entry reversed; a statement
 * drafted and published; and the refusals along the way in words.
 */
describe('a preparatory group member uses every form of the desk', () => {
  const portal = portalTest('portal_committee_forms', async (server) => {
    const { communityId } = await communityWithCommittee(server);
    return { cid: communityId };
  });
  let server: TestServer;
  let page: Page;
  let cid: string;
  let chair: string;
  const form = (legend: string): Locator =>
    page.locator('form', { has: page.getByRole('group', { name: legend, exact: true }) });
  const read = async (path: string) => {
    const after = await page.evaluate(() => sessionStorage.getItem('gongzhi.position'));
    const token = await server.signIn(chair, `secret-of-${chair}`);
    return server.get(`/api/v1/communities/${cid}${path}${path.includes('?') ? '&' : '?'}after=${after}`, { token });
  };

  beforeAll(async () => {
    ({ server, page } = portal);
    cid = portal.story.cid;
    chair = `chair-${cid.slice(0, 8)}`;
    await page.clock.setFixedTime(server.clock.now());
    await signIn(page, chair);
    await page.goto(`/c/${cid}/committee`);
    await pageReady(page, /委员会工作台/).catch(async (e) => {
      throw new Error(`${String(e)}: ${await page.locator('main').innerText()}`);
    });
  });

  it('previews the owners file, lists its bad rows in Chinese without writing, then registers the corrected file and offers the codes', async () => {
    const owners = form('预览业主表');
    const before = await server.storedEventCount();
    const bad = [
      'ownerId,name,kind',
      ...SMALL_ROSTER.owners.map((o) => `${o.ownerId},${o.name},${o.kind}`),
      'O9,某人,TENANT',
    ];
    await owners
      .getByLabel(/业主表/)
      .setInputFiles({ name: '业主.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.join('\r\n')) });
    await owners.getByRole('button', { name: '预览业主表' }).click();
    await owners.getByText('发现 1 行有问题，请在表格中改正后重新预览。没有写入任何内容。').waitFor();
    await expect(owners.locator('tbody tr').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^8\s+业主表第 8 行填写不对/),
    ]);
    await expect(owners.getByRole('button', { name: '登记这些业主' }).count()).resolves.toBe(0);
    expect(await server.storedEventCount()).toBe(before);

    await owners.getByLabel(/业主表/).setInputFiles({
      name: '业主.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bad.slice(0, -1).join('\r\n')),
    });
    await owners.getByRole('button', { name: '预览业主表' }).click();
    await owners.getByText('可登记：个人 5 位，单位 0 个，开发建设单位 1 个。').waitFor();
    await owners.getByRole('button', { name: '登记这些业主' }).click();
    await owners.getByText(/将登记 6 位业主，并为每位业主生成一次性激活码/).waitFor();
    await owners.getByRole('button', { name: '确认登记' }).click();
    await owners.getByText('已登记 6 位业主。').waitFor();
    const download = page.waitForEvent('download');
    await owners.getByRole('button', { name: /下载激活码/ }).click();
    const codes = await savedDownload(download);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(codes, 'utf8').split('\r\n')).toHaveLength(7);
  });

  it('previews the units spreadsheet: the refused rows by number, then the totals, and imports it once confirmed', async () => {
    const units = form('预览房屋表');
    const wrong = SMALL_ROSTER.units.map((u, i) => (i === 3 ? { ...u, ownerIds: ['O99'] } : u));
    await units
      .getByLabel(/房屋表/)
      .setInputFiles({ name: '房屋.xlsx', mimeType: XLSX, buffer: await unitsWorkbook(wrong) });
    await units.getByRole('button', { name: '预览房屋表' }).click();
    await units.getByText('发现 1 行有问题，请在表格中改正后重新预览。没有写入任何内容。').waitFor();
    await expect(units.locator('tbody tr').first().innerText()).resolves.toMatch(
      /^5\s+2-101\s+业主 O99 不在名册上，请先登记业主。$/,
    );
    await units.getByLabel(/房屋表/).setInputFiles({
      name: '房屋.xlsx',
      mimeType: XLSX,
      buffer: await unitsWorkbook(SMALL_ROSTER.units),
    });
    await units.getByRole('button', { name: '预览房屋表' }).click();
    await units.getByText(/导入后名册：6 套房屋，5 位投票人（业主人数），专有部分面积 500(\.00)? ?m²/).waitFor();
    await units.getByRole('button', { name: '导入这些房屋' }).click();
    await units.getByRole('button', { name: '确认导入' }).click();
    await units.getByText('已导入 6 套房屋。').waitFor();
    const roster = await read('/roster');
    expect(roster.body.totals).toMatchObject({ units: 6, heads: 5, areaM2: '500.00' });
  });

  it('drafts an election by the candidates’ names and unit numbers, each found on the roster first', async () => {
    const election = form('发起选举');
    await election.getByLabel('选举名称').fill('第一届业主委员会选举');
    await election.getByLabel('应选委员人数').fill('3');
    await election.getByLabel(/候选人/).fill('张伟\n1-201\n赵六\n陈静');
    await election.getByText('第 3 行“赵六”在名册中找不到。').waitFor();
    await election.getByLabel(/候选人/).fill('张伟\n1-201\n刘洋\n陈静');
    await election.getByText('李娜（1-201）').waitFor();
    await election.getByLabel('开始时间').fill('2026-01-25T09:00');
    await election.getByLabel('截止时间').fill('2026-02-04T18:00');
    await election.getByRole('button', { name: '保存选举草稿' }).click();
    await election.getByText('已保存选举草稿“第一届业主委员会选举”。下一步：在上方列表中公告。').waitFor();
    const elections = await read('/elections');
    const drafted = elections.body.find((e: { title: string }) => e.title === '第一届业主委员会选举');
    const detail = await read(`/elections/${drafted.id}`);
    expect(detail.body.candidates.map((c: { name: string; ownerId: string }) => [c.name, c.ownerId])).toEqual([
      ['张伟', 'O1'],
      ['李娜', 'O2'],
      ['刘洋', 'O4'],
      ['陈静', 'O5'],
    ]);
    await page.locator('.votes > li', { hasText: '第一届业主委员会选举' }).waitFor();
  });
  it('shows a withdrawal’s apportionment before it pays, and pays only once confirmed', async () => {
    const deposits = form('登记维修资金缴存');
    await deposits.getByLabel(/每户一行/).fill('1-101 10000.00\n1-102 5000.00\n1-201 8000.00');
    await deposits.getByLabel('缴存日期').fill('2026-01-05T08:00');
    await deposits.getByRole('button', { name: '登记维修资金缴存' }).click();
    await deposits.getByText(/已登记 3 户缴存/).waitFor();
    const withdrawal = form('登记维修资金使用');
    await withdrawal.getByLabel('金额', { exact: true }).fill('230.00');
    await withdrawal.getByLabel('收款方').fill('电梯公司');
    await withdrawal.getByLabel('用途').fill('1号楼电梯困人抢修');
    await withdrawal.getByLabel('紧急原因').fill('电梯停在两层之间');
    await withdrawal
      .getByLabel(/紧急情况证据文件/)
      .setInputFiles({ name: 'e.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('证明') });
    await withdrawal.getByText(/SHA-256：/).waitFor();
    await withdrawal.getByLabel('分摊的楼栋').fill('1');
    await withdrawal.getByLabel('付款日期').fill('2026-01-05T08:30');
    const before = await server.storedEventCount();
    await withdrawal.getByRole('button', { name: '预览分摊' }).click();
    await withdrawal.getByText('按面积分摊到 3 套房屋：').waitFor();
    await expect(withdrawal.locator('tbody tr').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^1-101\s+100(\.00)? ?m²\s+¥100\.00$/),
      expect.stringMatching(/^1-102\s+50(\.00)? ?m²\s+¥50\.00$/),
      expect.stringMatching(/^1-201\s+80(\.00)? ?m²\s+¥80\.00$/),
    ]);
    expect(await server.storedEventCount()).toBe(before);
    await withdrawal.getByText(/将从维修资金支付 ¥230\.00 给 电梯公司/).waitFor();
    await screenshot(page, 'committee-forms-withdrawal-preview-390');
    await withdrawal.getByRole('button', { name: '确认支付' }).click();
    await withdrawal.getByText(/已登记紧急使用 ¥230\.00/).waitFor();
    const fund = await read('/maintenance-fund?kind=WITHDRAWAL');
    expect(fund.body.entries).toHaveLength(1);
  });

  it('reverses an entry chosen from the ledger, after saying what the reversal does', async () => {
    const reversal = form('冲销一笔记账');
    await reversal.getByLabel('资金来源').selectOption({ label: '专项维修资金' });
    const entry = reversal.getByLabel('要冲销的分录');
    await entry.locator('option', { hasText: '电梯公司' }).waitFor({ state: 'attached' });
    await entry.selectOption(await entry.locator('option', { hasText: '电梯公司' }).getAttribute('value'));
    await reversal.getByLabel('冲销原因').fill('重复登记');
    await reversal.getByRole('button', { name: '冲销', exact: true }).click();
    await reversal.getByText(/将冲销“.*电梯公司”/).waitFor();
    await reversal.getByRole('button', { name: '确认冲销' }).click();
    await reversal.getByText('已冲销。').waitFor();
    const fund = await read('/maintenance-fund?kind=REVERSAL');
    expect(fund.body.entries).toHaveLength(1);
  });

  it('refuses a top-up that is not due in Chinese, writing nothing', async () => {
    const topUp = form('公共收益补充维修资金');
    await topUp.getByLabel('金额', { exact: true }).fill('100.00');
    await topUp.getByLabel('划转时间').fill('2026-01-05T08:40');
    await topUp.getByRole('button', { name: '公共收益补充维修资金' }).click();
    await topUp.locator('.refusal').waitFor();
    await expect(topUp.locator('.refusal').innerText()).resolves.toMatch(/[\u4e00-\u9fff]/);
  });

  it('drafts a statement, refused in words while its period runs, then reviews and publishes it once confirmed', async () => {
    const statements = form('生成报告草稿');
    await statements.getByLabel('资金来源').selectOption({ label: '公共收益' });
    await statements.getByLabel('起始日').fill('2026-01-01');
    await statements.getByLabel('截止日（含当日）').fill('2026-01-31');
    await statements.getByRole('button', { name: '生成报告草稿' }).click();
    await statements.getByText('报告期间还没有结束，结束后再起草报告。').waitFor();
    server.clock.set('2026-02-02T09:00:00+08:00');
    await statements.getByRole('button', { name: '生成报告草稿' }).click();
    await statements.getByText('已生成报告草稿。请核对下方数字后再公布。').waitFor();
    const draft = page.locator('.statements > li', { hasText: '2026' });
    await draft.getByText('期初余额').waitFor();
    await draft.getByRole('button', { name: '公布' }).click();
    await draft.getByText(/公布后报告即封存/).waitFor();
    await draft.getByRole('button', { name: '确认公布' }).click();
    await page.getByText(/已公布 公共收益 .* 的报告。/).waitFor();
    const published = await read('/statements');
    expect(published.body.map((s: { status: string }) => s.status)).toEqual(['PUBLISHED']);
  });

  it('transfers a unit to owners named on the roster, after saying who gains and who loses its vote', async () => {
    const transfer = form('房屋过户');
    const before = await server.storedEventCount();
    await transfer.getByLabel('房屋号').fill('2-201');
    await transfer.getByLabel(/新业主/).fill('赵六');
    await transfer.getByLabel('过户生效时间').fill('2026-02-01T10:00');
    await transfer.getByRole('button', { name: '登记过户' }).click();
    await transfer.getByText('第 1 行“赵六”在名册中找不到。').waitFor();
    expect(await server.storedEventCount()).toBe(before);
    await transfer.getByLabel(/新业主/).fill('王芳');
    await transfer.getByRole('button', { name: '登记过户' }).click();
    await transfer
      .getByText(/^房屋 2-201 将自 .*2026.* 起过户给 王芳（O3）；原业主 北京城建开发有限公司 不再代表这户房屋投票。/)
      .waitFor();
    await transfer.getByRole('button', { name: '确认过户' }).click();
    await transfer.getByText('已登记过户：房屋 2-201 的业主现在是 王芳（O3）。').waitFor();
    const roster = await read('/roster');
    expect(roster.body.units.find((u: { unitId: string }) => u.unitId === '2-201').ownerIds).toEqual(['O3']);
  });

  it('issues an owner a new activation letter once confirmed, whose code opens an account', async () => {
    const letter = form('补发激活函');
    await letter.getByLabel(/业主（姓名或业主编号）/).fill('刘洋');
    await letter.getByRole('button', { name: '补发激活函' }).click();
    await letter.getByText(/^将为刘洋（O4）补发激活函：原激活码作废/).waitFor();
    await letter.getByRole('button', { name: '确认补发' }).click();
    const issued = letter.getByText(/^已为刘洋（O4）补发激活函。新的激活码：/);
    await issued.waitFor();
    const code = /新的激活码：(\S+)/.exec(await issued.innerText())![1];
    const activated = await server.post('/api/v1/auth/activate', {
      activationCode: code,
      login: 'liuyang-new',
      secret: 'secret-of-liuyang-new',
    });
    expect(activated.status).toBe(204);
  });

  it('records a removal only by a passed vote: a vote still a draft is refused in Chinese, nothing written', async () => {
    const token = await server.signIn(chair, `secret-of-${chair}`);
    const opens = server.clock.now().getTime() + 16 * 86_400_000;
    const drafted = await server.post(
      `/api/v1/communities/${cid}/resolutions`,
      {
        title: '罢免委员李娜',
        description: '',
        matter: 'ELECT_COMMITTEE',
        removal: { ownerId: 'O2' },
        opensAt: new Date(opens).toISOString(),
        closesAt: new Date(opens + 7 * 86_400_000).toISOString(),
      },
      { token },
    );
    expect(drafted.status).toBe(201);
    // The page reads after its own last write; wait until the lists hold this draft made beside it.
    const listed = await server.get(`/api/v1/communities/${cid}/resolutions?after=${drafted.body.position}`, { token });
    expect(listed.body.map((r: { title: string }) => r.title)).toContain('罢免委员李娜');
    await page.reload();
    await pageReady(page, /委员会工作台/);
    const removal = form('登记罢免委员');
    await removal.getByLabel('罢免表决').selectOption({ label: '罢免委员李娜 · 草稿' });
    await removal.getByRole('button', { name: '登记罢免' }).click();
    await removal
      .getByText('将依据表决“罢免委员李娜”罢免该委员：其委员职务立即终止，由第一候补委员递补。不能撤回。')
      .waitFor();
    const before = await server.storedEventCount();
    await removal.getByRole('button', { name: '确认罢免' }).click();
    await removal.getByText('罢免表决没有通过（或尚未结束），不能据此罢免。').waitFor();
    expect(await server.storedEventCount()).toBe(before);
  });

  it('a preparatory group member who resigns is told in Chinese that only an elected committee’s members resign', async () => {
    await page.getByRole('button', { name: '我辞去委员职务' }).click();
    await page.getByText('您将辞去业主委员会委员职务，立即生效，不能撤回。').waitFor();
    await page.getByRole('button', { name: '确认辞职' }).click();
    const refusal = page.locator('section[aria-labelledby="desk-changes"] > div .refusal');
    await refusal.waitFor();
    await expect(refusal.innerText()).resolves.toMatch(/[\u4e00-\u9fff]/);
    await expect(refusal.innerText()).resolves.not.toMatch(/committee|UUID|rule/);
  });

  it('stays accessible and shows no stray values, at 390 px and at 1280 px', async () => {
    expect(await seriousViolations(page)).toEqual([]);
    expect(await strayValues(page)).toEqual([]);
    await screenshot(page, 'committee-forms-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'committee-forms-1280');
  });
});
