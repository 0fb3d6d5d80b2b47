import axe, { type Result } from 'axe-core';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from '@jest/globals';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../support/global-setup.js';
import { TestServer } from '../../support/test-server.js';

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
/** The phone the portal is designed for first. */
export const PHONE = { width: 390, height: 844 };

/** The run's Chromium (test/support/global-setup.ts), or one of this suite's own when the run has none. */
export function launchBrowser(): Promise<Browser> {
  const shared = process.env.GONGZHI_TEST_BROWSER;
  if (shared) return chromium.connect(shared);
  if (!existsSync(CHROMIUM))
    throw new Error(
      `the portal's e2e tests need Chromium at ${CHROMIUM} (Debian: apt-get install chromium fonts-wqy-microhei)`,
    );
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A phone-sized tab in Chinese, whose script errors fail the test that caused them. */
export async function phone(
  browser: Browser,
  baseURL: string,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL,
    viewport: PHONE,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  return { context, page, errors };
}

/** A download, saved in this process's temporary folder: the run's Chromium is another process, keeping its own. */
export async function savedDownload(download: Download | Promise<Download>): Promise<string> {
  const finished = await download;
  const path = join(mkdtempSync(join(tmpdir(), 'gongzhi-download-')), finished.suggestedFilename());
  await finished.saveAs(path);
  return path;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * axe-core's WCAG 2.1 A/AA rules; what is serious or critical, with where it happened. axe runs in the page
 * itself: the portal has no frames, and axe's frame-by-frame run (@axe-core/playwright, which finishes every
 * run in a second, blank page) cost a second and a half a page for nothing. A page with a frame is refused.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (page.frames().length > 1)
    throw new Error(`${page.url()} has frames: axe must run in each (@axe-core/playwright)`);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof axe }).axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((results) => results.violations),
    ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
  );
  return violations
    .filter((v: Result) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v: Result) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/** Text a page should never show a resident: a value the code forgot to render ("null", "undefined", "NaN"). */
export async function strayValues(page: Page): Promise<string[]> {
  const text = await page.locator('main').innerText();
  return [...new Set(text.match(/\b(null|undefined|NaN)\b|\[object Object\]/g) ?? [])].map(
    (word) => `the page shows "${word}"`,
  );
}

/** Waits for the portal's router to have rendered a page (its h1) after a navigation. */
export async function pageReady(page: Page, heading?: string | RegExp): Promise<void> {
  await page.locator('main h1').first().waitFor();
  if (heading) await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

export interface Bar {
  /** 'met', 'unmet' or 'pending': the server's verdict the bar is coloured by. */
  verdict: string;
  /** The filled share and the threshold line, in percent of the bar, as drawn. */
  width: number;
  line: number | null;
  text: string;
}

/** Every tally bar on the page, top to bottom, as drawn. */
export function bars(page: Page, within = 'main'): Promise<Bar[]> {
  return page.locator(`${within} .meter`).evaluateAll((meters) =>
    meters.map((m) => {
      const fill = m.querySelector<HTMLElement>('.fill')!;
      const mark = m.querySelector<HTMLElement>('.mark');
      return {
        verdict: [...fill.classList].find((c) => c !== 'fill') ?? '',
        width: Number.parseFloat(fill.style.width),
        line: mark ? Number.parseFloat(mark.style.left) : null,
        text: (m.querySelector<HTMLElement>('.text')?.innerText ?? '').trim(),
      };
    }),
  );
}

/** Follows a download link the way a browser would, and answers the CSV's text after its byte-order mark. */
export async function csvBehind(page: Page, baseUrl: string, name: string | RegExp): Promise<string> {
  const href = await page.getByRole('link', { name }).first().getAttribute('href');
  const response = await fetch(`${baseUrl}${href}`);
  if (response.status !== 200 || !/text\/csv/.test(response.headers.get('content-type') ?? ''))
    throw new Error(`${href}: ${response.status} ${response.headers.get('content-type')}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) throw new Error(`${href}: no byte-order mark`);
  return new TextDecoder().decode(bytes.slice(3));
}

/** Signs in through the sign-in page, as a person would; the accounts the seeds make use `secret-of-<login>`. */
export async function signIn(page: Page, login: string, secret = `secret-of-${login}`): Promise<void> {
  await page.goto('/sign-in');
  await pageReady(page, '登录');
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(secret);
  await page.getByRole('button', { name: '登录' }).click();
  await pageReady(page, '我的投票');
}

export interface PortalTest<T> {
  server: TestServer;
  browser: Browser;
  page: Page;
  errors: string[];
  /** What `seed` answered: the ids the story made. */
  story: T;
}

/**
 * The frame every portal test shares: a real server on the embedded PostgreSQL, seeded through its
 * HTTP API, then Chromium with one phone-sized tab; a script error in the page fails the test that caused it.
 */
export function portalTest<T>(
  label: string,
  seed: (server: TestServer) => Promise<T>,
  env: Record<string, string> = {},
): PortalTest<T> {
  const ctx = {} as PortalTest<T>;
  beforeAll(async () => {
    // Tokens outlive the weeks the tests move the server's clock by.
    ctx.server = await TestServer.start(label, { GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600), ...env });
    ctx.story = await seed(ctx.server);
    ctx.browser = await launchBrowser();
    ({ page: ctx.page, errors: ctx.errors } = await phone(ctx.browser, ctx.server.baseUrl));
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  afterEach(() => expect(ctx.errors).toEqual([]));
  return ctx;
}
