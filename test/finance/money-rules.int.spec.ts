import { refusedWritingNothing } from '../elections/support.js';
import { smallCommunity } from '../support/small-community.js';
import { TestServer } from '../support/test-server.js';
import { putToTheVote, sha } from './votes.js';

const DAY = 24 * 3600 * 1000;

/**
 * Issue 12, tried as a committee that wants to get around the owners (DOMAIN.md rules 25–27): each
 * of these worked before, and each is now refused with a stable code, writing nothing.
 *
 * The small roster: building 1 is O1 (1-101, 1-102: 150 m²) and O2+O3 (1-201: 80 m²); building 2 is
 * O4 (90 m²), O5 (60 m²) and the developer (120 m²).
 */
describe('money rules a dishonest committee cannot bend (rules 25–27)', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  let owners: Record<string, string>;
  const api = (path: string) => `/api/v1/communities/${cid}${path}`;
  const now = () => server.clock.now().toISOString();

  beforeAll(async () => {
    server = await TestServer.start('money-rules', { GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600) });
    ({ communityId: cid, committee, ownerTokens: owners } = await smallCommunity(server));
    expect(
      (
        await server.post(
          api('/public-revenue/income'),
          { amount: '100000.00', source: 'PARKING', description: '停车费', receivedAt: now() },
          { token: committee },
        )
      ).status,
    ).toBe(201);
    const deposits = ['1-101', '1-102', '1-201', '2-101', '2-102', '2-201'].map((unitId) => ({
      unitId,
      amount: '1000.00',
      depositedAt: now(),
    }));
    expect((await server.post(api('/maintenance-fund/deposits'), deposits, { token: committee })).status).toBe(201);
  });
  afterAll(() => server.stop());

  describe("rule 25: building 1's repair is decided by building 1's owners, and charged to them", () => {
    let roof: string;
    /** Where the close was written: reads of it wait for the read models to get there (?after=). */
    let closedAt: string;

    beforeAll(async () => {
      const opensAt = new Date(server.clock.now().getTime() + 16 * DAY).toISOString();
      const closesAt = new Date(server.clock.now().getTime() + 23 * DAY).toISOString();
      const drafted = await server.post(
        api('/resolutions'),
        {
          title: '1号楼屋顶防水',
          description: '1号楼屋顶漏水',
          matter: 'USE_MAINTENANCE_FUND',
          opensAt,
          closesAt,
          budget: { amount: '600.00', fund: 'MAINTENANCE_FUND', buildings: ['1'] },
        },
        { token: committee },
      );
      expect(drafted.status).toBe(201);
      roof = drafted.body.id;
      expect((await server.post(api(`/resolutions/${roof}/post`), undefined, { token: committee })).status).toBe(200);
      server.clock.set(opensAt);
    });

    it("opening freezes only building 1's owners: their heads and their area", async () => {
      const opened = await server.post(api(`/resolutions/${roof}/open`), undefined, { token: committee });
      expect(opened.status).toBe(200);
      expect(opened.body.eligible).toEqual({ heads: 2, areaM2: '230.00' });
    });

    it("building 2's owners have no ballot in it, so they can no longer outvote building 1", async () => {
      expect(
        (await server.post(api(`/resolutions/${roof}/ballots`), { choice: 'FOR' }, { token: owners.O1 })).status,
      ).toBe(201);
      expect(
        (await server.post(api(`/resolutions/${roof}/ballots`), { choice: 'FOR' }, { token: owners.O2 })).status,
      ).toBe(201);
      await refusedWritingNothing(
        server,
        () => server.post(api(`/resolutions/${roof}/ballots`), { choice: 'AGAINST' }, { token: owners.O4 }),
        403,
        'NOT_A_VOTER',
      );
      await refusedWritingNothing(
        server,
        () => server.post(api(`/resolutions/${roof}/ballots`), { choice: 'AGAINST' }, { token: owners.O5 }),
        403,
        'NOT_A_VOTER',
      );
      server.clock.set(new Date(server.clock.now().getTime() + 7 * DAY).toISOString());
      const closed = await server.post(api(`/resolutions/${roof}/close`), undefined, { token: committee });
      expect(closed.status).toBe(200);
      closedAt = closed.body.position;
      expect(closed.body).toMatchObject({
        eligible: { heads: 2, areaM2: '230.00' },
        participated: { heads: 2, areaM2: '230.00' },
        outcome: 'PASSED',
      });
    });

    it('the public vote and the quorum record say whose vote it was', async () => {
      const view = await server.get(api(`/resolutions/${roof}?after=${closedAt}`));
      expect(view.body).toMatchObject({
        rosterScope: 'BEARERS',
        bearers: { units: [], buildings: ['1'] },
        eligible: { heads: 2, areaM2: '230.00' },
      });
      const record = await server.get(api(`/resolutions/${roof}/quorum-record`), { token: committee });
      expect(record.status).toBe(200);
      expect(record.body).toMatchObject({
        rosterScope: 'BEARERS',
        bearers: { units: [], buildings: ['1'] },
        roster: { eligible: { heads: 2, areaM2: '230.00' } },
      });
      expect(record.body.voters.map((v: { unitIds: string[] }) => v.unitIds)).toEqual([['1-101', '1-102'], ['1-201']]);
    });

    it('a withdrawal under it may not choose its bearers, not even building 2; without them it charges exactly building 1', async () => {
      const withdrawal = {
        amount: '230.00',
        payee: '防水公司',
        purpose: '1号楼屋顶防水',
        resolutionId: roof,
        paidAt: now(),
      };
      await refusedWritingNothing(
        server,
        () =>
          server.post(api('/maintenance-fund/withdrawals'), { ...withdrawal, buildings: ['2'] }, { token: committee }),
        400,
        'BEARERS_SET_BY_VOTE',
      );
      await refusedWritingNothing(
        server,
        () =>
          server.post(api('/maintenance-fund/withdrawals'), { ...withdrawal, units: ['1-101'] }, { token: committee }),
        400,
        'BEARERS_SET_BY_VOTE',
      );
      const paid = await server.post(api('/maintenance-fund/withdrawals'), withdrawal, { token: committee });
      expect(paid.status).toBe(201);
      expect(paid.body.shares).toEqual([
        { unitId: '1-101', areaM2: '100.00', amount: '100.00' },
        { unitId: '1-102', areaM2: '50.00', amount: '50.00' },
        { unitId: '1-201', areaM2: '80.00', amount: '80.00' },
      ]);
    });

    it('a maintenance-fund vote that names no bearers is refused as a draft', async () => {
      const at = server.clock.now().getTime();
      await refusedWritingNothing(
        server,
        () =>
          server.post(
            api('/resolutions'),
            {
              title: '外墙',
              description: '外墙',
              matter: 'USE_MAINTENANCE_FUND',
              opensAt: new Date(at + 16 * DAY).toISOString(),
              closesAt: new Date(at + 23 * DAY).toISOString(),
              budget: { amount: '100.00', fund: 'MAINTENANCE_FUND' },
            },
            { token: committee },
          ),
        400,
        'BEARERS_REQUIRED',
      );
    });

    it('an emergency withdrawal, with no vote, still names the units that bear it (rule 21)', async () => {
      const paid = await server.post(
        api('/maintenance-fund/withdrawals'),
        {
          amount: '60.00',
          payee: '电梯公司',
          purpose: '电梯困人',
          emergency: { reason: '电梯停在两层之间', evidenceSha256: sha('e') },
          units: ['2-102'],
          paidAt: now(),
        },
        { token: committee },
      );
      expect(paid.status).toBe(201);
      expect(paid.body.shares).toEqual([{ unitId: '2-102', areaM2: '60.00', amount: '60.00' }]);
    });
  });

  describe("rules 26 and 27: payments dated after the owners decided; the covenant's caps are the ones they adopted", () => {
    const votes: Record<string, string> = {};

    beforeAll(async () => {
      const outcomes = await putToTheVote(server, cid, committee, owners, [
        {
          title: '修路',
          matter: 'SPEND_PUBLIC_REVENUE',
          budget: { amount: '5000.00', fund: 'PUBLIC_REVENUE' },
          choice: 'FOR',
        },
        {
          title: '2号楼外墙',
          matter: 'USE_MAINTENANCE_FUND',
          budget: { amount: '500.00', fund: 'MAINTENANCE_FUND', units: ['2-101', '2-102'] },
          choice: 'FOR',
        },
        {
          title: '管理规约',
          matter: 'MANAGEMENT_COVENANT',
          covenant: { perItemCap: '100.00', yearlyCap: '500.00' },
          choice: 'FOR',
        },
        { title: '管理规约（无授权）', matter: 'MANAGEMENT_COVENANT', choice: 'FOR' },
      ]);
      expect(outcomes.map((o) => o.outcome)).toEqual(['PASSED', 'PASSED', 'PASSED', 'PASSED']);
      [votes.road, votes.facade, votes.covenant, votes.bare] = outcomes.map((o) => o.id);
    });

    it('rule 26: an expense dated 2020-01-01 under a vote closed in 2026 is refused, and so is a withdrawal', async () => {
      const expense = {
        amount: '10.00',
        payee: '施工队',
        purpose: '修路',
        resolutionId: votes.road,
        paidAt: '2020-01-01T10:00:00+08:00',
      };
      const refused = await refusedWritingNothing(
        server,
        () => server.post(api('/public-revenue/expenses'), expense, { token: committee }),
        400,
        'PAID_BEFORE_AUTHORISED',
      );
      expect(refused.body.details).toMatchObject({ rule: 26, resolutionId: votes.road });
      const withdrawal = {
        amount: '10.00',
        payee: '施工队',
        purpose: '外墙',
        resolutionId: votes.facade,
        paidAt: '2020-01-01T10:00:00+08:00',
      };
      await refusedWritingNothing(
        server,
        () => server.post(api('/maintenance-fund/withdrawals'), withdrawal, { token: committee }),
        400,
        'PAID_BEFORE_AUTHORISED',
      );
      expect(
        (await server.post(api('/public-revenue/expenses'), { ...expense, paidAt: now() }, { token: committee }))
          .status,
      ).toBe(201);
    });

    it('rule 26: nothing is dated in the future, and a reversal carries the date it is made', async () => {
      const tomorrow = new Date(server.clock.now().getTime() + DAY).toISOString();
      await refusedWritingNothing(
        server,
        () =>
          server.post(
            api('/public-revenue/expenses'),
            { amount: '10.00', payee: '施工队', purpose: '修路', resolutionId: votes.road, paidAt: tomorrow },
            { token: committee },
          ),
        400,
        'TIME_IN_FUTURE',
      );
      const paid = await server.post(
        api('/public-revenue/expenses'),
        { amount: '20.00', payee: '施工队', purpose: '修路', resolutionId: votes.road, paidAt: now() },
        { token: committee },
      );
      expect(paid.status).toBe(201);
      const reverse = (body: unknown) => () =>
        server.post(api(`/public-revenue/entries/${paid.body.entryId}/reversal`), body, { token: committee });
      const lastMonth = new Date(server.clock.now().getTime() - 30 * DAY).toISOString();
      await refusedWritingNothing(
        server,
        reverse({ reason: '重复录入', reversedAt: lastMonth }),
        400,
        'REVERSAL_BACKDATED',
      );
      const reversed = await reverse({ reason: '重复录入' })();
      expect(reversed.status).toBe(201);
      const ledger = await server.get(api(`/public-revenue?after=${reversed.body.position}`));
      expect(ledger.body.entries.find((e: { entryId: string }) => e.entryId === reversed.body.entryId)).toMatchObject({
        occurredAt: now(),
      });
    });

    it('rule 27: caps the committee sets itself are refused, 9,000,000 or any other', async () => {
      const refused = await refusedWritingNothing(
        server,
        () =>
          server.post(
            api('/public-revenue/covenant-delegation'),
            { resolutionId: votes.covenant, perItemCap: '9000000.00', yearlyCap: '9000000.00' },
            { token: committee },
          ),
        400,
        'CAPS_ADOPTED_BY_OWNERS',
      );
      expect(refused.body.message).toMatch(/rule 27/);
      await refusedWritingNothing(
        server,
        () =>
          server.post(api('/public-revenue/covenant-delegation'), { resolutionId: votes.bare }, { token: committee }),
        409,
        'COVENANT_HAS_NO_CAPS',
      );
    });

    it('rule 27: the delegation takes the adopted caps from the vote, and spending over them is refused with rule, limit and excess', async () => {
      const set = await server.post(
        api('/public-revenue/covenant-delegation'),
        { resolutionId: votes.covenant },
        { token: committee },
      );
      expect(set.status).toBe(201);
      const view = await server.get(api(`/public-revenue?after=${set.body.position}`));
      expect(view.body.covenantDelegation).toMatchObject({
        resolutionId: votes.covenant,
        perItemCap: '100.00',
        yearlyCap: '500.00',
      });
      const spend = (amount: string) => () =>
        server.post(
          api('/public-revenue/expenses'),
          { amount, payee: '保洁公司', purpose: '清理落叶', underCovenant: true, paidAt: now() },
          { token: committee },
        );
      const over = await refusedWritingNothing(server, spend('800000.00'), 409, 'PER_ITEM_CAP_EXCEEDED');
      expect(over.body.details).toMatchObject({ rule: 19, limit: '100.00', excess: '799900.00' });
      expect((await spend('100.00')()).status).toBe(201);
    });

    it('rule 27: a later passed covenant vote replaces the caps', async () => {
      const [later] = await putToTheVote(server, cid, committee, owners, [
        {
          title: '管理规约（修订）',
          matter: 'MANAGEMENT_COVENANT',
          covenant: { perItemCap: '50.00', yearlyCap: '200.00' },
          choice: 'FOR',
        },
      ]);
      const set = await server.post(
        api('/public-revenue/covenant-delegation'),
        { resolutionId: later.id },
        { token: committee },
      );
      expect(set.status).toBe(201);
      const view = await server.get(api(`/public-revenue?after=${set.body.position}`));
      expect(view.body.covenantDelegation).toMatchObject({
        resolutionId: later.id,
        perItemCap: '50.00',
        yearlyCap: '200.00',
      });
      await refusedWritingNothing(
        server,
        () =>
          server.post(
            api('/public-revenue/covenant-delegation'),
            { resolutionId: votes.covenant },
            { token: committee },
          ),
        409,
        'COVENANT_SUPERSEDED',
      );
    });
  });
});
