import { jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { regulatorToken } from '../elections/support.js';
import { communityWithCommittee, type TestServer } from '../support/test-server.js';
import { pageReady, portalTest, screenshot, seriousViolations, signIn, strayValues } from './support/browser.js';
import { CLOSES, OPENS } from './support/seed.js';

jest.setTimeout(600_000);

const fixture = (name: string) => readFileSync(`test/fixtures/jimenli/${name}`);
const CANDIDATE_UNITS = ['1-1-101', '1-1-102', '2-1-101', '3-1-101', '4-1-101', '5-1-101'];
const BROWSER_BALLOTS = 50;
const SEEDED_BALLOTS = 2000;

/**
 * The whole of issue 14 with 蓟门里's roster (3,100 units, 2,844 voters), in the browser: the preparatory
 * group imports the roster from its files (the preview's totals first), drafts, announces and opens the
 * election of the committee; the treasurer enters 50 paper ballots from the stack by unit number and
 * keyboard, records income and publishes a statement; the group closes the election, which puts its
 * filing before the street office; the clerk files the committee from the quorum record. The other
 * 2,000 paper ballots come through the API, as a batch, before the 50.
 */
describe('蓟门里: from the roster import to the filed committee, in the browser', () => {
  const portal = portalTest('portal_jimenli', async (server) => {
    const { communityId } = await communityWithCommittee(server, '蓟门里', 'CN-BEIJING-2020');
    const clerk = `jml-street-${communityId.slice(0, 6)}`;
    await regulatorToken(server, clerk);
    return { cid: communityId, clerk };
  });
  let server: TestServer;
  let page: Page;
  let cid: string;
  let chair: string;
  let election: string;
  let vote: string;
  const form = (legend: string): Locator =>
    page.locator('form', { has: page.getByRole('group', { name: legend, exact: true }) });
  const card = (title: string) => page.locator('.votes > li', { hasText: title });
  const setTime = async (at: string) => {
    server.clock.set(at);
    await page.clock.setFixedTime(new Date(at));
  };
  const committeeToken = () => server.signIn(chair, `secret-of-${chair}`);

  beforeAll(async () => {
    ({ server, page } = portal);
    cid = portal.story.cid;
    chair = `chair-${cid.slice(0, 8)}`;
    await page.clock.setFixedTime(server.clock.now());
    await signIn(page, chair);
    await page.goto(`/c/${cid}/committee`);
    await pageReady(page, /委员会工作台/);
  });

  it('imports the owners and the units from the committee’s files, the totals previewed first', async () => {
    const owners = form('预览业主表');
    await owners
      .getByLabel(/业主表/)
      .setInputFiles({ name: 'owners.csv', mimeType: 'text/csv', buffer: fixture('owners.csv') });
    await owners.getByRole('button', { name: '预览业主表' }).click();
    await owners.getByText(/共 3785 行。 可登记：个人 \d+ 位，单位 \d+ 个，开发建设单位 \d+ 个。/).waitFor();
    await owners.getByRole('button', { name: '登记这些业主' }).click();
    await owners.getByRole('button', { name: '确认登记' }).click();
    await owners.getByText('已登记 3785 位业主。').waitFor({ timeout: 120_000 });

    const units = form('预览房屋表');
    await units
      .getByLabel(/房屋表/)
      .setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: fixture('units.csv') });
    await units.getByRole('button', { name: '预览房屋表' }).click();
    await units.getByText(/导入后名册：3100 套房屋，2844 位投票人（业主人数）/).waitFor({ timeout: 120_000 });
    await screenshot(page, 'jimenli-roster-preview-390');
    await units.getByRole('button', { name: '导入这些房屋' }).click();
    await units.getByRole('button', { name: '确认导入' }).click();
    await units.getByText('已导入 3100 套房屋。').waitFor({ timeout: 120_000 });
  });

  it('drafts the election of the committee by the candidates’ unit numbers, announces it and opens it on its day', async () => {
    const draft = form('发起选举');
    await draft.getByLabel('选举名称').fill('蓟门里第一届业主委员会选举');
    await draft.getByLabel('应选委员人数').fill('5');
    await draft.getByLabel('候补委员人数').fill('1');
    await draft.getByLabel(/候选人/).fill(CANDIDATE_UNITS.join('\n'));
    await expect(draft.locator('ol li').count()).resolves.toBe(6);
    await draft.getByLabel('开始时间').fill(OPENS.slice(0, 16));
    await draft.getByLabel('截止时间').fill(CLOSES.slice(0, 16));
    await draft.getByRole('button', { name: '保存选举草稿' }).click();
    await draft.getByText(/已保存选举草稿“蓟门里第一届业主委员会选举”/).waitFor();
    await card('蓟门里第一届业主委员会选举').getByRole('button', { name: '公告' }).click();
    await card('蓟门里第一届业主委员会选举').getByRole('button', { name: /^确认/ }).click();
    await card('蓟门里第一届业主委员会选举').getByText('已公告，尚未开始').waitFor();
    // A vote to spend public revenue runs alongside, through the API: the treasurer pays under it later.
    const token = await committeeToken();
    const fence = await server.post(
      `/api/v1/communities/${cid}/resolutions`,
      {
        title: '修补东侧围栏',
        description: '用公共收益修补东侧围栏，预算五千元。',
        matter: 'SPEND_PUBLIC_REVENUE',
        opensAt: OPENS,
        closesAt: CLOSES,
        budget: { amount: '5000.00', fund: 'PUBLIC_REVENUE' },
      },
      { token },
    );
    expect(fence.status).toBe(201);
    vote = fence.body.id;
    expect(
      (await server.post(`/api/v1/communities/${cid}/resolutions/${vote}/post`, undefined, { token })).status,
    ).toBe(200);
    await setTime(OPENS);
    expect(
      (await server.post(`/api/v1/communities/${cid}/resolutions/${vote}/open`, undefined, { token })).status,
    ).toBe(200);
    await page.reload();
    await pageReady(page, /委员会工作台/);
    await card('蓟门里第一届业主委员会选举').getByRole('button', { name: '开始投票' }).click();
    await card('蓟门里第一届业主委员会选举').getByRole('button', { name: /^确认/ }).click();
    await card('蓟门里第一届业主委员会选举').getByText('投票中').waitFor();
    const elections = (await server.get(`/api/v1/communities/${cid}/elections`)).body as {
      id: string;
      title: string;
    }[];
    election = elections.find((e) => e.title === '蓟门里第一届业主委员会选举')!.id;
  });

  it('enters 50 paper ballots from the stack by unit number at the keyboard, after 2,000 entered as a batch', async () => {
    const token = await committeeToken();
    const roster = (await server.get(`/api/v1/communities/${cid}/roster`, { token })).body as {
      units: { unitId: string; representativeId: string }[];
    };
    // One ballot a voter: the representative of each unit, each once; the browser's 50 are voters of their own.
    const seen = new Set<string>();
    const voters = roster.units.filter((u) => !seen.has(u.representativeId) && seen.add(u.representativeId));
    const byBrowser = voters.slice(-BROWSER_BALLOTS);
    const evidence = createHash('sha256').update('批量扫描件').digest('hex');
    const batch = await server.post(
      `/api/v1/communities/${cid}/elections/${election}/paper-ballots`,
      voters.slice(0, SEEDED_BALLOTS).map((v) => ({
        ownerId: v.representativeId,
        selections: ['C1', 'C2', 'C3', 'C4', 'C5'],
        evidenceSha256: evidence,
      })),
      { token },
    );
    expect(batch.status).toBe(201);
    const votes = await server.post(
      `/api/v1/communities/${cid}/resolutions/${vote}/paper-ballots`,
      voters
        .slice(0, SEEDED_BALLOTS)
        .map((v) => ({ ownerId: v.representativeId, choice: 'FOR', evidenceSha256: evidence })),
      { token },
    );
    expect(votes.status).toBe(201);

    await page.reload();
    await pageReady(page, /委员会工作台/);
    const paper = form('录入纸质选票');
    await paper.getByLabel('表决', { exact: true }).selectOption({ label: '选举 · 蓟门里第一届业主委员会选举' });
    await paper.getByLabel(/整叠选票使用同一份扫描件/).check();
    const stack = Buffer.from('蓟门里 纸质选票 第 1 叠 扫描件');
    await paper
      .getByLabel('选票扫描件')
      .setInputFiles({ name: 'stack-1.pdf', mimeType: 'application/pdf', buffer: stack });
    await paper.getByText(createHash('sha256').update(stack).digest('hex')).waitFor();
    const voter = paper.getByLabel('房屋号或业主姓名');
    // A unit number that is on no roster: sent as typed, refused in words, nothing recorded.
    const before = await server.storedEventCount();
    await voter.fill('99-9-999');
    await voter.press('Enter');
    await paper.getByText('名册上没有“99-9-999”：请核对房屋号或姓名。').waitFor();
    await page.keyboard.press('Tab');
    await paper.locator('input[name=paperSelection]').first().check();
    await paper.getByRole('button', { name: '录入' }).click();
    await expect(paper.locator('.refusal').innerText()).resolves.toBe(
      '该业主不在本次投票冻结的名册上：请核对房屋号或业主。',
    );
    expect(await server.storedEventCount()).toBe(before);
    await voter.fill('');
    await voter.click();
    for (const [n, unit] of byBrowser.entries()) {
      await page.keyboard.type(unit.unitId);
      await page.keyboard.press('Enter');
      await paper.getByText(new RegExp(`^选票来自：.*（.*${unit.unitId}.*）$`)).waitFor();
      for (const key of n % 10 === 0 ? ['1', '6'] : ['1', '2', '3', '4', '5']) await page.keyboard.press(key);
      await page.keyboard.press('Enter');
      await paper.getByText(new RegExp(`^已录入 .*（.*${unit.unitId}.*） 的纸质选票。$`)).waitFor();
    }
    const record = await server.get(
      `/api/v1/communities/${cid}/elections/${election}/quorum-record?after=${await page.evaluate(() => sessionStorage.getItem('gongzhi.position'))}`,
      { token },
    );
    expect(record.body.ballots).toHaveLength(SEEDED_BALLOTS + BROWSER_BALLOTS);
    await paper.locator('summary', { hasText: /尚未投票的房屋：794 户投票人（共 2844）/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'jimenli-paper-station-390');
  });

  it('records income, and publishes the month’s statement once the month is over', async () => {
    const income = form('登记收入');
    await income.getByLabel('金额', { exact: true }).fill('12345.60');
    await income.getByLabel('说明').fill('一月停车费');
    await income.getByLabel('收款日期').fill('2026-01-05T08:30');
    await income.getByRole('button', { name: '登记收入' }).click();
    await income.getByText(/已登记收入 ¥12,345\.60/).waitFor();
    const statements = form('生成报告草稿');
    await statements.getByLabel('资金来源').selectOption({ label: '公共收益' });
    await statements.getByLabel('起始日').fill('2026-01-01');
    await statements.getByLabel('截止日（含当日）').fill('2026-01-31');
    // On 25 January the month still runs: refused in words.
    await statements.getByRole('button', { name: '生成报告草稿' }).click();
    await expect(statements.locator('.refusal').innerText()).resolves.toBe('报告期间还没有结束，结束后再起草报告。');
    await setTime(CLOSES);
    await statements.getByRole('button', { name: '生成报告草稿' }).click();
    const draft = page.locator('.statements > li', { hasText: '2026' });
    await draft.getByText('¥12,345.60').first().waitFor();
    await draft.getByRole('button', { name: '公布' }).click();
    await draft.getByRole('button', { name: '确认公布' }).click();
    await page.getByText(/已公布 公共收益 .* 的报告。/).waitFor();
  });

  it('closes the election once its time has come, electing the committee whose filing goes before the street office; the treasurer pays under the passed vote, refused in words beyond its budget', async () => {
    await page.reload();
    await pageReady(page, /委员会工作台/);
    await card('蓟门里第一届业主委员会选举').getByRole('button', { name: '结束投票并计票' }).click();
    await card('蓟门里第一届业主委员会选举').getByRole('button', { name: /^确认/ }).click();
    await page.getByText(/“蓟门里第一届业主委员会选举”已结束/).waitFor({ timeout: 120_000 });
    const committee = (
      await server.get(
        `/api/v1/communities/${cid}/committee?after=${await page.evaluate(() => sessionStorage.getItem('gongzhi.position'))}`,
      )
    ).body;
    expect(committee.filing.status).toBe('PENDING');

    // The fence vote closes too (through the API); the treasurer pays under it, within its budget.
    const closed = await server.post(`/api/v1/communities/${cid}/resolutions/${vote}/close`, undefined, {
      token: await committeeToken(),
    });
    expect(closed.body.outcome).toBe('PASSED');
    // The page reads after the close, as it would had the desk closed it (lib/api.js keeps the last write's position).
    await page.evaluate((position) => sessionStorage.setItem('gongzhi.position', position), closed.body.position);
    await page.reload();
    await pageReady(page, /委员会工作台/);
    const expense = form('登记支出');
    await expense.getByLabel('依据的表决').selectOption({ label: '修补东侧围栏（预算 ¥5,000.00）' });
    await expense.getByLabel('金额', { exact: true }).fill('6000.00');
    await expense.getByLabel('收款方').fill('北京某某建筑公司');
    await expense.getByLabel('用途').fill('修补东侧围栏');
    await expense.getByLabel('付款日期').fill(CLOSES.slice(0, 16));
    await expense.getByRole('button', { name: '登记支出' }).click();
    await expect(expense.locator('.refusal').innerText()).resolves.toBe(
      '“修补东侧围栏”批准的预算是 ¥5,000.00，这笔金额超出 ¥1,000.00。',
    );
    await expense.getByLabel('金额', { exact: true }).fill('4800.00');
    await expense.getByRole('button', { name: '登记支出' }).click();
    await expense.getByText(/已登记支出 ¥4,800\.00/).waitFor();
    await screenshot(page, 'jimenli-closed-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'jimenli-closed-1280');
    await page.setViewportSize({ width: 390, height: 844 });
  });

  it('the street office files the committee from the quorum record', async () => {
    await page.getByRole('button', { name: /^退出登录/ }).click();
    await signIn(page, portal.story.clerk);
    await page.goto(`/regulator/c/${cid}`);
    await pageReady(page, /街道办事处工作台 · 蓟门里/);
    await page.getByRole('link', { name: '审查计票记录并作出备案决定' }).click();
    await pageReady(page, /计票记录 · 蓟门里第一届业主委员会选举/);
    await page.getByText(`全部 2844 户投票人（${SEEDED_BALLOTS + BROWSER_BALLOTS} 户参与）`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await strayValues(page)).toEqual([]);
    // Refusing without a reason is stopped on the page, before anything is sent.
    await page.getByLabel('不予备案', { exact: true }).check();
    await page.getByRole('button', { name: '作出决定' }).click();
    await page.getByText('不予备案时请写明原因。').waitFor();
    await page.getByLabel('准予备案').check();
    await page.getByRole('button', { name: '作出决定' }).click();
    await page.getByRole('group', { name: '请确认' }).getByRole('button', { name: '确认准予备案' }).click();
    await page.getByText('“蓟门里第一届业主委员会选举”选出的业主委员会已备案。').waitFor();
    await screenshot(page, 'jimenli-filed-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'jimenli-filed-1280');
    const position = await page.evaluate(() => sessionStorage.getItem('gongzhi.position'));
    const committee = (await server.get(`/api/v1/communities/${cid}/committee?after=${position}`)).body;
    expect(committee).toMatchObject({ kind: 'COMMITTEE', filing: { status: 'FILED' } });
    expect(committee.members).toHaveLength(5);
  });
});
