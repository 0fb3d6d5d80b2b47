import { createHash } from 'node:crypto';
import { canonicalJson } from '@gongzhi/ledger-log/canonical-json.js';
import { refusedWritingNothing } from '../elections/support.js';
import { smallCommunity } from '../support/small-community.js';
import { TestServer } from '../support/test-server.js';

/**
 * Issue 12 on statements (DOMAIN.md rules 28, 32): two sealed statements for one period, months never
 * owed, the auditor reading every unit balance, and a seal residents could not check. Each is refused
 * or made checkable now.
 */
describe('statements a committee cannot double, skip or hide (rules 28, 32)', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  let admin: string;
  const base = () => `/api/v1/communities/${cid}`;
  const period = (fund: string, start: string, end: string) => ({
    fund,
    periodStart: `${start}T00:00:00+08:00`,
    periodEnd: `${end}T00:00:00+08:00`,
  });

  beforeAll(async () => {
    server = await TestServer.start('statement-rules', { GONGZHI_TOKEN_TTL_SECONDS: String(3 * 365 * 24 * 3600) });
    ({ communityId: cid, committee, admin } = await smallCommunity(server, []));
    server.clock.set('2026-10-15T10:00:00+08:00');
    for (const month of ['01', '02', '03', '08']) {
      const booked = await server.post(
        `${base()}/public-revenue/income`,
        {
          amount: '100.00',
          source: 'PARKING',
          description: `停车费 ${month}`,
          receivedAt: `2026-${month}-28T18:00:00+08:00`,
        },
        { token: committee },
      );
      expect(booked.status).toBe(201);
    }
    const deposits = ['1-101', '1-102', '1-201', '2-101', '2-102', '2-201'].map((unitId) => ({
      unitId,
      amount: '1000.00',
      depositedAt: '2026-02-10T10:00:00+08:00',
    }));
    expect((await server.post(`${base()}/maintenance-fund/deposits`, deposits, { token: committee })).status).toBe(201);
    const more = [{ unitId: '1-101', amount: '50.00', depositedAt: '2026-05-10T10:00:00+08:00' }];
    expect((await server.post(`${base()}/maintenance-fund/deposits`, more, { token: committee })).status).toBe(201);
  });
  afterAll(() => server.stop());

  it('rule 28: ten clients publishing drafts of one quarter at once — exactly one is sealed, the rest a stable 409', async () => {
    const drafts: string[] = [];
    for (let i = 0; i < 10; i++) {
      const drafted = await server.post(`${base()}/statements`, period('PUBLIC_REVENUE', '2026-07-01', '2026-10-01'), {
        token: committee,
      });
      expect(drafted.status).toBe(201);
      drafts.push(drafted.body.id);
    }
    const answers = await Promise.all(
      drafts.map((sid) => server.post(`${base()}/statements/${sid}/publish`, undefined, { token: committee })),
    );
    const sealed = answers.filter((a) => a.status >= 200 && a.status < 300);
    expect(sealed).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.code)).toEqual(
      Array(9).fill('PERIOD_ALREADY_PUBLISHED'),
    );
    const listed = await server.get(`${base()}/statements?after=${sealed[0].body.position}`);
    expect(listed.body.filter((s: { status: string }) => s.status !== 'DRAFT')).toHaveLength(1);
  });

  it('rule 28: an overlapping period is refused after the fact too, writing nothing', async () => {
    await refusedWritingNothing(
      server,
      () =>
        server.post(`${base()}/statements`, period('PUBLIC_REVENUE', '2026-08-01', '2026-09-01'), { token: committee }),
      409,
      'PERIOD_ALREADY_PUBLISHED',
    );
  });

  it('rule 28: the fund owes statements from its first entry — quarters skipped before the first published one are overdue', async () => {
    const duties = await server.get(`${base()}/statements/duties`);
    expect(duties.body.find((d: { fund: string }) => d.fund === 'PUBLIC_REVENUE')).toMatchObject({
      period: { start: '2025-12-31T16:00:00.000Z', end: '2026-03-31T16:00:00.000Z' },
      overdue: true,
    });
  });

  describe('rule 32: the auditor of one statement, and a seal residents can check', () => {
    let audited: string;
    let other: string;
    let auditor: string;
    /** The last publication's position: the statements are read after it (?after=). */
    let publishedAt: string;

    beforeAll(async () => {
      const ids: string[] = [];
      for (const [start, end] of [
        ['2026-01-01', '2026-04-01'],
        ['2026-04-01', '2026-07-01'],
      ]) {
        const drafted = await server.post(`${base()}/statements`, period('MAINTENANCE_FUND', start, end), {
          token: committee,
        });
        expect(drafted.status).toBe(201);
        const published = await server.post(`${base()}/statements/${drafted.body.id}/publish`, undefined, {
          token: committee,
        });
        expect(published.status).toBe(200);
        publishedAt = published.body.position;
        ids.push(drafted.body.id);
      }
      [audited, other] = ids;
      const invitation = await server.post(
        '/api/v1/accounts/invitations',
        { role: 'auditor', communityId: cid, statementId: audited },
        { token: admin },
      );
      expect(invitation.status).toBe(201);
      auditor = await server.activateAndSignIn(invitation.body.activationCode, `auditor-${cid.slice(0, 6)}`);
    });

    it('sees every unit balance of the statement it was invited to audit', async () => {
      const statement = await server.get(`${base()}/statements/${audited}?after=${publishedAt}`, { token: auditor });
      expect(statement.status).toBe(200);
      expect(statement.body.content.unitBalances).toHaveLength(6);
      expect(statement.body.unitBalancesWithheld).toBe(0);
    });

    it("sees no unit balance outside it: another statement withholds them, a unit's own account is 403", async () => {
      const statement = await server.get(`${base()}/statements/${other}?after=${publishedAt}`, { token: auditor });
      expect(statement.body.content.unitBalances).toEqual([]);
      expect(statement.body.unitBalancesWithheld).toBe(6);
      const unit = await server.get(`${base()}/maintenance-fund/units/1-101`, { token: auditor });
      expect(unit.status).toBe(403);
      expect((await server.get(`${base()}/maintenance-fund`, { token: auditor })).body.units).toBeUndefined();
    });

    it('audits the statement it was invited for, and no other', async () => {
      await refusedWritingNothing(
        server,
        () =>
          server.post(
            `${base()}/statements/${other}/audit`,
            { opinion: 'UNQUALIFIED', reportSha256: 'b'.repeat(64) },
            { token: auditor },
          ),
        403,
        'NOT_INVITED_FOR_STATEMENT',
      );
      expect(
        (
          await server.post(
            `${base()}/statements/${audited}/audit`,
            { opinion: 'UNQUALIFIED', reportSha256: 'b'.repeat(64) },
            { token: auditor },
          )
        ).status,
      ).toBe(201);
    });

    it('an invitation for a statement that does not exist is refused', async () => {
      await refusedWritingNothing(
        server,
        () =>
          server.post(
            '/api/v1/accounts/invitations',
            { role: 'auditor', communityId: cid, statementId: 'no-such-statement' },
            { token: admin },
          ),
        404,
        'STATEMENT_NOT_FOUND',
      );
    });

    it("the public copy hashes to the statement's second seal, so a resident can check exactly what the page shows", async () => {
      const publicView = await server.get(`${base()}/statements/${audited}`);
      expect(publicView.body.content.unitBalances).toEqual([]);
      const recomputed = createHash('sha256').update(canonicalJson(publicView.body.content)).digest('hex');
      expect(publicView.body.publicSeal).toBe(recomputed);
      expect(publicView.body.publicSeal).not.toBe(publicView.body.contentSha256);
      // The full copy still hashes to the first seal, for those who may read it.
      const full = await server.get(`${base()}/statements/${audited}`, { token: committee });
      expect(createHash('sha256').update(canonicalJson(full.body.content)).digest('hex')).toBe(full.body.contentSha256);
    });
  });
});
