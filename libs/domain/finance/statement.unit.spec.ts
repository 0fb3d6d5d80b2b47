import { deciderSpec, refusalCode } from '../../../test/support/decider-spec.js';
import { noLine, type LedgerLine } from './ledger-lines.js';
import { statementOf, type PublishedPeriod } from './statement-content.js';
import { statementDecider } from './statement.js';
import type { StatementEvent } from './statement.events.js';

const given = deciderSpec(statementDecider);
const line = (
  entryId: string,
  kind: 'INCOME' | 'EXPENSE',
  date: string,
  effect: bigint,
  extra: Partial<LedgerLine> = {},
): LedgerLine => ({
  ...noLine,
  entryId,
  kind,
  date,
  effect,
  ...extra,
});
const numbered = (ls: LedgerLine[]) => ls.map((l, i) => ({ ...l, seq: i + 1 }));
const lines = numbered([
  line('i0', 'INCOME', '2025-12-31T23:59:59.999Z', 100000n, { source: 'PARKING' }),
  line('i1', 'INCOME', '2026-01-01T00:00:00.000Z', 50000000n, { source: 'PARKING' }),
  line('i2', 'INCOME', '2026-02-01T00:00:00.000Z', 2000000n, { source: 'ADVERTISING' }),
  line('e1', 'EXPENSE', '2026-03-01T00:00:00.000Z', -40000000n, { resolutionId: 'r-fence', payee: '围栏公司' }),
  line('e2', 'EXPENSE', '2026-04-01T00:00:00.000Z', -10000000n, { resolutionId: 'r-fence' }),
]);
const q1 = statementOf('PUBLIC_REVENUE', lines, new Date('2026-01-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));

describe('statements (rule 23)', () => {
  it('rule 23: opening, income by source, expenses with their resolutions, closing — over [start, end)', () => {
    expect(q1).toMatchObject({
      openingBalance: '1000.00',
      income: { total: '520000.00', bySource: { ADVERTISING: '20000.00', PARKING: '500000.00' } },
      expenses: {
        total: '400000.00',
        items: [{ entryId: 'e1', amount: '400000.00', resolutionId: 'r-fence', emergency: false }],
      },
      closingBalance: '121000.00',
    });
  });

  it('rule 23: consecutive periods chain: one closing balance is the next opening balance', () => {
    const q2 = statementOf('PUBLIC_REVENUE', lines, new Date('2026-04-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z'));
    expect(q2.openingBalance).toBe(q1.closingBalance);
    expect(q2.closingBalance).toBe('21000.00');
  });

  describe('a late entry (booked after the statement of its period was drafted and published)', () => {
    const sealedQ1: PublishedPeriod = {
      statementId: 's-q1',
      periodStart: q1.periodStart,
      periodEnd: q1.periodEnd,
      bookedThrough: q1.bookedThrough,
    };
    // Booked after Q1 was sealed: a March advertising payment, and a February invoice paid late.
    const late = numbered([
      ...lines,
      line('i-late', 'INCOME', '2026-03-15T00:00:00.000Z', 300000n, { source: 'ADVERTISING' }),
      line('e-late', 'EXPENSE', '2026-02-10T00:00:00.000Z', -50000n, { resolutionId: 'r-fence', payee: '围栏公司' }),
    ]);
    const q2 = statementOf('PUBLIC_REVENUE', late, new Date('2026-04-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z'), [
      sealedQ1,
    ]);

    it('rule 23: the next statement opens at the closing balance that was published, and shows the late entries as corrections', () => {
      expect(q2.openingBalance).toBe(q1.closingBalance);
      expect(q2.corrections).toEqual({
        total: '2500.00',
        items: [
          expect.objectContaining({
            entryId: 'i-late',
            kind: 'INCOME',
            amount: '3000.00',
            source: 'ADVERTISING',
            correctsStatementId: 's-q1',
          }),
          expect.objectContaining({
            entryId: 'e-late',
            kind: 'EXPENSE',
            amount: '-500.00',
            resolutionId: 'r-fence',
            correctsStatementId: 's-q1',
          }),
        ],
      });
      // 121,000.00 + 2,500.00 − 100,000.00
      expect(q2.closingBalance).toBe('23500.00');
    });

    it('rule 23: the published figures are not recomputed: the same lines still give the sealed Q1 its own numbers', () => {
      const again = statementOf(
        'PUBLIC_REVENUE',
        late.slice(0, sealedQ1.bookedThrough),
        new Date(q1.periodStart),
        new Date(q1.periodEnd),
      );
      expect(again).toEqual(q1);
    });

    it('rule 23: a correction shown in one published statement is not shown again in the next', () => {
      const sealedQ2: PublishedPeriod = {
        statementId: 's-q2',
        periodStart: q2.periodStart,
        periodEnd: q2.periodEnd,
        bookedThrough: q2.bookedThrough,
      };
      const q3 = statementOf(
        'PUBLIC_REVENUE',
        late,
        new Date('2026-07-01T00:00:00Z'),
        new Date('2026-10-01T00:00:00Z'),
        [sealedQ1, sealedQ2],
      );
      expect(q3.corrections).toEqual({ total: '0.00', items: [] });
      expect(q3.openingBalance).toBe(q2.closingBalance);
    });

    it('rule 23: without a published statement nothing is late: every earlier line is in the opening balance', () => {
      const draftOnly = statementOf(
        'PUBLIC_REVENUE',
        late,
        new Date('2026-04-01T00:00:00Z'),
        new Date('2026-07-01T00:00:00Z'),
      );
      expect(draftOnly.corrections.items).toEqual([]);
      expect(draftOnly.openingBalance).toBe('123500.00');
    });

    it('rule 23: a period that overlaps a published statement is refused, naming it', () => {
      expect(
        refusalCode(() =>
          statementOf('PUBLIC_REVENUE', late, new Date('2026-03-01T00:00:00Z'), new Date('2026-05-01T00:00:00Z'), [
            sealedQ1,
          ]),
        ),
      ).toBe('PERIOD_ALREADY_PUBLISHED');
      expect(
        refusalCode(() =>
          statementOf('PUBLIC_REVENUE', late, new Date(q1.periodEnd), new Date('2026-05-01T00:00:00Z'), [sealedQ1]),
        ),
      ).toBeUndefined();
    });
  });

  const drafted: StatementEvent = {
    type: 'StatementDrafted',
    data: {
      statementId: 's1',
      communityId: 'c',
      fund: 'PUBLIC_REVENUE',
      periodStart: q1.periodStart,
      periodEnd: q1.periodEnd,
      content: q1,
      draftedAt: '2026-04-02T00:00:00.000Z',
    },
  };
  const published: StatementEvent = {
    type: 'StatementPublished',
    data: { contentSha256: 'a'.repeat(64), publicSha256: 'c'.repeat(64), publishedAt: '2026-04-03T00:00:00.000Z' },
  };

  it('rule 23: a statement is drafted only once its period is over', () => {
    given([])
      .when({
        type: 'DraftStatement',
        data: {
          statementId: 's1',
          communityId: 'c',
          fund: 'PUBLIC_REVENUE',
          content: q1,
          now: new Date('2026-03-31T00:00:00Z'),
        },
      })
      .thenRefuses('PERIOD_NOT_OVER');
    given([])
      .when({
        type: 'DraftStatement',
        data: {
          statementId: 's1',
          communityId: 'c',
          fund: 'PUBLIC_REVENUE',
          content: q1,
          now: new Date('2026-04-02T00:00:00Z'),
        },
      })
      .then([drafted]);
  });

  it('rule 23: publishing seals it with its hash, once', () => {
    const seals = { contentSha256: 'a'.repeat(64), publicSha256: 'c'.repeat(64) };
    given([drafted])
      .when({ type: 'PublishStatement', data: { ...seals, now: new Date('2026-04-03T00:00:00Z') } })
      .then([published]);
    given([drafted, published])
      .when({ type: 'PublishStatement', data: { ...seals, now: new Date() } })
      .thenRefuses('STATEMENT_ALREADY_PUBLISHED');
  });

  it("rule 23: only a published statement is audited, with an opinion and the report's hash, once", () => {
    const audit = {
      opinion: 'UNQUALIFIED',
      reportSha256: 'b'.repeat(64),
      auditorId: 'aud',
      now: new Date('2026-04-10T00:00:00Z'),
    };
    given([drafted]).when({ type: 'AuditStatement', data: audit }).thenRefuses('STATEMENT_NOT_PUBLISHED');
    given([drafted, published])
      .when({ type: 'AuditStatement', data: { ...audit, opinion: 'GREAT' } })
      .thenRefuses('INVALID_OPINION');
    const audited: StatementEvent = {
      type: 'StatementAudited',
      data: {
        opinion: 'UNQUALIFIED',
        reportSha256: 'b'.repeat(64),
        auditorId: 'aud',
        auditedAt: '2026-04-10T00:00:00.000Z',
      },
    };
    given([drafted, published]).when({ type: 'AuditStatement', data: audit }).then([audited]);
    given([drafted, published, audited])
      .when({ type: 'AuditStatement', data: audit })
      .thenRefuses('STATEMENT_ALREADY_AUDITED');
  });
});
