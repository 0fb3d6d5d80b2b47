import { jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import type { TestServer } from '../support/test-server.js';
import { pageReady, portalTest, screenshot, seriousViolations, strayValues, signIn } from './support/browser.js';
import { announceElection, cast, CLOSES, draftAndOpen, OPENS, smallCommunity } from './support/seed.js';

jest.setTimeout(180_000);

/**
 * The committee's desk, for the people who will not use curl: votes moved along, paper ballots with
 * the scan hashed in the browser, income, an expense under a passed vote chosen from a list, fund
 * deposits and an emergency withdrawal; and when the server refuses, the reason in words.
 */
describe('a committee member works at the desk', () => {
  const portal = portalTest('portal_committee', async (server) => {
    const community = await smallCommunity(server);
    const cid = community.communityId;
    const election = await announceElection(server, cid, community.committee, { title: '第一届业主委员会选举' });
    const [elevator, fence] = await draftAndOpen(
      server,
      cid,
      community.committee,
      [
        { title: '是否更换电梯', description: '3号楼电梯已运行二十年。', matter: 'OTHER_MAJOR' },
        {
          title: '修补围栏',
          description: '用公共收益修补东侧围栏，预算五千元。',
          matter: 'SPEND_PUBLIC_REVENUE',
          budget: { amount: '5000.00', fund: 'PUBLIC_REVENUE' },
        },
      ],
      [election],
    );
    for (const owner of ['O1', 'O2', 'O4', 'O5']) await cast(server, cid, fence, community.ownerTokens[owner], 'FOR');
    return { cid, elevator, fence, election };
  });
  let server: TestServer;
  let page: Page;
  let cid: string;
  let elevator: string;
  let fence: string;
  let election: string;
  let chair: string;
  const api = (path: string) => `/api/v1/communities/${cid}${path}`;
  /** Reads the API once its projections have reached the browser's last write (the position the portal kept). */
  const read = async (path: string, token?: string) => {
    const after = await page.evaluate(() => sessionStorage.getItem('gongzhi.position'));
    return server.get(`${api(path)}${path.includes('?') ? '&' : '?'}after=${after}`, token ? { token } : {});
  };
  const form = (legend: string): Locator =>
    page.locator('form', { has: page.getByRole('group', { name: legend, exact: true }) });
  const card = (title: string) => page.locator('.votes > li', { hasText: title });
  /** The server's clock and the phone's: the desk offers closing from the phone's own clock. */
  const setTime = async (at: string) => {
    server.clock.set(at);
    await page.clock.setFixedTime(new Date(at));
  };

  beforeAll(async () => {
    ({
      server,
      page,
      story: { cid, elevator, fence, election },
    } = portal);
    chair = `chair-${cid.slice(0, 8)}`;
    await page.clock.setFixedTime(new Date(OPENS));
    await signIn(page, chair);
    await page.getByRole('link', { name: '委员会工作台' }).click();
    await pageReady(page, /委员会工作台/);
  });

  it('enters a paper ballot found by its unit number, whose scan is hashed on the device, never uploaded, and starts the next on an empty form', async () => {
    const paper = form('录入纸质选票');
    await paper.getByLabel('表决', { exact: true }).selectOption({ label: '是否更换电梯' });
    // The stack still to enter: every voter of the frozen roster, none has voted on this one yet.
    const remaining = paper.locator('details', { hasText: '尚未投票的房屋' });
    await remaining.locator('summary', { hasText: '尚未投票的房屋：5 户投票人（共 5）' }).waitFor();
    const scan = Buffer.from('扫描件：刘洋 反对 签名');
    await paper.getByLabel('房屋号或业主姓名').fill('2－101');
    await paper.getByText('选票来自：刘洋（2-101）').waitFor();
    await paper.getByLabel('反对').check();
    await paper.getByLabel('选票扫描件').setInputFiles({ name: 'ballot-O4.jpg', mimeType: 'image/jpeg', buffer: scan });
    const sha = createHash('sha256').update(scan).digest('hex');
    await paper.getByText(sha).waitFor();
    await paper.getByRole('button', { name: '录入' }).click();
    await paper.getByText('已录入 刘洋（2-101） 的纸质选票。').waitFor();
    const record = await read(
      `/resolutions/${elevator}/quorum-record`,
      await server.signIn(chair, `secret-of-${chair}`),
    );
    expect(record.body.ballots).toEqual([
      expect.objectContaining({ ownerId: 'O4', channel: 'PAPER', choice: 'AGAINST', evidenceSha256: sha }),
    ]);
    // Cleared for the next paper of the stack: a second tap cannot record the same ballot again.
    await expect(paper.getByLabel('房屋号或业主姓名').inputValue()).resolves.toBe('');
    await expect(paper.getByLabel('反对').isChecked()).resolves.toBe(false);
    await expect(paper.getByLabel('选票扫描件').inputValue()).resolves.toBe('');
    await expect(paper.getByText(sha).count()).resolves.toBe(0);
    await expect(paper.getByLabel('表决', { exact: true }).locator('option:checked').innerText()).resolves.toBe(
      '是否更换电梯',
    );
    await remaining.locator('summary', { hasText: '尚未投票的房屋：4 户投票人（共 5）' }).waitFor();
    expect(await remaining.locator('li').allTextContents()).toEqual(['1-101、1-102', '1-201', '2-102', '2-201']);
  });

  it('warns that the voter already has a ballot, by owner name, and replaces it only when asked', async () => {
    const paper = form('录入纸质选票');
    await paper.getByLabel('房屋号或业主姓名').fill('刘洋');
    const warning = paper.locator('.notice-warn');
    await expect(warning.locator('p').innerText()).resolves.toMatch(
      /^刘洋（2-101） 已有一张选票（纸质选票，.*，反对）。再录入将替换它，以新录入的为准。$/,
    );
    await paper.getByLabel('同意').check();
    const scan = Buffer.from('扫描件：刘洋 同意 签名（更正）');
    await paper
      .getByLabel('选票扫描件')
      .setInputFiles({ name: 'ballot-O4b.jpg', mimeType: 'image/jpeg', buffer: scan });
    await paper.getByText(createHash('sha256').update(scan).digest('hex')).waitFor();
    await paper.getByRole('button', { name: '录入' }).click();
    // The browser holds the form until the replacement is confirmed: nothing was sent.
    await expect(
      paper.getByLabel('确认以这张纸质选票替换原有选票').evaluate((box: HTMLInputElement) => box.validity.valueMissing),
    ).resolves.toBe(true);
    expect(
      (await read(`/resolutions/${elevator}/quorum-record`, await server.signIn(chair, `secret-of-${chair}`))).body
        .ballots,
    ).toHaveLength(1);
    await paper.getByLabel('确认以这张纸质选票替换原有选票').check();
    await paper.getByRole('button', { name: '录入' }).click();
    await paper.getByText('已录入 刘洋（2-101） 的纸质选票。').waitFor();
    const record = await read(
      `/resolutions/${elevator}/quorum-record`,
      await server.signIn(chair, `secret-of-${chair}`),
    );
    expect(record.body.voters.find((v: { ownerIds: string[] }) => v.ownerIds.includes('O4'))).toMatchObject({
      choice: 'FOR',
      channel: 'PAPER',
    });
  });

  it("is told in Chinese that a unit not on the vote's roster has no vote, and nothing is recorded", async () => {
    const paper = form('录入纸质选票');
    await paper.getByLabel('房屋号或业主姓名').fill('31-7-602');
    await paper.getByText('名册上没有“31-7-602”：请核对房屋号或姓名。').waitFor();
    await paper.getByLabel('弃权').check();
    await paper
      .getByLabel('选票扫描件')
      .setInputFiles({ name: 'ballot-x.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('x') });
    await paper.getByText(createHash('sha256').update('x').digest('hex')).waitFor();
    await paper.getByRole('button', { name: '录入' }).click();
    const refusal = paper.locator('.notice-error');
    // A 403 by its code, not "您没有权限".
    await expect(refusal.locator('.refusal').innerText()).resolves.toBe(
      '该业主不在本次投票冻结的名册上：请核对房屋号或业主。',
    );
    await expect(refusal.locator('details .mono').textContent()).resolves.toBe('NOT_A_VOTER');
    await screenshot(page, 'committee-desk-paper-refusal');
    expect(
      (await read(`/resolutions/${elevator}/quorum-record`, await server.signIn(chair, `secret-of-${chair}`))).body
        .ballots,
    ).toHaveLength(2);
  });

  it("enters an election's paper ballot: the voter by name, the candidates ticked up to the seats", async () => {
    const paper = form('录入纸质选票');
    await paper.getByLabel('表决', { exact: true }).selectOption({ label: '选举 · 第一届业主委员会选举' });
    await paper.getByLabel('房屋号或业主姓名').fill('李娜');
    await paper.getByText('选票来自：李娜（1-201）').waitFor();
    for (const name of ['张伟', '李娜', '刘洋']) await paper.getByLabel(name, { exact: true }).check();
    // Three seats: the fourth box cannot be ticked.
    await expect(paper.getByLabel('陈静', { exact: true }).isDisabled()).resolves.toBe(true);
    const scan = Buffer.from('扫描件：李娜 选举选票');
    await paper
      .getByLabel('选票扫描件')
      .setInputFiles({ name: 'election-O2.jpg', mimeType: 'image/jpeg', buffer: scan });
    await paper.getByText(createHash('sha256').update(scan).digest('hex')).waitFor();
    await paper.getByRole('button', { name: '录入' }).click();
    await paper.getByText('已录入 李娜（1-201） 的纸质选票。').waitFor();
    const record = await read(`/elections/${election}/quorum-record`, await server.signIn(chair, `secret-of-${chair}`));
    expect(record.body.ballots).toEqual([
      expect.objectContaining({ ownerId: 'O2', channel: 'PAPER', selections: ['C1', 'C2', 'C3'] }),
    ]);
    await expect(paper.getByLabel('张伟', { exact: true }).isChecked()).resolves.toBe(false);
    await paper.getByLabel('表决', { exact: true }).selectOption({ label: '是否更换电梯' });
  });

  it('records public revenue received', async () => {
    const income = form('登记收入');
    await income.getByLabel('金额').fill('12000.50');
    await income.getByLabel('来源').selectOption('ADVERTISING');
    await income.getByLabel('说明').fill('电梯广告一月');
    await income.getByLabel('收款日期').fill('2026-01-20T10:00');
    await income.getByRole('button', { name: '登记收入' }).click();
    await income.getByText('已登记收入 ¥12,000.50。').waitFor();
    const ledger = await read('/public-revenue');
    expect(ledger.body.entries).toEqual([
      expect.objectContaining({ amount: '12000.50', source: 'ADVERTISING', occurredAt: '2026-01-20T02:00:00.000Z' }),
    ]);
  });

  it('drafts a vote in Beijing time and announces it', async () => {
    const draft = form('发起表决');
    await draft.getByLabel('标题').fill('是否增设充电桩');
    await draft.getByLabel('表决内容').fill('在地下车库增设二十个充电桩。');
    await draft.getByLabel('表决事项').selectOption('CHANGE_COMMON_USE');
    await draft.getByLabel('开始时间').fill('2026-03-01T09:00');
    await draft.getByLabel('截止时间').fill('2026-03-10T18:00');
    await draft.getByRole('button', { name: '保存草稿' }).click();
    await draft.getByText('草稿“是否增设充电桩”已保存').waitFor();
    // A draft typed half-way survives a jump through the desk's own contents.
    await draft.getByLabel('标题').fill('半途的草稿');
    await page.getByRole('navigation', { name: '本页内容' }).getByRole('link', { name: '录入纸质选票' }).click();
    await page.getByRole('navigation', { name: '本页内容' }).getByRole('link', { name: '表决与选举' }).click();
    await expect(draft.getByLabel('标题').inputValue()).resolves.toBe('半途的草稿');
    await draft.getByLabel('标题').fill('');

    await card('是否增设充电桩').getByRole('button', { name: '公告' }).click();
    // Nothing is sent before the member has read what announcing means, and going back sends nothing.
    const confirm = card('是否增设充电桩').getByRole('group', { name: '请确认' });
    await expect(confirm.locator('p').innerText()).resolves.toBe(
      '“是否增设充电桩”将向全体业主公告，公告后内容不能再修改；投票于 2026年3月1日 09:00 开始。',
    );
    await confirm.getByRole('button', { name: '返回，不做了' }).click();
    expect((await read('/resolutions')).body.find((r: { title: string }) => r.title === '是否增设充电桩').status).toBe(
      'DRAFT',
    );
    await card('是否增设充电桩').getByRole('button', { name: '公告' }).click();
    await confirm.getByRole('button', { name: '确认公告' }).click();
    await card('是否增设充电桩').getByText('已公告，尚未开始').waitFor();
    const list = await read('/resolutions');
    expect(list.body.find((r: { title: string }) => r.title === '是否增设充电桩')).toMatchObject({
      status: 'POSTED',
      opensAt: '2026-03-01T01:00:00.000Z',
    });
  });

  it('drafts a menu vote with its options typed one a line (SCENARIOS.md 5)', async () => {
    const draft = form('发起表决');
    await draft.getByLabel('标题').fill('选择保洁服务');
    await draft.getByLabel('表决内容').fill('请按喜好排列。');
    await draft.getByLabel('表决事项').selectOption('SERVICE_MENU');
    await draft.getByLabel('开始时间').fill('2026-03-01T09:00');
    await draft.getByLabel('截止时间').fill('2026-03-10T18:00');
    await draft.getByLabel(/选项（每行一个）/).fill('每日保洁\n隔日保洁\n');
    await draft.getByRole('button', { name: '保存草稿' }).click();
    await draft.getByText('草稿“选择保洁服务”已保存').waitFor();
    const menu = (await read('/resolutions')).body.find((r: { title: string }) => r.title === '选择保洁服务');
    expect(menu).toMatchObject({
      status: 'DRAFT',
      matter: 'SERVICE_MENU',
      options: [
        { optionId: 'o1', label: '每日保洁' },
        { optionId: 'o2', label: '隔日保洁' },
      ],
    });
  });

  it('offers no closing before the closing time, and says from when', async () => {
    await expect(card('修补围栏').getByRole('button', { name: '结束投票并计票' }).count()).resolves.toBe(0);
    await card('修补围栏').getByText('2026年2月4日 18:00 起可以结束投票并计票。').waitFor();
  });

  it("is told in words why a vote cannot close when the phone's clock runs ahead of the server's, and nothing changes", async () => {
    await page.clock.setFixedTime(new Date(CLOSES));
    await page.reload();
    await pageReady(page, /委员会工作台/);
    await card('修补围栏').getByRole('button', { name: '结束投票并计票' }).click();
    await card('修补围栏').getByRole('button', { name: '确认结束并计票' }).click();
    const refusal = page.locator('#desk-votes ~ [aria-live] .notice-error');
    await expect(refusal.locator('.refusal').innerText()).resolves.toBe('还没到截止时间，不能结束投票。');
    // The server's English and the code stay folded away, for whoever helps the member.
    await expect(refusal.locator('details summary').innerText()).resolves.toBe('技术详情');
    await expect(refusal.locator('details .mono').textContent()).resolves.toBe('TOO_EARLY_TO_CLOSE');
    await screenshot(page, 'committee-desk-refusal');
    expect((await read(`/resolutions/${fence}`)).body.status).toBe('OPEN');
  });

  it('closes both votes once their time has come, after a confirmation saying what closing does, and reads the outcome', async () => {
    await setTime(CLOSES);
    await card('修补围栏').getByRole('button', { name: '结束投票并计票' }).click();
    const confirm = card('修补围栏').getByRole('group', { name: '请确认' });
    await expect(confirm.locator('p').innerText()).resolves.toBe(
      '“修补围栏”将结束投票并计票：此后送达的选票不再计入，结果立即向全体业主公布，不能撤回。',
    );
    await screenshot(page, 'committee-desk-close-confirm');
    await confirm.getByRole('button', { name: '确认结束并计票' }).click();
    await page.getByText('“修补围栏”已结束并计票：通过。').waitFor();
    await card('修补围栏').getByText('通过', { exact: true }).waitFor();
    await card('是否更换电梯').getByRole('button', { name: '结束投票并计票' }).click();
    await card('是否更换电梯').getByRole('button', { name: '确认结束并计票' }).click();
    await page.getByText(/“是否更换电梯”已结束并计票/).waitFor();
  });

  it("refuses an expense over the vote's budget in words, then records one within it", async () => {
    const expense = form('登记支出');
    // The list offers only the passed vote that spends public revenue (no covenant was adopted: no rule 27 option).
    expect(await expense.getByLabel('依据的表决').locator('option').allInnerTexts()).toEqual([
      '修补围栏（预算 ¥5,000.00）',
    ]);
    await expense.getByLabel('金额').fill('6000.00');
    await expense.getByLabel('收款方').fill('北京某围栏工程有限公司');
    await expense.getByLabel('用途').fill('修补东侧围栏');
    await expense.getByLabel('付款日期').fill('2026-02-04T18:00');
    await expense.getByRole('button', { name: '登记支出' }).click();
    const refusal = expense.locator('.notice-error');
    // The vote by its title, the budget and the excess from the refusal's details in yuan; the server's sentence folded away.
    await expect(refusal.locator('.refusal').innerText()).resolves.toBe(
      '“修补围栏”批准的预算是 ¥5,000.00，这笔金额超出 ¥1,000.00。',
    );
    await expect(refusal.locator('details [lang=en]').textContent()).resolves.toMatch(
      /6000\.00 yuan[\s\S]*exceeds the budget[\s\S]*by 1000\.00 yuan/,
    );
    await expect(refusal.locator('details .mono').textContent()).resolves.toBe('BUDGET_EXCEEDED');
    expect((await read('/public-revenue')).body.totalExpenses).toBe('0.00');
    await expense.getByLabel('金额').fill('4500.00');
    await expense.getByRole('button', { name: '登记支出' }).click();
    await expense.getByText('已登记支出 ¥4,500.00（收款方：北京某围栏工程有限公司）。').waitFor();
    const ledger = await read('/public-revenue?kind=EXPENSE');
    expect(ledger.body.entries).toEqual([
      expect.objectContaining({
        amount: '4500.00',
        resolution: expect.objectContaining({ id: fence, outcome: 'PASSED' }),
      }),
    ]);
  });

  it("records the fund's deposits pasted from a spreadsheet, refusing an unknown unit and a bad line first", async () => {
    const deposits = form('登记维修资金缴存');
    await deposits.getByLabel('缴存日期').fill('2026-02-01T09:00');
    await deposits.getByLabel('每户一行：房屋编号 金额').fill('1-101\t10000.00\n1-102 5000,00');
    await deposits.getByRole('button', { name: '登记维修资金缴存' }).click();
    await deposits.getByText('第 2 行看不懂：“1-102 5000,00”。').waitFor();
    await deposits.getByLabel('每户一行：房屋编号 金额').fill('1-101\t10000.00\n9-999\t5000.00');
    await deposits.getByRole('button', { name: '登记维修资金缴存' }).click();
    const refusal = deposits.locator('.notice-error', { hasText: 'UNKNOWN_UNIT' });
    await expect(refusal.locator('.refusal').innerText()).resolves.toBe('房屋 9-999 不在房屋名册上，请核对房屋编号。');
    expect((await read('/maintenance-fund')).body.balance).toBe('0.00');
    const lines = [
      '1-101\t10000.00',
      '1-102\t5000.00',
      '1-201\t8000.00',
      '2-101\t9000.00',
      '2-102\t6000.00',
      '2-201\t12000.00',
    ];
    await deposits.getByLabel('每户一行：房屋编号 金额').fill(lines.join('\n'));
    await deposits.getByRole('button', { name: '登记维修资金缴存' }).click();
    await deposits.getByText('已登记 6 户缴存，合计 ¥50,000.00。').waitFor();
    expect((await read('/maintenance-fund')).body).toMatchObject({ balance: '50000.00', initialTotal: '50000.00' });
  });

  it('records an emergency withdrawal with its evidence hashed on the device', async () => {
    const withdrawal = form('登记维修资金使用');
    expect(await withdrawal.getByLabel('依据的表决').locator('option').allInnerTexts()).toEqual(['无表决：紧急使用']);
    await withdrawal.getByLabel('金额').fill('3000.00');
    await withdrawal.getByLabel('收款方').fill('电梯维保公司');
    await withdrawal.getByLabel('用途').fill('2号楼电梯抢修');
    await withdrawal.getByLabel('紧急原因').fill('电梯停在两层之间，有人被困');
    const photo = Buffer.from('现场照片');
    await withdrawal
      .getByLabel(/紧急情况证据文件/)
      .setInputFiles({ name: 'elevator.jpg', mimeType: 'image/jpeg', buffer: photo });
    await withdrawal.getByText(createHash('sha256').update(photo).digest('hex')).waitFor();
    await withdrawal.getByLabel('分摊的楼栋').fill('2');
    await withdrawal.getByLabel('付款日期').fill('2026-02-04T18:00');
    // The apportionment is shown first; nothing is paid until it is confirmed.
    await withdrawal.getByRole('button', { name: '预览分摊' }).click();
    await withdrawal.getByText(/^按面积分摊到 \d+ 套房屋：$/).waitFor();
    await withdrawal.getByRole('button', { name: '确认支付' }).click();
    await withdrawal.getByText('已登记紧急使用 ¥3,000.00，在所有账目中标明为紧急使用。').waitFor();
    const fund = (await read('/maintenance-fund')).body;
    expect(fund).toMatchObject({ balance: '47000.00', emergencyWithdrawn: '3000.00' });
  });

  it("opens the announced vote on its opening day, its confirmation kept while another form's write refreshes the desk", async () => {
    await setTime('2026-03-01T09:00:00+08:00');
    await card('是否增设充电桩').getByRole('button', { name: '开始投票' }).click();
    const confirm = card('是否增设充电桩').getByRole('button', { name: '确认开始投票' });
    await confirm.waitFor();
    // Another write, whose answer refreshes the votes: the form's button comes back once that refresh is done.
    const income = form('登记收入');
    await income.getByLabel('金额').fill('800.00');
    await income.getByLabel('说明').fill('快递柜场地费二月');
    await income.getByLabel('收款日期').fill('2026-03-01T08:30');
    await income.getByRole('button', { name: '登记收入' }).click();
    await income.getByText('已登记收入 ¥800.00。').waitFor();
    await income.locator('button:enabled', { hasText: '登记收入' }).waitFor();
    await confirm.click({ timeout: 5_000 });
    await card('是否增设充电桩').getByText('投票中').waitFor();
    await screenshot(page, 'committee-desk');
    expect((await read('/resolutions')).body.find((r: { title: string }) => r.title === '是否增设充电桩').status).toBe(
      'OPEN',
    );
  });

  it('has no serious or critical accessibility violations on the desk', async () => {
    expect([...(await seriousViolations(page)), ...(await strayValues(page))]).toEqual([]);
  });
});
