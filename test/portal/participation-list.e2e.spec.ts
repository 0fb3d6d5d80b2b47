import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { jimenliOwners, jimenliUnits, jimenliUnitsCsv } from '../support/jimenli.js';
import { communityWithCommittee } from '../support/test-server.js';
import { pageReady, portalTest, screenshot, seriousViolations, signIn } from './support/browser.js';
import { draftAndOpen, write } from './support/seed.js';

jest.setTimeout(300_000);

/**
 * 蓟门里's 3,100 units, every representative on paper: the participation list an owner reads on a
 * phone is grouped by building with counts, in natural order (2-1-101 before 10-1-101), and found by
 * building or number instead of being scrolled through.
 */
describe('an owner finds a unit in the 3,100-unit participation list', () => {
  const portal = portalTest('portal_participation_list', async (server) => {
    const { communityId: cid, committee } = await communityWithCommittee(server, '蓟门里', 'CN-CIVIL-CODE-2021');
    const owners = await write(server, `/communities/${cid}/owners`, jimenliOwners(), committee);
    const imported = await server.request('POST', `/api/v1/communities/${cid}/units:import`, {
      token: committee,
      raw: { contentType: 'text/csv', text: jimenliUnitsCsv() },
    });
    if (imported.status !== 201) throw new Error(imported.text);
    const [rid] = await draftAndOpen(server, cid, committee, [
      { title: '架空线缆整治', description: '修复下垂的架空线缆', matter: 'OTHER_MAJOR' },
    ]);
    const representatives = [...new Set(jimenliUnits().map((u) => u.representativeId))];
    const ballots = representatives.map((ownerId) => ({ ownerId, choice: 'FOR', evidenceSha256: 'e'.repeat(64) }));
    for (let i = 0; i < ballots.length; i += 1000)
      await write(
        server,
        `/communities/${cid}/resolutions/${rid}/paper-ballots`,
        ballots.slice(i, i + 1000),
        committee,
      );
    const login = `jml-${cid.slice(0, 6)}`;
    await server.activateAndSignIn(owners.activationCodes[representatives[0]], login);
    return { cid, rid, login };
  });
  let page: Page;
  let story: { cid: string; rid: string; login: string };
  beforeAll(() => ({ page, story } = portal));

  const perBuilding = () => {
    const counts = new Map<string, number>();
    for (const u of jimenliUnits()) counts.set(u.building, (counts.get(u.building) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => Number(a) - Number(b));
  };

  it('groups the list by building, in natural order, with each building’s count', async () => {
    await signIn(page, story.login);
    await page.goto(`/c/${story.cid}/votes/${story.rid}`);
    await pageReady(page, '架空线缆整治');
    const who = page.getByRole('region', { name: '参与情况（仅本小区业主可见）' });
    await who.getByRole('status').filter({ hasText: '3100 户' }).waitFor();
    const summaries = await who.locator('details.building > summary').allInnerTexts();
    expect(summaries).toEqual(perBuilding().map(([b, n]) => `${b} 号楼 · ${n} 户`));
    // Folded: the list is a screen long, not 145.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(844 * 12);
    await who.locator('details[data-building="2"] > summary').click();
    const rows = who.locator('details[data-building="2"] tbody tr');
    expect((await rows.first().innerText()).trim()).toMatch(/^2-1-101\s+纸质选票$/);
    await screenshot(page, 'participation-list');
  });

  it('finds 2-1-101 by its number, and building 10 by "10号楼"', async () => {
    const who = page.getByRole('region', { name: '参与情况（仅本小区业主可见）' });
    const search = who.getByLabel('按楼号或房号查找');
    await search.fill('2-1-101');
    await who.getByRole('status').filter({ hasText: '找到 1 户' }).waitFor();
    const visible = who.locator('tbody tr:not([hidden])');
    expect(await visible.allInnerTexts()).toEqual([expect.stringMatching(/^2-1-101\s+纸质选票$/)]);
    expect(await who.locator('details.building:not([hidden]) > summary').allInnerTexts()).toEqual(['2 号楼 · 1 户']);
    await search.fill('10号楼');
    const ten = perBuilding().find(([b]) => b === '10')![1];
    await who
      .getByRole('status')
      .filter({ hasText: `找到 ${ten} 户` })
      .waitFor();
    expect(await who.locator('details.building:not([hidden]) > summary').allInnerTexts()).toEqual([
      `10 号楼 · ${ten} 户`,
    ]);
    const ids = await who.locator('details[data-building="10"] tbody tr:not([hidden]) th').allInnerTexts();
    expect(ids[0]).toBe('10-1-101');
    expect(ids.every((id) => id.startsWith('10-'))).toBe(true);
    await search.fill('');
    await who.getByRole('status').filter({ hasText: '3100 户' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
