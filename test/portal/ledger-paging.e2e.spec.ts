import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { pageReady, portalTest } from './support/browser.js';
import { smallCommunity, write } from './support/seed.js';

jest.setTimeout(300_000);

const ENTRIES = 505;

/** A ledger longer than the API's page (500) still opens on its newest entries, and pages back to older ones. */
describe('a long ledger reads newest first across its pages', () => {
  const portal = portalTest('portal_ledger_paging', async (server) => {
    const { communityId: cid, committee } = await smallCommunity(server, []);
    // Entry i was received i minutes after midnight the day before, so the ledger's order is the entries'
    // order however the writes interleave; eight at a time, as a busy desk would send them.
    const income = (i: number) =>
      write(
        server,
        `/communities/${cid}/public-revenue/income`,
        {
          amount: `${i}.00`,
          source: 'PARKING',
          description: `第 ${i} 笔`,
          receivedAt: new Date(Date.parse('2026-01-04T00:00:00+08:00') + i * 60_000).toISOString(),
        },
        committee,
      );
    for (let first = 1; first <= ENTRIES; first += 8)
      await Promise.all(Array.from({ length: Math.min(8, ENTRIES - first + 1) }, (_, k) => income(first + k)));
    return { cid };
  });
  let page: Page;
  let story: { cid: string };
  beforeAll(() => ({ page, story } = portal));

  const descriptions = async () =>
    (await page.locator('.entries > li').allInnerTexts()).map((text) => /第 \d+ 笔/.exec(text)?.[0]);

  it('opens on the newest 500 entries, newest first, and pages to the five oldest', async () => {
    await page.goto(`/c/${story.cid}/public-revenue`);
    await pageReady(page, /公共收益/);
    const newest = await descriptions();
    expect(newest.length).toBe(500);
    expect(newest.slice(0, 2)).toEqual([`第 ${ENTRIES} 笔`, `第 ${ENTRIES - 1} 笔`]);
    expect(newest.at(-1)).toBe('第 6 笔');
    await page.getByText(`第 1–500 条，共 ${ENTRIES} 条`).waitFor();
    expect(await page.getByRole('link', { name: '较新的记录' }).count()).toBe(0);
    await page.getByRole('link', { name: '更早的记录' }).click();
    await page.getByText(`第 501–505 条，共 ${ENTRIES} 条`).waitFor();
    expect(await descriptions()).toEqual(['第 5 笔', '第 4 笔', '第 3 笔', '第 2 笔', '第 1 笔']);
    await page.getByRole('link', { name: '较新的记录' }).click();
    await page.getByText(`第 1–500 条，共 ${ENTRIES} 条`).waitFor();
    expect((await descriptions())[0]).toBe(`第 ${ENTRIES} 笔`);
  });
});
