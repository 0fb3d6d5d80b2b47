import { deciderSpec } from '../../../test/support/decider-spec.js';
import {
  statementRegisterDecider,
  type StatementRegisterCommand,
  type StatementRegisterEvent,
} from './statement-register.js';

const given = deciderSpec(statementRegisterDecider);
const now = new Date('2026-10-02T00:00:00Z');
const q3 = { periodStart: '2026-06-30T16:00:00.000Z', periodEnd: '2026-09-30T16:00:00.000Z' };
const seal = (statementId: string, period = q3, bookedThrough = 7): StatementRegisterCommand => ({
  type: 'SealPeriod',
  data: { statementId, fund: 'PUBLIC_REVENUE', ...period, bookedThrough, now },
});
const sealed = (statementId: string, period = q3, bookedThrough = 7): StatementRegisterEvent => ({
  type: 'StatementPeriodSealed',
  data: { statementId, fund: 'PUBLIC_REVENUE', ...period, bookedThrough, sealedAt: now.toISOString() },
});

describe('one sealed statement per fund and period (rule 28)', () => {
  it("rule 28: the first publication of a period is sealed in the fund's register", () => {
    given([])
      .when(seal('s-a'))
      .then([sealed('s-a')]);
  });

  it('rule 28: a second draft of the same period is refused once the first is sealed', () => {
    given([sealed('s-a')])
      .when(seal('s-b'))
      .thenRefuses('PERIOD_ALREADY_PUBLISHED', /statement s-a/);
  });

  it('rule 28: an overlapping period is refused; the next period, touching it, is sealed', () => {
    given([sealed('s-a')])
      .when(seal('s-b', { periodStart: '2026-08-31T16:00:00.000Z', periodEnd: '2026-10-31T16:00:00.000Z' }))
      .thenRefuses('PERIOD_ALREADY_PUBLISHED');
    const q4 = { periodStart: '2026-09-30T16:00:00.000Z', periodEnd: '2026-12-31T16:00:00.000Z' };
    given([sealed('s-a')])
      .when(seal('s-c', q4))
      .then([sealed('s-c', q4)]);
  });

  it('rule 28: the same statement sealed again (its publication retried) appends nothing', () => {
    given([sealed('s-a')])
      .when(seal('s-a'))
      .then([]);
  });
});
