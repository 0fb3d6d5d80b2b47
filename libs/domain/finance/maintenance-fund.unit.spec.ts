import fc from 'fast-check';
import { deciderSpec } from '../../../test/support/decider-spec.js';
import { DomainError } from '../shared/domain-error.js';
import { formatYuan, parseYuan } from '../shared/quantities.js';
import type { ResolutionFacts } from './authorisation.js';
import {
  belowThreshold,
  fundBalance,
  maintenanceFundDecider,
  unitBalance,
  type FundUnit,
  type MaintenanceFundCommand,
  type MaintenanceFundState,
} from './maintenance-fund.js';
import type { MaintenanceFundEvent } from './maintenance-fund.events.js';

const given = deciderSpec(maintenanceFundDecider);
const now = new Date('2026-06-01T00:00:00Z');
const roster: FundUnit[] = [
  { unitId: '5-101', building: '5', area: 8937n },
  { unitId: '5-102', building: '5', area: 10000n },
  { unitId: '5-201', building: '5', area: 12063n },
  { unitId: '6-101', building: '6', area: 9000n },
];
const roof: ResolutionFacts = {
  resolutionId: 'r-roof',
  status: 'closed',
  outcome: 'PASSED',
  matter: 'USE_MAINTENANCE_FUND',
  budget: { fen: 10000000n, fund: 'MAINTENANCE_FUND', units: null, buildings: ['5'] },
  closedAt: '2026-05-01T00:00:00.000Z',
  covenant: null,
};

function run(commands: MaintenanceFundCommand[]): { state: MaintenanceFundState; events: MaintenanceFundEvent[] } {
  let state = maintenanceFundDecider.initialState();
  const events: MaintenanceFundEvent[] = [];
  for (const c of commands) {
    for (const e of maintenanceFundDecider.decide(c, state)) {
      events.push(e);
      state = maintenanceFundDecider.evolve(state, e);
    }
  }
  return { state, events };
}

const depositEach = (entryId: string, fen: bigint): MaintenanceFundCommand => ({
  type: 'DepositToFund',
  data: {
    entryId,
    deposits: roster.map((u) => ({ unitId: u.unitId, amount: fen, depositedAt: new Date('2026-01-01T00:00:00Z') })),
    roster,
    now,
  },
});

const withdraw = (
  entryId: string,
  fen: bigint,
  extra: Partial<Extract<MaintenanceFundCommand, { type: 'WithdrawFromFund' }>['data']> = {},
): MaintenanceFundCommand => ({
  type: 'WithdrawFromFund',
  data: {
    entryId,
    amount: fen,
    payee: '防水公司',
    purpose: '5号楼屋顶防水',
    resolution: roof,
    emergency: null,
    units: [],
    buildings: [],
    roster,
    paidAt: now,
    now,
    ...extra,
  },
});

