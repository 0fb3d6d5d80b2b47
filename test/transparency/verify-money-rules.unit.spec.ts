import { publicRevenueStream } from '@gongzhi/domain/finance/public-revenue.events.js';
import { statementDecider } from '@gongzhi/domain/finance/statement.js';
import { statementStream } from '@gongzhi/domain/finance/statement.events.js';
import { resolutionDecider } from '@gongzhi/domain/voting/resolution.js';
import { resolutionStream } from '@gongzhi/domain/voting/resolution.events.js';
import { canonicalSha256 } from '@gongzhi/ledger-log/canonical-sha256.js';
import { verifyBundle } from '../../src/cli/verify/verify-bundle.js';
import type { BundleBuilder } from './bundle-builder.js';
import type { BundleEvent } from '../../src/transparency/export/bundle-format.js';
import { communityHistory } from './community-history.js';

/** Verified against the builder's own key, pinned as a regulator would pin the log's. */
const verifyPinned = (builder: BundleBuilder) => verifyBundle(builder.lines(), { pinnedKey: builder.keyFingerprint });

const at = (iso: string) => new Date(iso);
const named = (failures: { check: string; message: string; event?: { eventId: string } }[], event: BundleEvent) =>
  failures.filter((f) => f.event?.eventId === event.eventId).map((f) => `${f.check}: ${f.message}`);

/**
 * `gongzhi verify` re-derives rules 25–28 and 32 from the export (issue 12): a bundle whose hashes and
 * signatures all hold, but whose money broke the rules when it was recorded, is named at the event.
 */
describe('gongzhi verify holds the export to the money rules of issue 12', () => {
  it('rule 26: names a back-dated payment in a forged bundle, and only it', async () => {
    const { builder, steps } = communityHistory({ fenceSpent: (d) => (d.paidAt = '2020-01-01T00:00:00.000Z') });
    const report = await verifyPinned(builder);
    expect(named(report.failures, steps.fenceSpent)).toEqual([
      expect.stringMatching(
        /^public revenue entries: the vote behind it, as recounted, does not authorise it: paidAt 2020-01-01T00:00:00\.000Z is before resolution fence closed \(2026-02-08T00:00:00\.000Z\).*rule 26/,
      ),
    ]);
    expect(report.failures.map((f) => f.check)).toEqual(['public revenue entries']);
    expect(report.ok).toBe(false);
  });

  it('rule 27: names caps the committee set itself from a vote that adopted none', async () => {
    const { builder } = communityHistory();
    const [delegation] = builder.record(publicRevenueStream(builder.communityId), [
      {
        type: 'CovenantDelegationSet',
        data: {
          resolutionId: 'fence',
          perItemCap: '9000000.00',
          yearlyCap: '9000000.00',
          setAt: '2026-03-01T00:00:00.000Z',
        },
      },
    ]);
    const report = await verifyPinned(builder);
    expect(named(report.failures, delegation)).toEqual([
      expect.stringMatching(
        /^public revenue entries: the covenant vote behind it, as recounted, delegates no such spending: .*SPEND_PUBLIC_REVENUE vote/,
      ),
    ]);
  });

  it('rule 25: names a vote on named bearers that froze the whole community', async () => {
    const { builder } = communityHistory();
    const stream = resolutionStream('roof');
    builder.decide(resolutionDecider, stream, {
      type: 'DraftResolution',
      data: {
        resolutionId: 'roof',
        communityId: builder.communityId,
        title: '屋顶',
        description: '屋顶',
        matter: 'USE_MAINTENANCE_FUND',
        rulebook: 'CN-CIVIL-CODE-2021',
        opensAt: at('2026-03-10T00:00:00Z'),
        closesAt: at('2026-03-17T00:00:00Z'),
        budget: { amount: 10_000n, fund: 'MAINTENANCE_FUND', units: ['1-101'] },
        now: at('2026-03-01T00:00:00Z'),
      },
    });
    builder.decide(resolutionDecider, stream, { type: 'PostResolution', data: { now: at('2026-03-02T00:00:00Z') } });
    const everyone = ['O1', 'O2'].map((o, i) => ({
      voterId: o,
      representativeId: o,
      ownerIds: [o],
      unitIds: [`1-10${i + 1}`],
      area: '80.00',
    }));
    const [opened] = builder.record(stream, [
      {
        type: 'ResolutionOpened',
        data: {
          openedAt: '2026-03-10T00:00:00.000Z',
          rosterHash: 'ab'.repeat(32),
          eligible: { heads: 2, areaM2: '160.00' },
          voters: everyone,
        },
      },
    ]);
    const report = await verifyPinned(builder);
    expect(named(report.failures, opened)).toEqual([
      expect.stringMatching(
        /^resolution tallies: it freezes the whole community, but the budget names its bearers \(units \[1-101\]/,
      ),
    ]);
  });

  it('rule 28: names a second sealed statement of a period already sealed', async () => {
    const { builder } = communityHistory();
    const first = builder.state(statementDecider, statementStream('s1'));
    if (first.status === 'none') throw new Error('no statement in the history');
    const second = statementStream('s2');
    builder.record(second, [
      {
        type: 'StatementDrafted',
        data: {
          statementId: 's2',
          communityId: builder.communityId,
          fund: 'PUBLIC_REVENUE',
          periodStart: first.content.periodStart,
          periodEnd: first.content.periodEnd,
          content: first.content,
          draftedAt: '2026-03-02T00:00:00.000Z',
        },
      },
    ]);
    const [published] = builder.record(second, [
      {
        type: 'StatementPublished',
        data: { contentSha256: canonicalSha256(first.content), publishedAt: '2026-03-02T00:00:00.000Z' },
      },
    ]);
    const report = await verifyPinned(builder);
    expect(named(report.failures, published)).toEqual([
      expect.stringMatching(
        /^statements: it seals a second statement of a sealed period \(DOMAIN\.md rule 28\): statement s1/,
      ),
    ]);
  });

  it('rule 32: names a public seal that is not the hash of the public copy', async () => {
    const { builder, steps } = communityHistory({ statementPublished: (d) => (d.publicSha256 = '0'.repeat(64)) });
    const report = await verifyPinned(builder);
    expect(named(report.failures, steps.statementPublished)).toEqual([
      expect.stringMatching(/^statements: its public seal 0{64} is not the SHA-256 of the content's public copy/),
    ]);
  });

  it('a clean history with a sealed register and two seals verifies', async () => {
    const report = await verifyPinned(communityHistory().builder);
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
