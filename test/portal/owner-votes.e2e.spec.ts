import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { TestServer } from '../support/test-server.js';
import { pageReady, portalTest, savedDownload, screenshot, seriousViolations, strayValues } from './support/browser.js';
import { announceElection, cast, CLOSES, draftAndOpen, smallCommunity, write } from './support/seed.js';

jest.setTimeout(180_000);

/**
 * An owner who has only the letter with the activation code: activates, signs in, votes, changes the
 * vote, keeps the receipt and checks it on the phone itself.
 */
describe('an owner votes through the portal on a phone', () => {
  const portal = portalTest(
    'portal_owner',
    async (server) => {
      const community = await smallCommunity(server, ['O2', 'O4', 'O5']);
      const cid = community.communityId;
      const eid = await announceElection(server, cid, community.committee, { title: '第一届业主委员会选举' });
      const [rid] = await draftAndOpen(
        server,
        cid,
        community.committee,
        [
          {
            title: '是否聘用新物业公司',
            description: '原物业合同到期，拟聘用北京某物业服务有限公司，服务费不变。',
            matter: 'HIRE_OR_FIRE_MANAGER',
          },
        ],
        [eid],
      );
      await cast(server, cid, rid, community.ownerTokens.O4, 'FOR');
      return { cid, rid, eid, committee: community.committee, code: community.activationCodes.O1 };
    },
    { GONGZHI_CHECKPOINT_EVERY: '1', GONGZHI_CHECKPOINT_SECONDS: '1' },
  );
  let server: TestServer;
  let page: Page;
  let cid: string;
  let rid: string;
  let eid: string;
  let committee: string;
  let code: string;
  const login = 'zhangwei-1';
  const secret = 'a long secret of zhang wei';

  beforeAll(
    () =>
      ({
        server,
        page,
        story: { cid, rid, eid, committee, code },
      } = portal),
  );

  it('activates the account with the code from the letter and lands on the open vote', async () => {
    await page.goto('/activate');
    await pageReady(page, '激活账户');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.getByLabel('激活码').fill(code);
    await page.getByLabel('登录名').fill(login);
    await page.getByLabel('密码', { exact: true }).fill(secret);
    await page.getByLabel('再次输入密码').fill(secret);
    await screenshot(page, 'activate');
    await page.getByRole('button', { name: '激活' }).click();
    await pageReady(page, '我的投票');
    await page.getByText('是否聘用新物业公司').waitFor();
    await screenshot(page, 'my-votes');
  });

  it('signs out and signs in again with the chosen login', async () => {
    await page.getByRole('button', { name: /退出登录/ }).click();
    await pageReady(page, '小区列表');
    await page.getByRole('link', { name: '登录' }).click();
    await pageReady(page, '登录');
    await page.getByLabel('登录名').fill(login);
    await page.getByLabel('密码').fill(secret);
    await screenshot(page, 'sign-in');
    await page.getByRole('button', { name: '登录' }).click();
    await pageReady(page, '我的投票');
  });

  it('casts a ballot and is shown a receipt that does not name the choice', async () => {
    await page.getByRole('link', { name: '去投票' }).click();
    await pageReady(page, '是否聘用新物业公司');
    await page.getByLabel('同意').check();
    await page.getByRole('button', { name: '提交选票' }).click();
    await page.getByText('您的选票已记录').waitFor();
    await page.getByRole('heading', { name: '投票回执' }).waitFor();
    // The keyboard's focus lands on the result of the action: the notice and the receipt.
    await expect(
      page.evaluate(() => document.activeElement?.textContent?.includes('您的选票已记录') ?? false),
    ).resolves.toBe(true);
    // The receipt's event id, hash and position are folded under 技术详情, not read out to the voter.
    const receipt = page.getByRole('region', { name: '投票回执' });
    expect(await receipt.innerText()).not.toMatch(/[0-9a-f]{64}|[0-9a-f]{8}-[0-9a-f]{4}-/);
    await screenshot(page, 'vote-cast');
  });

  it('changes the ballot before close, and sees both ballots recorded in their name', async () => {
    await page.getByLabel('反对').check();
    await page.getByRole('button', { name: '更改选票' }).click();
    await page.getByText(/您目前的选择：反对/).waitFor();
    await page.getByRole('link', { name: '我的投票' }).click();
    await pageReady(page, '我的投票');
    // Cards, newest first: the one that counts marked, the one it replaced greyed with the reason.
    const cards = page.locator('.ballots > li');
    await expect(cards.count()).resolves.toBe(2);
    expect(await cards.allInnerTexts()).toEqual([
      expect.stringMatching(/✓ 当前有效：以这张为准[\s\S]*我的选择\s*反对/),
      expect.stringMatching(/已被 .+ 的选票取代，不再计入（以最后一次为准）[\s\S]*我的选择\s*同意/),
    ]);
    await expect(cards.nth(1).getAttribute('class')).resolves.toContain('ballot-superseded');
    expect(await page.locator('main table').count()).toBe(0);
    await screenshot(page, 'me-phone');
  });

  it('sees which units took part in the vote, never how, and downloads that list', async () => {
    await page.getByRole('link', { name: '是否聘用新物业公司' }).first().click();
    await pageReady(page, '是否聘用新物业公司');
    const who = page.getByRole('region', { name: '参与情况（仅本小区业主可见）' });
    // The list is drawn after the vote itself (ui.js `later`) and arrives whole: wait for it, then read it at once.
    await who.waitFor();
    // O1 holds two flats (one head), O4 one; O4 voted through the API, O1 here.
    expect(await who.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^1-101\s+网上投票$/),
      expect.stringMatching(/^1-102\s+网上投票$/),
      expect.stringMatching(/^2-101\s+网上投票$/),
    ]);
    expect(await who.innerText()).not.toMatch(/同意|反对|弃权/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      who.getByRole('button', { name: '下载参与情况（CSV）' }).click(),
    ]);
    expect(readFileSync(await savedDownload(download), 'utf8')).toMatch(
      /"unitId","channel"\r\n"1-101","ONLINE"\r\n"1-102","ONLINE"\r\n"2-101","ONLINE"/,
    );
    await screenshot(page, 'vote-open-participation');
  });

  it('downloads the receipt as a JSON file holding the receipt the server answered', async () => {
    await page.goto(`/c/${cid}/votes/${rid}`);
    await pageReady(page, '是否聘用新物业公司');
    await page.getByLabel('弃权').check();
    await page.getByRole('button', { name: '更改选票' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /下载回执/ }).click(),
    ]);
    const doc = JSON.parse(readFileSync(await savedDownload(download), 'utf8'));
    expect(doc).toMatchObject({
      communityId: cid,
      resolutionId: rid,
      receipt: { eventId: expect.any(String), leafHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(JSON.stringify(doc)).not.toMatch(/ABSTAIN|弃权/);
    const mine = await server.get(`/api/v1/communities/${cid}/my-ballots?after=${doc.receipt.position}`, {
      token: await server.signIn(login, secret),
    });
    expect(mine.body.at(-1).eventId).toBe(doc.receipt.eventId);
  });

  it('checks the receipt in the browser against the signed checkpoint and the inclusion proof', async () => {
    const doc = await page.evaluate(() => JSON.parse(localStorage.getItem('gongzhi.receipts')!).at(-1));
    // GONGZHI_CHECKPOINT_EVERY=1 signs a checkpoint in the same transaction that logs the ballot, so
    // once the projections have reached the ballot (?after=) a signed checkpoint covers it.
    const proof = await server.get(
      `/api/v1/communities/${cid}/log/proofs/inclusion?eventId=${doc.receipt.eventId}&after=${doc.receipt.position}`,
    );
    expect(proof.status).toBe(200);
    await page.getByRole('link', { name: '核验这张回执' }).click();
    await pageReady(page, '核验投票回执');
    await page.getByRole('button', { name: '开始核验' }).click();
    const verdict = page.locator('.notice').last();
    await verdict.waitFor();
    await screenshot(page, 'verify-receipt');
    // Before the close the page says exactly what is proven: logged, not counted.
    await expect(verdict.innerText()).resolves.toMatch(/核验通过：已记录/);
    await expect(verdict.innerText()).resolves.not.toMatch(/已计入/);
    await expect(page.locator('.steps li.pass').count()).resolves.toBe(5);
    await page.getByText(/本机首次核验本小区日志：已记住签名公钥/).waitFor();
  });

  it('refuses a receipt whose leaf hash was altered, on the device', async () => {
    const doc = await page.evaluate(() => JSON.parse(localStorage.getItem('gongzhi.receipts')!).at(-1));
    doc.receipt.leafHash = doc.receipt.leafHash.replace(/^./, (c: string) => (c === '0' ? '1' : '0'));
    await page.getByLabel('粘贴回执内容').fill(JSON.stringify(doc));
    await page.getByRole('button', { name: '开始核验' }).click();
    await page.getByText(/核验失败/).waitFor();
  });

  it('switches to English and back, keeping the page and the lang attribute right', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await pageReady(page, 'Check a ballot receipt');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: '切换到中文' }).click();
    await pageReady(page, '核验投票回执');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
  });

  it('votes with the keyboard alone: skip link, the choices with arrow keys, the button with Enter', async () => {
    await page.goto(`/c/${cid}/votes/${rid}`);
    await pageReady(page, '是否聘用新物业公司');
    const focused = () =>
      page.evaluate(() => ({
        tag: document.activeElement?.tagName,
        id: document.activeElement?.id,
        text: document.activeElement?.textContent,
        type: (document.activeElement as HTMLInputElement)?.type,
        value: (document.activeElement as HTMLInputElement)?.value,
      }));
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'A', text: '跳到正文' });
    await page.keyboard.press('Enter');
    expect(await focused()).toMatchObject({ id: 'main' });
    // Tab through the page in order until the choices: the checked one (弃权, the last ballot) takes the focus.
    for (let presses = 0; (await focused()).type !== 'radio'; presses++) {
      expect(presses).toBeLessThan(30);
      await page.keyboard.press('Tab');
    }
    expect(await focused()).toMatchObject({ value: 'ABSTAIN' });
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toMatchObject({ value: 'AGAINST' });
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'BUTTON', text: '更改选票' });
    await page.keyboard.press('Enter');
    await page.getByText(/您目前的选择：反对/).waitFor();
  });

  it('votes in the committee election for up to three candidates, and keeps the receipt', async () => {
    await page.goto(`/c/${cid}`);
    await pageReady(page, '龙泽苑');
    await page.getByRole('link', { name: '第一届业主委员会选举' }).click();
    await pageReady(page, '第一届业主委员会选举');
    const ballot = page.getByRole('group', { name: /请选择您同意的候选人/ });
    for (const name of ['张伟', '李娜', '刘洋']) await ballot.getByLabel(name).check();
    // A fourth box cannot be ticked: the page stops it before the server would refuse it.
    await expect(ballot.getByLabel('陈静').isDisabled()).resolves.toBe(true);
    await ballot.getByText('最多选 3 人，已选 3 人。').waitFor();
    await ballot.getByLabel('李娜').uncheck();
    await page.getByRole('button', { name: '提交选票' }).click();
    await page.getByText('您的选票已记录（同意 2 人）。').waitFor();
    await page.getByRole('heading', { name: '投票回执' }).waitFor();
    await screenshot(page, 'election-ballot');
    const doc = await page.evaluate(() => JSON.parse(localStorage.getItem('gongzhi.receipts')!).at(-1));
    expect(doc).toMatchObject({ communityId: cid, electionId: eid, receipt: { eventId: expect.any(String) } });
    const record = await server.get(
      `/api/v1/communities/${cid}/elections/${eid}/quorum-record?after=${doc.receipt.position}`,
      { token: committee },
    );
    expect(record.body.voters.find((v: { ownerIds: string[] }) => v.ownerIds.includes('O1'))).toMatchObject({
      selections: ['C1', 'C3'],
      channel: 'ONLINE',
      ballotEventId: doc.receipt.eventId,
    });

    // "My votes" lists the election ballot recorded in the owner's name beside the resolution ballots (rule 11).
    await page.goto('/me');
    await pageReady(page, '我的投票');
    const card = page
      .locator('.ballots > li')
      .filter({ has: page.getByRole('link', { name: '第一届业主委员会选举' }) });
    await card.getByText('张伟、刘洋').waitFor();
  });

  let lastEventId: string;

  it('after the close, the receipt page proves the last ballot counted and the earlier one replaced, on the device', async () => {
    const mine = (await page.evaluate(() => JSON.parse(localStorage.getItem('gongzhi.receipts')!))).filter(
      (d: { resolutionId?: string }) => d.resolutionId === rid,
    );
    expect(mine.length).toBeGreaterThanOrEqual(2);
    server.clock.set(CLOSES);
    const close = await write(server, `/communities/${cid}/resolutions/${rid}/close`, undefined, committee, 200);
    const last = mine.at(-1);
    lastEventId = last.receipt.eventId;
    // The close is logged, and a checkpoint signed over it (GONGZHI_CHECKPOINT_EVERY=1), before the page asks.
    const logged = await server.get(
      `/api/v1/communities/${cid}/log/proofs/inclusion?eventId=${close.closeEventId}&after=${close.position}`,
    );
    expect(logged.status).toBe(200);

    const checkOnDevice = async (eventId: string) => {
      await page.goto(`/verify?eventId=${encodeURIComponent(eventId)}`);
      await pageReady(page, '核验投票回执');
      await page.getByRole('button', { name: '开始核验' }).click();
      const verdict = page.locator('.notice').last();
      await verdict.waitFor();
      return verdict.innerText();
    };
    await expect(checkOnDevice(last.receipt.eventId)).resolves.toMatch(/^已计入：这张选票被计入了计票结果。/);
    // Signature, the pinned log extended, the ballot in the log, the close in the log, the ballot in the close's counted root.
    await expect(page.locator('.steps li.pass').count()).resolves.toBe(7);
    await expect(page.locator('.steps li.fail').count()).resolves.toBe(0);
    await page.getByText(/签名公钥与本机上次记住的相同/).waitFor();
    await screenshot(page, 'verify-counted');

    await expect(checkOnDevice(mine[0].receipt.eventId)).resolves.toMatch(
      new RegExp(`^已被后一张选票取代[\\s\\S]*${last.receipt.eventId}`),
    );
    await expect(page.locator('.steps li.fail').count()).resolves.toBe(0);
    await screenshot(page, 'verify-superseded');

    // "My votes" links every ballot in the owner's name to the same check, its leaf rebuilt on the device.
    await page.goto('/me');
    await pageReady(page, '我的投票');
    await expect(page.getByRole('link', { name: /^核验 是否聘用新物业公司/ }).count()).resolves.toBe(mine.length);
    // Newest first: the first card is the ballot that counts.
    await page
      .getByRole('link', { name: /^核验 是否聘用新物业公司/ })
      .first()
      .click();
    await pageReady(page, '核验投票回执');
    await page.getByRole('button', { name: '开始核验' }).click();
    await page.getByText(/^已计入/).waitFor();
  });

  it("warns loudly when the log's signing key is not the one this device pinned", async () => {
    await page.evaluate((c) => {
      const key = `gongzhi.log.${c}`;
      const pin = JSON.parse(localStorage.getItem(key)!);
      localStorage.setItem(key, JSON.stringify({ ...pin, fingerprint: 'f'.repeat(64) }));
    }, cid);
    await page.goto(`/verify?eventId=${lastEventId}`);
    await pageReady(page, '核验投票回执');
    await page.getByRole('button', { name: '开始核验' }).click();
    const alarm = page.getByRole('alert');
    await alarm.waitFor();
    await expect(alarm.innerText()).resolves.toMatch(
      /警告：不要相信这台服务器[\s\S]*签名公钥变了！本机记住的是 ffff ffff ffff ffff/,
    );
    await expect(page.getByText(/已计入/).count()).resolves.toBe(0);
  });

  it('warns loudly when the log this device saw was rewritten: same size, another root', async () => {
    const fingerprint = await page.evaluate(async () => {
      const key = await (await fetch('/api/v1/log/public-key')).json();
      const der = Uint8Array.from(atob(key.publicKey.replace(/-----(BEGIN|END) PUBLIC KEY-----|\s/g, '')), (c) =>
        c.charCodeAt(0),
      );
      return [...new Uint8Array(await crypto.subtle.digest('SHA-256', der))]
        .map((b) => b.toString(16).padStart(2, '0'))
        .join('');
    });
    await page.evaluate(
      ([c, fp]) => {
        const key = `gongzhi.log.${c}`;
        const pin = JSON.parse(localStorage.getItem(key)!);
        localStorage.setItem(key, JSON.stringify({ ...pin, fingerprint: fp, treeSize: 2, rootHash: '0'.repeat(64) }));
      },
      [cid, fingerprint],
    );
    await page.goto(`/verify?eventId=${lastEventId}`);
    await pageReady(page, '核验投票回执');
    await page.getByRole('button', { name: '开始核验' }).click();
    const alarm = page.getByRole('alert');
    await alarm.waitFor();
    await expect(alarm.innerText()).resolves.toMatch(/日志历史被改写！/);
  });

  it('has no serious or critical accessibility violations on the owner pages', async () => {
    const found: Record<string, string[]> = {};
    for (const path of [
      '/me',
      `/c/${cid}/votes/${rid}`,
      `/c/${cid}/elections/${eid}`,
      '/verify',
      '/sign-in',
      '/activate',
    ]) {
      await page.goto(path);
      await pageReady(page);
      const v = [...(await seriousViolations(page)), ...(await strayValues(page))];
      if (v.length) found[path] = v;
    }
    expect(found).toEqual({});
  });
});