describe('the maintenance fund (rules 20–22)', () => {
  const funded = run([depositEach('d1', 5000000n)]).events;

  it("rule 20: a deposit credits each unit's own sub-account", () => {
    const { state } = run([depositEach('d1', 5000000n)]);
    expect(unitBalance(state, '5-101')).toBe(5000000n);
    expect(fundBalance(state)).toBe(20000000n);
  });

  it('rule 20: a deposit for a unit not on the roster is refused', () => {
    given([])
      .when({
        type: 'DepositToFund',
        data: { entryId: 'd', deposits: [{ unitId: '9-999', amount: 1n, depositedAt: now }], roster, now },
      })
      .thenRefuses('UNKNOWN_UNIT', undefined, { unitId: '9-999' });
  });

  it("rule 20: a refusal within a batch names where it is: the file's row for an import, the item otherwise", () => {
    const deposit = (unitId: string, row?: number) => ({
      unitId,
      amount: 100n,
      depositedAt: now,
      ...(row ? { row } : {}),
    });
    given([])
      .when({
        type: 'DepositToFund',
        data: { entryId: 'd', deposits: [deposit('5-101', 2), deposit('5-102', 3), deposit('5-101', 4)], roster, now },
      })
      .thenRefuses('DUPLICATE_UNIT', /^row 4 \(unit 5-101\): unit 5-101 is listed twice \(first at row 2\)/);
    given([])
      .when({
        type: 'DepositToFund',
        data: { entryId: 'd', deposits: [deposit('5-101'), deposit('9-999')], roster, now },
      })
      .thenRefuses('UNKNOWN_UNIT', /^item 2 \(unit 9-999\): unit 9-999 is not on the roster/);
    given([])
      .when({
        type: 'DepositToFund',
        data: {
          entryId: 'd',
          deposits: [{ ...deposit('5-101', 7), depositedAt: new Date('2027-01-01T00:00:00Z') }],
          roster,
          now,
        },
      })
      .thenRefuses('TIME_IN_FUTURE', /^row 7 \(unit 5-101\): depositedAt/);
  });

  it('rule 20: a withdrawal under the resolution is apportioned across building 5 by area, to the fen', () => {
    const { events, state } = run([depositEach('d1', 5000000n), withdraw('w1', 3000001n)]);
    const withdrawn = events[1];
    if (withdrawn.type !== 'MaintenanceFundWithdrawn') throw new Error('expected a withdrawal');
    expect(withdrawn.data.bearers).toEqual({ units: [], buildings: ['5'] });
    expect(withdrawn.data.shares.map((s) => s.unitId)).toEqual(['5-101', '5-102', '5-201']);
    expect(withdrawn.data.shares.reduce((sum, s) => sum + parseYuan(s.amount), 0n)).toBe(3000001n);
    expect(withdrawn.data.authority).toEqual({
      kind: 'RESOLUTION',
      resolutionId: 'r-roof',
      outcome: 'PASSED',
      budget: '100000.00',
    });
    expect(unitBalance(state, '6-101')).toBe(5000000n);
    expect(fundBalance(state)).toBe(20000000n - 3000001n);
  });

  it("rule 25: a withdrawal under a vote may not name bearers, not even the vote's own: the vote decided them", () => {
    given(funded)
      .when(withdraw('w1', 100n, { buildings: ['6'] }))
      .thenRefuses('BEARERS_SET_BY_VOTE');
    given(funded)
      .when(withdraw('w1', 100n, { buildings: ['5'] }))
      .thenRefuses('BEARERS_SET_BY_VOTE');
    given(funded)
      .when(withdraw('w1', 100n, { units: ['5-101'] }))
      .thenRefuses('BEARERS_SET_BY_VOTE');
  });

  it('rule 25: a vote drafted before rule 25 that named no bearers was decided by the whole community, which bears it', () => {
    const { events } = run([
      depositEach('d1', 5000000n),
      withdraw('w1', 400n, { resolution: { ...roof, budget: { ...roof.budget!, buildings: null } } }),
    ]);
    const withdrawn = events[1];
    if (withdrawn.type !== 'MaintenanceFundWithdrawn') throw new Error('expected a withdrawal');
    expect(withdrawn.data.shares.map((s) => s.unitId)).toEqual(['5-101', '5-102', '5-201', '6-101']);
  });

  it("rule 26: a withdrawal under a vote is dated at or after the vote's close", () => {
    given(funded)
      .when(withdraw('w1', 100n, { paidAt: new Date('2020-01-01T00:00:00Z') }))
      .thenRefuses('PAID_BEFORE_AUTHORISED', /before resolution r-roof closed/);
    given(funded)
      .when(withdraw('w1', 100n, { paidAt: new Date('2026-04-30T23:59:59.999Z') }))
      .thenRefuses('PAID_BEFORE_AUTHORISED');
    const [event] = maintenanceFundDecider.decide(
      withdraw('w1', 100n, { paidAt: new Date(roof.closedAt!) }),
      funded.reduce(maintenanceFundDecider.evolve, maintenanceFundDecider.initialState()),
    );
    expect(event.type).toBe('MaintenanceFundWithdrawn');
  });

  it('rule 20: a resolution of another fund, or not passed, authorises nothing', () => {
    given(funded)
      .when(withdraw('w1', 100n, { resolution: { ...roof, budget: { ...roof.budget!, fund: 'PUBLIC_REVENUE' } } }))
      .thenRefuses('RESOLUTION_NOT_FOR_THIS_FUND');
    given(funded)
      .when(withdraw('w1', 100n, { resolution: { ...roof, outcome: 'NO_QUORUM' } }))
      .thenRefuses('RESOLUTION_NOT_PASSED');
  });

  it("rule 20: a share larger than a unit's balance is refused, naming the unit and the shortfall", () => {
    given(run([depositEach('d1', 1000000n)]).events)
      .when(withdraw('w1', 4000000n))
      .thenRefuses(
        'INSUFFICIENT_UNIT_BALANCE',
        /unit 5-101's share 11531\.6\d exceeds its balance 10000\.00 by 1531\.6\d yuan/,
      );
  });

  it("rule 20: the sum of withdrawals never exceeds the resolution's budget", () => {
    const big = run([depositEach('d1', 100000000n), withdraw('w1', 9000000n)]).events;
    given(big)
      .when(withdraw('w2', 1000001n))
      .thenRefuses('BUDGET_EXCEEDED', /by 0\.01 yuan/);
  });

  it('rule 21: an emergency skips the vote but must state its reason and evidence', () => {
    const emergency = { reason: '电梯困人', evidenceSha256: 'e'.repeat(64) };
    const { events } = run([
      depositEach('d1', 5000000n),
      withdraw('w1', 500000n, { resolution: null, emergency, units: ['6-101'] }),
    ]);
    expect(events[1]).toMatchObject({
      type: 'MaintenanceFundWithdrawn',
      data: { authority: { kind: 'EMERGENCY', ...emergency }, shares: [{ unitId: '6-101', amount: '5000.00' }] },
    });
    given(funded)
      .when(
        withdraw('w1', 1n, {
          resolution: null,
          emergency: { reason: '电梯困人', evidenceSha256: 'nope' },
          units: ['6-101'],
        }),
      )
      .thenRefuses('INVALID_SHA256');
    given(funded)
      .when(withdraw('w1', 1n, { resolution: null, emergency: null, units: ['6-101'] }))
      .thenRefuses('AUTHORITY_REQUIRED');
    given(funded)
      .when(withdraw('w1', 1n, { resolution: null, emergency, units: [] }))
      .thenRefuses('BEARERS_REQUIRED');
  });

  it('rule 22: below 30% of the initial total the withdrawal is flagged; at exactly 30% it is not', () => {
    expect(belowThreshold(30n, 100n)).toBe(false);
    expect(belowThreshold(29n, 100n)).toBe(true);
    const emergency = { reason: '电梯困人', evidenceSha256: 'e'.repeat(64) };
    // 4 units × 1,000.00 = 4,000.00; taking 2,800.00 leaves 1,200.00 = 30%, then one fen more falls below.
    const { events } = run([
      depositEach('d1', 100000n),
      withdraw('w1', 280000n, { resolution: null, emergency, buildings: ['5', '6'] }),
      withdraw('w2', 4n, { resolution: null, emergency, buildings: ['5', '6'] }),
    ]);
    expect(events.map((e) => (e.type === 'MaintenanceFundWithdrawn' ? e.data.belowThreshold : null))).toEqual([
      null,
      false,
      true,
    ]);
  });

  it('rules 18, 20: whatever withdrawals are attempted, the unit sub-accounts always add up to the bank balance and none is negative', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ fen: fc.bigInt({ min: 1n, max: 6000000n }), building: fc.constantFrom('5', '6') }), {
          maxLength: 20,
        }),
        (attempts) => {
          let state = run([depositEach('d1', 5000000n)]).state;
          const emergency = { reason: 'x', evidenceSha256: 'e'.repeat(64) };
          for (const [i, a] of attempts.entries()) {
            try {
              for (const e of maintenanceFundDecider.decide(
                withdraw(`w${i}`, a.fen, { resolution: null, emergency, buildings: [a.building] }),
                state,
              )) {
                state = maintenanceFundDecider.evolve(state, e);
              }
            } catch (e) {
              if (!(e instanceof DomainError)) throw e;
            }
            const units = roster.map((u) => unitBalance(state, u.unitId));
            expect(units.every((b) => b >= 0n)).toBe(true);
            expect(formatYuan(units.reduce((s, b) => s + b, 0n))).toBe(formatYuan(fundBalance(state)));
          }
        },
      ),
    );
  });

  it('rule 23: reversing a withdrawal gives every unit its share back', () => {
    const { state } = run([
      depositEach('d1', 5000000n),
      withdraw('w1', 3000001n),
      { type: 'ReverseEntry', data: { entryId: 'c1', reverses: 'w1', reason: '发票作废', now } },
    ]);
    for (const u of roster) expect(unitBalance(state, u.unitId)).toBe(5000000n);
    expect(state.spentByResolution.get('r-roof')).toBe(0n);
  });
});
