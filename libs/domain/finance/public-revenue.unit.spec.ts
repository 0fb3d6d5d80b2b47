import fc from 'fast-check';
import { DomainError } from '../shared/domain-error.js';
import { deciderSpec } from '../../../test/support/decider-spec.js';
import type { ResolutionFacts } from './authorisation.js';
import { publicRevenueBalance, publicRevenueDecider } from './public-revenue.js';
import type { PublicRevenueEvent } from './public-revenue.events.js';

const given = deciderSpec(publicRevenueDecider);
const now = new Date('2026-06-01T00:00:00Z');
const fence: ResolutionFacts = {
  resolutionId: 'r-fence',
  status: 'closed',
  outcome: 'PASSED',
  matter: 'SPEND_PUBLIC_REVENUE',
  budget: { fen: 70000000n, fund: 'PUBLIC_REVENUE', units: null, buildings: null },
  closedAt: '2026-04-01T00:00:00.000Z',
  covenant: null,
};

const parking = (entryId: string, amount: string): PublicRevenueEvent => ({
  type: 'PublicRevenueReceived',
  data: {
    entryId,
    amount,
    source: 'PARKING',
    description: '停车费',
    receivedAt: '2026-03-31T00:00:00.000Z',
    evidenceSha256: null,
    postings: [
      { account: 'asset:bank:public-revenue', side: 'DEBIT', amount },
      { account: 'income:public-revenue:PARKING', side: 'CREDIT', amount },
    ],
  },
});

const pay = (entryId: string, fen: bigint, resolution: ResolutionFacts = fence) =>
  ({
    type: 'PayExpense',
    data: {
      entryId,
      amount: fen,
      payee: '围栏公司',
      purpose: '新围栏',
      resolution,
      paidAt: new Date('2026-05-01T00:00:00Z'),
      now,
    },
  }) as const;

const spent = (entryId: string, amount: string, total: string): PublicRevenueEvent => ({
  type: 'PublicRevenueSpent',
  data: {
    entryId,
    amount,
    payee: '围栏公司',
    purpose: '新围栏',
    resolutionId: 'r-fence',
    resolutionOutcome: 'PASSED',
    budget: '700000.00',
    spentUnderResolution: total,
    paidAt: '2026-05-01T00:00:00.000Z',
    invoiceSha256: null,
    postings: [
      { account: 'expense:public-revenue:resolution:r-fence', side: 'DEBIT', amount },
      { account: 'asset:bank:public-revenue', side: 'CREDIT', amount },
    ],
  },
});

