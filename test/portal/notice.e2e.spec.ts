import { jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import type { TestServer } from '../support/test-server.js';
import { pageReady, portalTest, screenshot, seriousViolations, strayValues } from './support/browser.js';
import { longzeyuanStory } from './support/story.js';

jest.setTimeout(240_000);

/**
 * The notice for the lobby board (Beijing Art. 37): each closed vote and election and each published
 * statement prints on one A4 page in Chinese, with the exact figures and thresholds, the dates, who
 * posts it, QR codes to the page and to the receipt check, and the log key's fingerprint. Chromium
 * prints the PDF; its text is read back with poppler's pdftotext (installed by .ci/run) for what the
 * paper must say, and the figures' layout is read from the same page under print emulation.
 */
describe('a committee prints the notice of a result for the lobby board', () => {
  const portal = portalTest('portal_notice', longzeyuanStory);
  let server: TestServer;
  let page: Page;
  let story: Awaited<ReturnType<typeof longzeyuanStory>>;
  beforeAll(() => ({ server, page, story } = portal));

  /** The PDF Chromium prints, as its page count and the size of its first page in points. */
  async function printed(): Promise<{ pages: number; mediaBox: number[] }> {
    const pdf = (await page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
    const pages = pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    const box = /\/MediaBox\s*\[\s*([\d.\s]+)\]/.exec(pdf)![1].trim().split(/\s+/).map(Number);
    return { pages, mediaBox: box };
  }

  /** The text of the PDF Chromium prints, read back by pdftotext, without white space (lines wrap on paper). */
  async function paperText(): Promise<string> {
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8').replace(/\s/g, '');
  }

  const printText = async () => {
    await page.emulateMedia({ media: 'print' });
    const text = await page.locator('body').innerText();
    return text;
  };

  afterEach(() => page.emulateMedia({ media: 'screen' }));

  it('prints a closed vote: the result with exact figures and thresholds, dates, poster, QR codes and key fingerprint, on one A4 page', async () => {
    await page.goto(`/c/${story.cid}/votes/${story.fence}`);
    await pageReady(page, '更换小区围栏');
    await page.getByRole('link', { name: '打印公告（A4）' }).click();
    await pageReady(page, '业主大会表决结果公告');
    const text = await printText();
    expect(text).toContain('龙泽苑');
    expect(text).toContain('更换小区围栏');
    expect(text).toMatch(/结果：通过。参与和同意都达到了要求/);
    expect(text).toMatch(/参与投票\s*4 \/ 5（80\.0%）\s*380\.00 m² \/ 500\.00 m²（76\.0%）\s*不少于三分之二\s*达到/);
    expect(text).toMatch(
      /同意票\s*3 \/ 4（75\.0%）\s*320\.00 m² \/ 380\.00 m²（84\.2%）\s*过半数|同意票\s*3 \/ 4（75\.0%）\s*320\.00 m² \/ 380\.00 m²（84\.2%）/,
    );
    expect(text).toMatch(/截止时间\s*2026年2月4日/);
    expect(text).toMatch(/龙泽苑业主大会筹备组\s*公告日期：2026年/);
    expect(text).toContain('北京市物业管理条例（2020）');
    // Nothing of the screen's chrome on paper.
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.locator('footer').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印公告' }).isVisible()).toBe(false);
    // The QR codes are the server's drawings of the page's and the receipt check's addresses.
    const codes = await page.locator('.notice-codes img').evaluateAll((imgs) =>
      imgs.map((i) => ({
        src: (i as HTMLImageElement).getAttribute('src')!,
        drawn: (i as HTMLImageElement).naturalWidth > 0,
      })),
    );
    expect(codes).toEqual([
      {
        src: `/qr.svg?text=${encodeURIComponent(`${server.baseUrl}/c/${story.cid}/votes/${story.fence}`)}`,
        drawn: true,
      },
      {
        src: `/qr.svg?text=${encodeURIComponent(`${server.baseUrl}/verify?communityId=${story.cid}&resolutionId=${story.fence}`)}`,
        drawn: true,
      },
    ]);
    const key = (await server.get('/api/v1/log/public-key')).body;
    expect(text.replace(/\s/g, '')).toContain(`日志签名公钥指纹（SHA-256）：${key.fingerprint}`);
    expect(await printed()).toEqual({ pages: 1, mediaBox: [0, 0, 595.91998, 842.88] });
    const paper = await paperText();
    for (const said of ['业主大会表决结果公告', '龙泽苑', '更换小区围栏', '结果：通过', '北京市物业管理条例（2020）'])
      expect(paper).toContain(said);
    expect(paper).toContain(`日志签名公钥指纹（SHA-256）：${key.fingerprint}`);
    await page.emulateMedia({ media: 'screen' });
    // On the phone too it fits the screen's width: nothing to scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'notice-vote');
    expect([...(await seriousViolations(page)), ...(await strayValues(page))]).toEqual([]);
  });

  it('prints a vote that failed for too few voters with the shares that fell short', async () => {
    await page.goto(`/c/${story.cid}/votes/${story.gate}/notice`);
    await pageReady(page, '业主大会表决结果公告');
    const text = await printText();
    expect(text).toMatch(/结果：未通过（参与人数不足）。参与投票的业主按面积只有 30\.0%、按人数只有 20\.0%/);
    expect(text).toMatch(/参与投票\s*1 \/ 5（20\.0%）\s*150\.00 m² \/ 500\.00 m²（30\.0%）\s*不少于三分之二\s*未达到/);
    expect((await printed()).pages).toBe(1);
  });

  it('prints the closed election with who was elected', async () => {
    await page.goto(`/c/${story.cid}/elections/${story.election}`);
    await pageReady(page, '龙泽苑第一届业主委员会选举');
    await page.getByRole('link', { name: '打印公告（A4）' }).click();
    await pageReady(page, '业主委员会选举结果公告');
    const text = await printText();
    expect(text).toMatch(/结果：选出委员。/);
    expect(text).toMatch(/当选委员\s*张伟、刘洋、李娜/);
    expect(text).toMatch(/陈静：未当选/);
    expect((await printed()).pages).toBe(1);
  });

  it('prints the published statement with its totals and audit opinion', async () => {
    await page.goto(`/c/${story.cid}/statements`);
    await pageReady(page, /财务报告/);
    await page.getByRole('link', { name: '打印公告（A4）' }).click();
    await pageReady(page, '财务报告公告');
    const text = await printText();
    expect(text).toMatch(/收入\s*¥800,000\.00/);
    expect(text).toMatch(/期末余额\s*¥400,000\.00/);
    expect(text).toMatch(/审计意见\s*无保留意见/);
    expect((await printed()).pages).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'notice-statement');
  });
});
