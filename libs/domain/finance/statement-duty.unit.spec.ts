import { statementDuty } from './statement-duty.js';

const at = (iso: string) => new Date(iso);
const q = (start: string, end: string) => ({
  periodStart: new Date(start).toISOString(),
  periodEnd: new Date(end).toISOString(),
});

describe('statement cadence (rule 23)', () => {
  it('rule 23: an empty ledger owes no statement', () => {
    expect(statementDuty('PUBLIC_REVENUE', at('2030-01-01T00:00:00+08:00'), null, [])).toEqual({
      fund: 'PUBLIC_REVENUE',
      cadence: 'QUARTERLY',
      coveredUntil: null,
      period: null,
      dueBy: null,
      overdue: false,
    });
  });

  it("rule 23: public revenue first booked in January owes the first quarter's statement by the end of the second quarter", () => {
    const first = '2026-01-28T10:00:00+08:00';
    const duty = statementDuty('PUBLIC_REVENUE', at('2026-06-30T23:59:59+08:00'), new Date(first).toISOString(), []);
    expect(duty).toMatchObject({
      cadence: 'QUARTERLY',
      period: { start: '2025-12-31T16:00:00.000Z', end: '2026-03-31T16:00:00.000Z' },
      dueBy: '2026-06-30T16:00:00.000Z',
      overdue: false,
    });
    expect(
      statementDuty('PUBLIC_REVENUE', at('2026-07-01T00:00:00+08:00'), new Date(first).toISOString(), []).overdue,
    ).toBe(true);
  });

  it('rule 23: published quarters carry coverage forward, so the next quarter is what is owed', () => {
    const published = [
      q('2026-01-01T00:00:00+08:00', '2026-04-01T00:00:00+08:00'),
      q('2026-04-01T00:00:00+08:00', '2026-07-01T00:00:00+08:00'),
    ];
    const duty = statementDuty(
      'PUBLIC_REVENUE',
      at('2026-12-31T12:00:00+08:00'),
      '2026-01-28T02:00:00.000Z',
      published,
    );
    expect(duty).toMatchObject({
      coveredUntil: '2026-06-30T16:00:00.000Z',
      period: { start: '2026-06-30T16:00:00.000Z' },
      dueBy: '2026-12-31T16:00:00.000Z',
      overdue: false,
    });
    expect(statementDuty('PUBLIC_REVENUE', at('2027-01-01T00:00:00+08:00'), null, published).overdue).toBe(true);
  });

  it('rule 23: a gap between published statements is still owed, though later quarters are published', () => {
    const published = [
      q('2026-01-01T00:00:00+08:00', '2026-04-01T00:00:00+08:00'),
      q('2026-07-01T00:00:00+08:00', '2026-10-01T00:00:00+08:00'),
    ];
    const duty = statementDuty('PUBLIC_REVENUE', at('2026-10-15T00:00:00+08:00'), null, published);
    expect(duty).toMatchObject({
      coveredUntil: '2026-03-31T16:00:00.000Z',
      dueBy: '2026-09-30T16:00:00.000Z',
      overdue: true,
    });
  });

  it('rule 28: a fund owes statements from its first entry: quarters never published before the first statement are overdue', () => {
    // Booked from January; the committee publishes only from the third quarter on.
    const published = [q('2026-07-01T00:00:00+08:00', '2026-10-01T00:00:00+08:00')];
    const duty = statementDuty(
      'PUBLIC_REVENUE',
      at('2026-10-15T00:00:00+08:00'),
      '2026-01-28T02:00:00.000Z',
      published,
    );
    expect(duty).toMatchObject({
      coveredUntil: '2026-01-28T02:00:00.000Z',
      period: { start: '2025-12-31T16:00:00.000Z', end: '2026-03-31T16:00:00.000Z' },
      overdue: true,
    });
  });

  it('rule 28: a published statement that starts before the first entry covers it', () => {
    const published = [q('2026-01-01T00:00:00+08:00', '2026-04-01T00:00:00+08:00')];
    const duty = statementDuty(
      'PUBLIC_REVENUE',
      at('2026-05-01T00:00:00+08:00'),
      '2026-02-01T00:00:00.000Z',
      published,
    );
    expect(duty).toMatchObject({ coveredUntil: '2026-03-31T16:00:00.000Z', overdue: false });
  });

  it('rule 23: the fund owes a statement each calendar year, due by the end of the next', () => {
    const duty = statementDuty('MAINTENANCE_FUND', at('2028-01-01T00:00:00+08:00'), '2026-01-05T01:00:00.000Z', []);
    expect(duty).toMatchObject({
      cadence: 'YEARLY',
      period: { start: '2025-12-31T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' },
      dueBy: '2027-12-31T16:00:00.000Z',
      overdue: true,
    });
  });
});
