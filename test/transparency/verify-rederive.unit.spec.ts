import { publicRevenueStream } from '@gongzhi/domain/finance/public-revenue.events.js';
import {
  verifyBundle as verifyLines,
  type VerifyOptions,
  type VerifyReport,
} from '../../src/cli/verify/verify-bundle.js';
import type { BundleBuilder } from './bundle-builder.js';
import { communityHistory, type Step } from './community-history.js';

/** The bundle of `builder`, verified under the key that signed it, pinned. */
const verifyBundle = (builder: BundleBuilder, options: VerifyOptions = {}) =>
  verifyLines(builder.lines(), { pinnedKey: builder.keyFingerprint, ...options });

const RE_DERIVED = [
  'resolution tallies',
  'election results',
  'committee records',
  'public revenue entries',
  'maintenance fund entries',
  'statements',
];

const rowOf = (report: VerifyReport, check: string) => report.rows.find((r) => r.check === check)!;
const failedChecks = (report: VerifyReport) => report.rows.filter((r) => r.failed > 0).map((r) => r.check);

describe("gongzhi verify re-derives every result from the events, with the domain's own rules", () => {
  it("verifies a clean history: every re-derivation runs and holds, and the figures are the recount's", async () => {
    const report = await verifyBundle(communityHistory().builder);
    expect(report.failures).toEqual([]);
    for (const check of RE_DERIVED)
      expect(rowOf(report, check)).toMatchObject({ failed: 0, checked: expect.any(Number) });
    for (const check of RE_DERIVED) expect(rowOf(report, check).checked).toBeGreaterThan(0);
    expect(report.figures).toEqual(
      expect.arrayContaining([
        'resolutions: 2 recounted (1 PASSED, 1 REJECTED)',
        expect.stringMatching(/^election "第一届业主委员会": ELECTED, 3 of 3 seats filled/),
        'public revenue: 4200.00 yuan after 2 entries',
        'maintenance fund: 999.99 yuan in 4 unit sub-accounts, 4000.00 yuan deposited',
      ]),
    );
    expect(report.ok).toBe(true);
  });

  // A server that recorded a wrong figure: the log hashed what it was given, so every hash and
  // signature holds; only re-deriving the figure from the events shows it is wrong.
  it.each<[string, Step, (data: any) => void, string, RegExp]>([
    [
      'a ballot counted for a voter its owner does not represent',
      'fenceBallot',
      (d) => d.voterIds.push('O4'),
      'resolution tallies',
      /cast again from what it records, this ballot comes out otherwise: voterIds/,
    ],
    [
      "a paper ballot without its scan's hash",
      'fenceBallot',
      (d) => (d.channel = 'PAPER'),
      'resolution tallies',
      /do not allow this ballot: a paper ballot needs the SHA-256 of its scan/,
    ],
    [
      'a close that counts one more approving head',
      'fenceClosed',
      (d) => (d.tally.for.heads += 1),
      'resolution tallies',
      /the close recorded a tally that the \d+ events before it do not give: tally\.for\.heads: recorded 4, re-derived 3/,
    ],
    [
      'a close whose counted root is not the root of the ballots it counts',
      'fenceClosed',
      (d) => (d.countedRoot = '0'.repeat(64)),
      'resolution tallies',
      /the close commits to counted root 0{64} over 3 ballots, but the 3 live ballots among the 3 before it in this bundle give root [0-9a-f]{64}: the close does not count the ballots the log holds/,
    ],
    [
      'a close that claims one ballot fewer in its counted tree',
      'fenceClosed',
      (d) => (d.countedSize -= 1),
      'resolution tallies',
      /over 2 ballots, but the 3 live ballots among the 3 before it/,
    ],
    [
      'an election close whose counted root is not the root of the ballots it counts',
      'electionClosed',
      (d) => (d.countedRoot = 'f'.repeat(64)),
      'election results',
      /the close commits to counted root f{64} over 4 ballots, but the 4 live ballots among the 4 before it in this bundle give root/,
    ],
    [
      'a close dated before the vote ends',
      'fenceClosed',
      (d) => (d.closedAt = '2026-02-07T00:00:00.000Z'),
      'resolution tallies',
      /the \d+ events before it do not allow this close: .*not before/,
    ],
    [
      'an election result that seats a candidate who failed',
      'electionClosed',
      (d) => (d.result.elected[2] = d.result.candidates[3]),
      'election results',
      /the close recorded a result that the \d+ events before it do not give: result\.elected\[2\]/,
    ],
    [
      'a committee record electing someone the ballots did not',
      'electionHeld',
      (d) => (d.elected[0] = { candidateId: 'C4', name: '候选人4', ownerId: 'O4' }),
      'committee records',
      /records election e1 otherwise than its recounted result: elected\[0\]\.candidateId: recorded "C4"/,
    ],
    [
      'a filing of fewer members than were elected',
      'committeeFiled',
      (d) => d.members.pop(),
      'committee records',
      /files a committee the election did not elect: members/,
    ],
    [
      'an income whose amount is not what its postings book',
      'income',
      (d) => (d.amount = '9000.00'),
      'public revenue entries',
      /the amounts it states move the public-revenue account by \+9000\.00 yuan, but its postings by \+5000\.00 yuan: the balance no longer adds up \(5000\.00 yuan by the postings, 9000\.00 yuan by the amounts\)/,
    ],
    [
      'postings that do not balance',
      'income',
      (d) => (d.postings[1].amount = '4999.99'),
      'public revenue entries',
      /its postings do not balance: debits and credits differ by 0\.01 yuan/,
    ],
    [
      'a spend with a wrong running total of its vote',
      'fenceSpent',
      (d) => (d.spentUnderResolution = '700.00'),
      'public revenue entries',
      /records 700\.00 yuan spent under resolution fence, but the ledger's entries add up to 800\.00 yuan/,
    ],
    [
      "a spend quoting another budget than the vote's",
      'fenceSpent',
      (d) => (d.budget = '2000.00'),
      'public revenue entries',
      /records the budget of resolution fence as 2000\.00 yuan; the resolution's events say 1000\.00/,
    ],
    [
      'a deposit whose total is not its deposits',
      'deposit',
      (d) => (d.total = '4001.00'),
      'maintenance fund entries',
      /its total says 4001\.00 yuan, but its deposits add up to 4000\.00 yuan/,
    ],
    [
      'shares that are not the apportionment by area',
      'withdrawal',
      (d) => ([d.shares[0].amount, d.shares[3].amount] = [d.shares[3].amount, d.shares[0].amount]),
      'maintenance fund entries',
      /its shares are not 3000\.01 yuan apportioned by the areas it records: \[0\]\.amount/,
    ],
    [
      'a withdrawal that hides the fund falling below 30%',
      'withdrawal',
      (d) => (d.belowThreshold = false),
      'maintenance fund entries',
      /records the fund as not below 30% of its deposits, but after it the fund holds 999\.99 of 4000\.00 yuan/,
    ],
    [
      "a statement whose closing balance its fund's entries do not give",
      'statementDrafted',
      (d) => (d.content.closingBalance = '4300.00'),
      'statements',
      /closingBalance: recorded "4300\.00", re-derived "4200\.00"/,
    ],
    [
      "a seal that is not the content's SHA-256",
      'statementPublished',
      (d) => (d.contentSha256 = '0'.repeat(64)),
      'statements',
      /its seal 0{64} is not the SHA-256 of the drafted content/,
    ],
  ])('names %s, though every hash holds', async (_what, step, alter, check, message) => {
    const { builder, steps } = communityHistory({ [step]: alter });
    const report = await verifyBundle(builder);
    const event = steps[step];
    expect(report.failures).toContainEqual({
      check,
      message: expect.stringMatching(message),
      event: { leafIndex: event.leafIndex, streamId: event.streamId, revision: event.revision, eventId: event.eventId },
    });
    expect(failedChecks(report)).toContain(check);
    expect(failedChecks(report).filter((c) => !RE_DERIVED.includes(c))).toEqual([]); // hashes, signatures, proofs: all hold
    expect(report.ok).toBe(false);
  });

  it('judges a spend by the vote as its ballots recount, not as the server believed it', async () => {
    const { builder, steps } = communityHistory({}, { spendUnderRejectedVote: true });
    const report = await verifyBundle(builder);
    expect(report.failures).toEqual([
      expect.objectContaining({
        check: 'public revenue entries',
        event: expect.objectContaining({ eventId: steps.fountainSpent.eventId }),
        message: expect.stringMatching(
          /the vote behind it, as recounted, does not authorise it: resolution fountain is closed as REJECTED/,
        ),
      }),
    ]);
  });

  it('judges a spend by the recount even when the close recorded the vote as PASSED', async () => {
    const { builder, steps } = communityHistory(
      { fountainClosed: (d) => (d.tally.outcome = 'PASSED') },
      { spendUnderRejectedVote: true },
    );
    const report = await verifyBundle(builder);
    expect(report.failures.map((f) => [f.check, f.event?.eventId])).toEqual([
      ['resolution tallies', steps.fountainClosed.eventId],
      ['public revenue entries', steps.fountainSpent.eventId],
    ]);
  });

  it('accepts a public-revenue top-up of what the fund was due, and names one that claimed the fund lower than its own entries give (rule 22)', async () => {
    const honest = await verifyBundle(communityHistory({}, { topUp: 'as due' }).builder);
    expect(honest.failures).toEqual([]);
    expect(honest.figures).toContain('maintenance fund: 1200.00 yuan in 4 unit sub-accounts, 4000.00 yuan deposited');

    const { builder, steps } = communityHistory({}, { topUp: 'claiming the fund lower than it is' });
    const forged = await verifyBundle(builder);
    const named = forged.failures.filter((f) => f.event?.eventId === steps.topUp.eventId).map((f) => f.message);
    expect(named).toEqual([
      expect.stringMatching(
        /records the maintenance fund otherwise than the fund's own entries give it here: fundBalance: recorded "499\.99", re-derived "999\.99"/,
      ),
      expect.stringMatching(/moves 700\.01 yuan into the maintenance fund, but only 200\.01 yuan was due/),
    ]);
    expect(forged.ok).toBe(false);
  });

  it('names both the changed event and the result it no longer gives when history is changed after it was logged', async () => {
    const { builder, steps } = communityHistory();
    builder.tamper(steps.income.eventId, (d) => (d.amount = '9000.00'));
    const report = await verifyBundle(builder);
    expect(report.failures.filter((f) => f.event?.eventId === steps.income.eventId).map((f) => f.check)).toEqual([
      'leaf hashes',
      'public revenue entries',
    ]);
    expect(report.failures).toContainEqual(
      expect.objectContaining({
        check: 'statements',
        event: expect.objectContaining({ eventId: steps.statementDrafted.eventId }),
      }),
    );
    expect(rowOf(report, 'checkpoint roots').failed).toBeGreaterThan(0);
  });

  it('stops re-deriving a stream at an event the domain cannot fold, naming it, and goes on with the others', async () => {
    const { builder } = communityHistory();
    const [reversal] = builder.record(publicRevenueStream(builder.communityId), [
      {
        type: 'PublicRevenueEntryReversed',
        data: {
          entryId: 'undo-1',
          reverses: 'no-such-entry',
          reason: '误录',
          reversedAt: '2026-03-02T00:00:00.000Z',
          postings: [],
        },
      },
    ]);
    const [after] = builder.record(publicRevenueStream(builder.communityId), [
      { type: 'PublicRevenueReceived', data: { entryId: 'income-2' } },
    ]);
    const report = await verifyBundle(builder);
    expect(report.failures).toEqual([
      {
        check: 'public revenue entries',
        event: expect.objectContaining({ eventId: reversal.eventId }),
        message: expect.stringMatching(/reverses entry no-such-entry, which the ledger does not hold/),
      },
    ]);
    expect(report.failures.some((f) => f.event?.eventId === after.eventId)).toBe(false);
    expect(rowOf(report, 'statements')).toMatchObject({ failed: 0 });
  });

  it('names an event whose data is not what its type says, without stopping', async () => {
    const { builder } = communityHistory();
    const [odd] = builder.record(publicRevenueStream(builder.communityId), [
      { type: 'PublicRevenueSpent', data: { amount: 'lots' } },
    ]);
    const report = await verifyBundle(builder);
    expect(report.failures).toEqual([
      {
        check: 'public revenue entries',
        event: expect.objectContaining({ eventId: odd.eventId }),
        message: expect.stringMatching(/cannot be folded at this event/),
      },
    ]);
  });

  it('checks the log alone when given no checkers: no re-derivation rows', async () => {
    const report = await verifyBundle(communityHistory().builder, { checkers: [] });
    expect(report.rows.map((r) => r.check)).toEqual([
      'bundle',
      'pinned key',
      'leaf hashes',
      'log order',
      'community',
      'checkpoint signatures',
      'checkpoint notes',
      'checkpoint consistency',
      'checkpoint roots',
      'witness cosignatures',
      'signed coverage',
      'other checkpoints',
    ]);
    expect(report.ok).toBe(true);
  });

  it.each([
    ['text that is not a bundle', ['hello', 'world', 'again']],
    ['nothing at all', []],
    ['a bundle cut before its header', ['{"record":"event","leafIndex":0}']],
  ])('answers one clear failure for %s, not one per line', async (_what, lines) => {
    const report = await verifyLines(lines);
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([
      { check: 'bundle', message: 'no header line: this is not a Gongzhi export bundle' },
    ]);
  });
});