describe('the public-revenue account (rule 19)', () => {
  it('rule 19: income is a balanced entry from its source into the bank account', () => {
    given([])
      .when({
        type: 'RecordIncome',
        data: {
          entryId: 'i1',
          amount: 50000000n,
          source: 'PARKING',
          description: '停车费',
          receivedAt: new Date('2026-03-31T00:00:00Z'),
          now,
        },
      })
      .then([parking('i1', '500000.00')]);
  });

  it('rule 19: refuses an income source that is not one of the four', () => {
    given([])
      .when({
        type: 'RecordIncome',
        data: { entryId: 'i1', amount: 1n, source: 'LOTTERY', description: 'x', receivedAt: now, now },
      })
      .thenRefuses('INVALID_SOURCE');
  });

  it('rule 19: an expense under a PASSED resolution records the resolution, its outcome and what it has spent', () => {
    given([parking('i1', '2000000.00')])
      .when(pay('e1', 40000000n))
      .then([spent('e1', '400000.00', '400000.00')]);
  });

  it('rule 19: an expense that would take the resolution past its budget is refused, saying by how many yuan', () => {
    given([parking('i1', '2000000.00'), spent('e1', '400000.00', '400000.00')])
      .when(pay('e2', 30000100n))
      .thenRefuses('BUDGET_EXCEEDED', /exceeds the budget of resolution r-fence \(700000\.00\) by 1\.00 yuan/);
  });

  it('rule 19: the last fen of the budget may be spent', () => {
    given([parking('i1', '2000000.00'), spent('e1', '400000.00', '400000.00')])
      .when(pay('e2', 30000000n))
      .then([spent('e2', '300000.00', '700000.00')]);
  });

  it('rule 18: a spend beyond the balance is refused, saying by how many yuan', () => {
    given([parking('i1', '100.00')])
      .when(pay('e1', 10001n))
      .thenRefuses('INSUFFICIENT_FUNDS', /by 0\.01 yuan/);
  });

  it('rule 19: a REJECTED resolution authorises nothing', () => {
    given([parking('i1', '2000000.00')])
      .when(pay('e1', 100n, { ...fence, outcome: 'REJECTED' }))
      .thenRefuses('RESOLUTION_NOT_PASSED');
  });

  it('rule 19: a resolution still open authorises nothing', () => {
    given([parking('i1', '2000000.00')])
      .when(pay('e1', 100n, { ...fence, status: 'open', outcome: null }))
      .thenRefuses('RESOLUTION_NOT_PASSED');
  });

  it('rule 19: a PASSED resolution without a public-revenue budget authorises nothing here', () => {
    given([parking('i1', '2000000.00')])
      .when(pay('e1', 100n, { ...fence, matter: 'HIRE_OR_FIRE_MANAGER', budget: null }))
      .thenRefuses('RESOLUTION_NOT_FOR_THIS_FUND');
    given([parking('i1', '2000000.00')])
      .when(
        pay('e1', 100n, {
          ...fence,
          matter: 'USE_MAINTENANCE_FUND',
          budget: { ...fence.budget!, fund: 'MAINTENANCE_FUND' },
        }),
      )
      .thenRefuses('RESOLUTION_NOT_FOR_THIS_FUND');
  });

  it('refuses a payment dated in the future', () => {
    given([parking('i1', '2000000.00')])
      .when({ ...pay('e1', 100n), data: { ...pay('e1', 100n).data, paidAt: new Date('2026-06-02T00:00:00Z') } })
      .thenRefuses('TIME_IN_FUTURE');
  });

  it('rule 23: a correction reverses an entry, pointing at it, and the budget it used is free again', () => {
    const history = [parking('i1', '2000000.00'), spent('e1', '700000.00', '700000.00')];
    const reversed: PublicRevenueEvent = {
      type: 'PublicRevenueEntryReversed',
      data: {
        entryId: 'c1',
        reverses: 'e1',
        reason: '重复录入',
        reversedAt: now.toISOString(),
        postings: [
          { account: 'expense:public-revenue:resolution:r-fence', side: 'CREDIT', amount: '700000.00' },
          { account: 'asset:bank:public-revenue', side: 'DEBIT', amount: '700000.00' },
        ],
      },
    };
    given(history)
      .when({ type: 'ReverseEntry', data: { entryId: 'c1', reverses: 'e1', reason: '重复录入', now } })
      .then([reversed]);
    given([...history, reversed])
      .when({ type: 'ReverseEntry', data: { entryId: 'c2', reverses: 'e1', reason: 'x', now } })
      .thenRefuses('ALREADY_REVERSED');
    given([...history, reversed])
      .when(pay('e2', 70000000n))
      .then([spent('e2', '700000.00', '700000.00')]);
  });

  it('rule 18: reversing income that has already been spent is refused (the account would go negative)', () => {
    given([parking('i1', '700000.00'), spent('e1', '700000.00', '700000.00')])
      .when({ type: 'ReverseEntry', data: { entryId: 'c1', reverses: 'i1', reason: 'x', now } })
      .thenRefuses('INSUFFICIENT_FUNDS');
  });

  it('rules 18, 19: whatever is attempted, the balance never goes negative and no resolution overspends', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('income' as const), fen: fc.bigInt({ min: 1n, max: 10n ** 8n }) }),
      fc.record({ kind: fc.constant('spend' as const), fen: fc.bigInt({ min: 1n, max: 10n ** 8n }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let state = publicRevenueDecider.initialState();
        let spentTotal = 0n;
        for (const [i, s] of steps.entries()) {
          const command =
            s.kind === 'income'
              ? ({
                  type: 'RecordIncome',
                  data: { entryId: `x${i}`, amount: s.fen, source: 'OTHER', description: 'x', receivedAt: now, now },
                } as const)
              : pay(`x${i}`, s.fen);
          try {
            for (const e of publicRevenueDecider.decide(command, state)) state = publicRevenueDecider.evolve(state, e);
            if (s.kind === 'spend') spentTotal += s.fen;
          } catch (e) {
            if (!(e instanceof DomainError)) throw e; // a refusal changes nothing
          }
          expect(publicRevenueBalance(state) >= 0n).toBe(true);
          expect(spentTotal <= fence.budget!.fen).toBe(true);
        }
      }),
    );
  });

  it('rule 26: an expense under a vote dated before the vote closed is refused; at the close it is paid', () => {
    given([parking('i1', '700000.00')])
      .when({ ...pay('e1', 100n), data: { ...pay('e1', 100n).data, paidAt: new Date('2020-01-01T00:00:00Z') } })
      .thenRefuses('PAID_BEFORE_AUTHORISED', /2020-01-01T00:00:00\.000Z is before resolution r-fence closed/);
    const [event] = publicRevenueDecider.decide(
      { ...pay('e1', 100n), data: { ...pay('e1', 100n).data, paidAt: new Date(fence.closedAt!) } },
      [parking('i1', '700000.00')].reduce(publicRevenueDecider.evolve, publicRevenueDecider.initialState()),
    );
    expect(event.type).toBe('PublicRevenueSpent');
  });

  it('rule 26: nothing is dated in the future', () => {
    given([parking('i1', '700000.00')])
      .when({ ...pay('e1', 100n), data: { ...pay('e1', 100n).data, paidAt: new Date('2026-06-01T00:00:00.001Z') } })
      .thenRefuses('TIME_IN_FUTURE');
  });

  describe("the management covenant's delegation (rules 19, 26, 27)", () => {
    const covenant: ResolutionFacts = {
      resolutionId: 'r-covenant',
      status: 'closed',
      outcome: 'PASSED',
      matter: 'MANAGEMENT_COVENANT',
      budget: null,
      closedAt: '2026-03-01T00:00:00.000Z',
      covenant: { perItemCap: 500000n, yearlyCap: 800000n },
    };
    const delegated: PublicRevenueEvent = {
      type: 'CovenantDelegationSet',
      data: {
        resolutionId: 'r-covenant',
        perItemCap: '5000.00',
        yearlyCap: '8000.00',
        covenantClosedAt: '2026-03-01T00:00:00.000Z',
        setAt: now.toISOString(),
      },
    };
    const small = (entryId: string, fen: bigint, paidAt = new Date('2026-05-01T00:00:00Z')) =>
      ({
        type: 'PayExpense',
        data: {
          entryId,
          amount: fen,
          payee: '保洁公司',
          purpose: '清理落叶',
          resolution: null,
          paidAt,
          now: new Date('2027-06-01T00:00:00Z'),
        },
      }) as const;
    const history = [parking('i1', '2000000.00'), delegated];
    const delegate = (resolution: ResolutionFacts) =>
      ({ type: 'SetCovenantDelegation', data: { resolution, now } }) as const;

    it('rule 27: the delegation takes its caps from the PASSED covenant vote, and only from one', () => {
      given([]).when(delegate(covenant)).then([delegated]);
      given([]).when(delegate(fence)).thenRefuses('NOT_A_COVENANT');
      given([])
        .when(delegate({ ...covenant, outcome: 'REJECTED' }))
        .thenRefuses('RESOLUTION_NOT_PASSED');
      given([])
        .when(delegate({ ...covenant, covenant: null }))
        .thenRefuses('COVENANT_HAS_NO_CAPS');
    });

    it('rule 27: a later passed covenant vote replaces the caps; an earlier one cannot come back over it', () => {
      const later: ResolutionFacts = {
        ...covenant,
        resolutionId: 'r-covenant-2',
        closedAt: '2026-09-01T00:00:00.000Z',
        covenant: { perItemCap: 100000n, yearlyCap: 200000n },
      };
      given([delegated])
        .when(delegate(later))
        .then([
          {
            type: 'CovenantDelegationSet',
            data: {
              resolutionId: 'r-covenant-2',
              perItemCap: '1000.00',
              yearlyCap: '2000.00',
              covenantClosedAt: '2026-09-01T00:00:00.000Z',
              setAt: now.toISOString(),
            },
          },
        ]);
      const laterSet: PublicRevenueEvent = {
        type: 'CovenantDelegationSet',
        data: {
          resolutionId: 'r-covenant-2',
          perItemCap: '1000.00',
          yearlyCap: '2000.00',
          covenantClosedAt: later.closedAt,
          setAt: now.toISOString(),
        },
      };
      given([laterSet]).when(delegate(covenant)).thenRefuses('COVENANT_SUPERSEDED');
    });

    it("rule 26: an expense under the covenant is dated at or after the covenant vote's close", () => {
      given(history)
        .when(small('e1', 100n, new Date('2026-02-28T23:59:59Z')))
        .thenRefuses('PAID_BEFORE_AUTHORISED', /resolution r-covenant closed/);
    });

    it('rule 19: without a delegation, an expense must name a resolution', () => {
      given([parking('i1', '100.00')])
        .when(small('e1', 100n))
        .thenRefuses('NO_COVENANT_DELEGATION');
    });

    it('rule 19: a delegated expense above the per-item cap is refused, saying by how much', () => {
      given(history)
        .when(small('e1', 500001n))
        .thenRefuses('PER_ITEM_CAP_EXCEEDED', /by 0\.01 yuan/);
    });

    it('rule 19: delegated expenses within a Beijing calendar year never pass the yearly cap; a new year starts afresh', () => {
      let state = history.reduce(publicRevenueDecider.evolve, publicRevenueDecider.initialState());
      for (const e of publicRevenueDecider.decide(small('e1', 500000n), state))
        state = publicRevenueDecider.evolve(state, e);
      expect(() => publicRevenueDecider.decide(small('e2', 300001n), state)).toThrow(
        /yearly cap of 8000\.00 for 2026 by 0\.01 yuan/,
      );
      // 2026-12-31T16:00Z is already 1 January 2027 in Beijing.
      const [next] = publicRevenueDecider.decide(small('e3', 500000n, new Date('2026-12-31T16:00:00Z')), state);
      expect(next).toMatchObject({
        type: 'PublicRevenueSpentUnderCovenant',
        data: { year: 2027, spentThisYear: '5000.00', covenantResolutionId: 'r-covenant' },
      });
    });
  });
});
