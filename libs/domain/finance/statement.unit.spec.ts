import { deciderSpec } from '../../../test/support/decider-spec.js';
import { noLine, type LedgerLine } from './ledger-lines.js';
import { statementOf } from './statement-content.js';
import { statementDecider } from './statement.js';
import type { StatementEvent } from './statement.events.js';

const given = deciderSpec(statementDecider);
const line = (entryId: string, kind: 'INCOME' | 'EXPENSE', date: string, effect: bigint, extra: Partial<LedgerLine> = {}): LedgerLine => ({
  ...noLine,
  entryId,
  kind,
  date,
  effect,
  ...extra,
});
const lines = [
  line('i0', 'INCOME', '2025-12-31T23:59:59.999Z', 100000n, { source: 'PARKING' }),
  line('i1', 'INCOME', '2026-01-01T00:00:00.000Z', 50000000n, { source: 'PARKING' }),
  line('i2', 'INCOME', '2026-02-01T00:00:00.000Z', 2000000n, { source: 'ADVERTISING' }),
  line('e1', 'EXPENSE', '2026-03-01T00:00:00.000Z', -40000000n, { resolutionId: 'r-fence', payee: '围栏公司' }),
  line('e2', 'EXPENSE', '2026-04-01T00:00:00.000Z', -10000000n, { resolutionId: 'r-fence' }),
];
const q1 = statementOf('PUBLIC_REVENUE', lines, new Date('2026-01-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));

describe('statements (rule 23)', () => {
  it('rule 23: opening, income by source, expenses with their resolutions, closing — over [start, end)', () => {
    expect(q1).toMatchObject({
      openingBalance: '1000.00',
      income: { total: '520000.00', bySource: { ADVERTISING: '20000.00', PARKING: '500000.00' } },
      expenses: { total: '400000.00', items: [{ entryId: 'e1', amount: '400000.00', resolutionId: 'r-fence', emergency: false }] },
      closingBalance: '121000.00',
    });
  });

  it('rule 23: consecutive periods chain: one closing balance is the next opening balance', () => {
    const q2 = statementOf('PUBLIC_REVENUE', lines, new Date('2026-04-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z'));
    expect(q2.openingBalance).toBe(q1.closingBalance);
    expect(q2.closingBalance).toBe('21000.00');
  });

  const drafted: StatementEvent = {
    type: 'StatementDrafted',
    data: { statementId: 's1', communityId: 'c', fund: 'PUBLIC_REVENUE', periodStart: q1.periodStart, periodEnd: q1.periodEnd, content: q1, draftedAt: '2026-04-02T00:00:00.000Z' },
  };
  const published: StatementEvent = { type: 'StatementPublished', data: { contentSha256: 'a'.repeat(64), publishedAt: '2026-04-03T00:00:00.000Z' } };

  it('rule 23: a statement is drafted only once its period is over', () => {
    given([])
      .when({ type: 'DraftStatement', data: { statementId: 's1', communityId: 'c', fund: 'PUBLIC_REVENUE', content: q1, now: new Date('2026-03-31T00:00:00Z') } })
      .thenRefuses('PERIOD_NOT_OVER');
    given([])
      .when({ type: 'DraftStatement', data: { statementId: 's1', communityId: 'c', fund: 'PUBLIC_REVENUE', content: q1, now: new Date('2026-04-02T00:00:00Z') } })
      .then([drafted]);
  });

  it('rule 23: publishing seals it with its hash, once', () => {
    given([drafted]).when({ type: 'PublishStatement', data: { contentSha256: 'a'.repeat(64), now: new Date('2026-04-03T00:00:00Z') } }).then([published]);
    given([drafted, published]).when({ type: 'PublishStatement', data: { contentSha256: 'a'.repeat(64), now: new Date() } }).thenRefuses('STATEMENT_ALREADY_PUBLISHED');
  });

  it('rule 23: only a published statement is audited, with an opinion and the report\'s hash, once', () => {
    const audit = { opinion: 'UNQUALIFIED', reportSha256: 'b'.repeat(64), auditorId: 'aud', now: new Date('2026-04-10T00:00:00Z') };
    given([drafted]).when({ type: 'AuditStatement', data: audit }).thenRefuses('STATEMENT_NOT_PUBLISHED');
    given([drafted, published]).when({ type: 'AuditStatement', data: { ...audit, opinion: 'GREAT' } }).thenRefuses('INVALID_OPINION');
    const audited: StatementEvent = { type: 'StatementAudited', data: { opinion: 'UNQUALIFIED', reportSha256: 'b'.repeat(64), auditorId: 'aud', auditedAt: '2026-04-10T00:00:00.000Z' } };
    given([drafted, published]).when({ type: 'AuditStatement', data: audit }).then([audited]);
    given([drafted, published, audited]).when({ type: 'AuditStatement', data: audit }).thenRefuses('STATEMENT_ALREADY_AUDITED');
  });
});
