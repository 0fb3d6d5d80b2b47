import fc from 'fast-check';
import { deciderSpec, refusalCode } from '../../../test/support/decider-spec.js';
import { DomainError } from '../shared/domain-error.js';
import {
  fundBalance,
  maintenanceFundDecider,
  topUpDue,
  unitBalance,
  type FundUnit,
  type MaintenanceFundCommand,
  type MaintenanceFundState,
} from './maintenance-fund.js';
import {
  publicRevenueBalance,
  publicRevenueDecider,
  type FundStanding,
  type PublicRevenueCommand,
  type PublicRevenueState,
} from './public-revenue.js';
import type { PublicRevenueEvent } from './public-revenue.events.js';
import { ledgerLines } from './ledger-lines.js';

const now = new Date('2026-06-01T00:00:00Z');
const roster: FundUnit[] = [
  { unitId: 'a', building: '1', area: 10000n },
  { unitId: 'b', building: '1', area: 20000n },
];
const income = (entryId: string, fen: bigint): PublicRevenueCommand => ({
  type: 'RecordIncome',
  data: { entryId, amount: fen, source: 'PARKING', description: '停车费', receivedAt: now, now },
});
const transfer = (entryId: string, fen: bigint, fund: FundStanding): PublicRevenueCommand => ({
  type: 'TransferToFund',
  data: { entryId, amount: fen, fund, transferredAt: now, now },
});

function fold<C, E, S>(
  decider: { decide(c: C, s: S): E[]; evolve(s: S, e: E): S; initialState(): S },
  commands: C[],
  state = decider.initialState(),
): S {
  for (const c of commands) for (const e of decider.decide(c, state)) state = decider.evolve(state, e);
  return state;
}
const revenueWith = (fen: bigint): PublicRevenueState => fold(publicRevenueDecider, [income('i', fen)]);
/** A fund of 1,000.00 deposited (initial total), in proportion to area, of which `spent` left in an emergency. */
function fundAfter(spent: bigint): MaintenanceFundState {
  const emergency = { reason: '电梯困人', evidenceSha256: 'e'.repeat(64) };
  const commands: MaintenanceFundCommand[] = [
    {
      type: 'DepositToFund',
      data: {
        entryId: 'd',
        deposits: [
          { unitId: 'a', amount: 33400n, depositedAt: now },
          { unitId: 'b', amount: 66600n, depositedAt: now },
        ],
        roster,
        now,
      },
    },
    {
      type: 'WithdrawFromFund',
      data: {
        entryId: 'w',
        amount: spent,
        payee: 'p',
        purpose: 'x',
        resolution: null,
        emergency,
        units: ['a', 'b'],
        buildings: [],
        roster,
        paidAt: now,
        now,
      },
    },
  ];
  return fold(maintenanceFundDecider, commands);
}
const standing = (fund: MaintenanceFundState): FundStanding => ({
  balance: fundBalance(fund),
  initialTotal: fund.deposited,
  received: fund.receivedTopUps,
});

describe('topping the fund up from public revenue (rule 22)', () => {
  it('rule 22: what is due brings the fund back to 30% of its initial total, rounded up to the fen; nothing is due at 30%', () => {
    expect(topUpDue(29999n, 100000n)).toBe(1n);
    expect(topUpDue(30000n, 100000n)).toBe(0n);
    expect(topUpDue(0n, 100001n)).toBe(30001n);
    expect(topUpDue(0n, 0n)).toBe(0n);
  });

  it('rule 22: public revenue moves into a fund below 30%, as a balanced entry that leaves public revenue', () => {
    const fund = fundAfter(80000n); // 200.00 of 1,000.00 left: 100.00 due
    deciderSpec(publicRevenueDecider)([{ type: 'PublicRevenueReceived', data: revenueReceived }])
      .when(transfer('t', 10000n, standing(fund)))
      .then([
        {
          type: 'PublicRevenueTransferredToFund',
          data: {
            entryId: 't',
            amount: '100.00',
            transferredAt: now.toISOString(),
            fundBalance: '200.00',
            initialTotal: '1000.00',
            topUpDue: '100.00',
            postings: [
              { account: 'expense:public-revenue:maintenance-fund-top-up', side: 'DEBIT', amount: '100.00' },
              { account: 'asset:bank:public-revenue', side: 'CREDIT', amount: '100.00' },
            ],
          },
        },
      ]);
  });

  it('rule 22: refused when the fund is not below 30%, and beyond what is due by the excess; rule 18: beyond the balance', () => {
    const given = deciderSpec(publicRevenueDecider)([{ type: 'PublicRevenueReceived', data: revenueReceived }]);
    given
      .when(transfer('t', 1n, standing(fundAfter(70000n))))
      .thenRefuses('TOP_UP_NOT_DUE', /not below 30% \(DOMAIN\.md rule 22\)/);
    given
      .when(transfer('t', 10001n, standing(fundAfter(80000n))))
      .thenRefuses('TOP_UP_EXCEEDS_DUE', /exceeds the 100\.00 yuan due: .* by 0\.01 yuan \(DOMAIN\.md rule 22/);
    expect(
      refusalCode(() =>
        publicRevenueDecider.decide(transfer('t', 10000n, standing(fundAfter(80000n))), revenueWith(9999n)),
      ),
    ).toBe('INSUFFICIENT_FUNDS');
  });

  it("rule 22: a transfer sent but not yet booked by the fund counts as the fund's, so the same shortfall is not topped up twice", () => {
    const fund = standing(fundAfter(80000n));
    const revenue = fold(publicRevenueDecider, [transfer('t1', 6000n, fund)], revenueWith(100000n));
    expect(refusalCode(() => publicRevenueDecider.decide(transfer('t2', 4001n, fund), revenue))).toBe(
      'TOP_UP_EXCEEDS_DUE',
    );
    expect(publicRevenueDecider.decide(transfer('t2', 4000n, fund), revenue)).toHaveLength(1);
    // Once the fund has booked t1, its balance carries it instead.
    const booked = fold(maintenanceFundDecider, [receive('r1', 't1', 6000n)], fundAfter(80000n));
    expect(refusalCode(() => publicRevenueDecider.decide(transfer('t2', 4001n, standing(booked)), revenue))).toBe(
      'TOP_UP_EXCEEDS_DUE',
    );
  });

  it('rules 20, 22: the fund books a transfer once, shared among all units by area, without raising its initial total', () => {
    const before = fundAfter(80000n);
    const after = fold(maintenanceFundDecider, [receive('r1', 't1', 10001n)], before);
    expect(fundBalance(after) - fundBalance(before)).toBe(10001n);
    // 1:2 by area: exactly 33.3367 and 66.6733; the odd fen goes to the larger remainder, a's.
    expect([
      unitBalance(after, 'a') - unitBalance(before, 'a'),
      unitBalance(after, 'b') - unitBalance(before, 'b'),
    ]).toEqual([3334n, 6667n]);
    expect(after.deposited).toBe(before.deposited);
    expect(ledgerLines(after).at(-1)).toMatchObject({ kind: 'INCOME', source: 'PUBLIC_REVENUE', effect: 10001n });
    expect(refusalCode(() => maintenanceFundDecider.decide(receive('r1', 't1', 10001n), after))).toBe(
      'TOP_UP_ALREADY_RECEIVED',
    );
  });

  it('rule 23: neither side of a transfer is reversed, since the other ledger would not follow', () => {
    const revenue = fold(
      publicRevenueDecider,
      [transfer('t1', 100n, standing(fundAfter(80000n)))],
      revenueWith(100000n),
    );
    expect(
      refusalCode(() =>
        publicRevenueDecider.decide(
          { type: 'ReverseEntry', data: { entryId: 'x', reverses: 't1', reason: '录错', now } },
          revenue,
        ),
      ),
    ).toBe('ENTRY_NOT_REVERSIBLE');
    const fund = fold(maintenanceFundDecider, [receive('r1', 't1', 100n)], fundAfter(80000n));
    expect(
      refusalCode(() =>
        maintenanceFundDecider.decide(
          { type: 'ReverseEntry', data: { entryId: 'x', reverses: 'r1', reason: '录错', now } },
          fund,
        ),
      ),
    ).toBe('ENTRY_NOT_REVERSIBLE');
  });

  it('rules 18, 22: whatever top-ups are attempted, rule 22 never lifts the fund past 30% and public revenue never goes negative', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 99000n }),
        fc.array(fc.record({ fen: fc.bigInt({ min: 1n, max: 60000n }), book: fc.boolean() }), { maxLength: 12 }),
        (spent, attempts) => {
          let fund = fundAfter(spent);
          let revenue = revenueWith(50000n);
          const threshold = (fund.deposited * 3n + 9n) / 10n;
          const start = fundBalance(fund);
          for (const [i, a] of attempts.entries()) {
            try {
              revenue = fold(publicRevenueDecider, [transfer(`t${i}`, a.fen, standing(fund))], revenue);
              if (a.book) fund = fold(maintenanceFundDecider, [receive(`r${i}`, `t${i}`, a.fen)], fund);
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
            }
            const sent = revenue.topUps.reduce((sum, t) => sum + t.amount, 0n);
            expect(start + sent <= (start > threshold ? start : threshold)).toBe(true);
            expect(publicRevenueBalance(revenue) >= 0n).toBe(true);
          }
        },
      ),
    );
  });
});

const revenueReceived: Extract<PublicRevenueEvent, { type: 'PublicRevenueReceived' }>['data'] = {
  entryId: 'i',
  amount: '1000.00',
  source: 'PARKING',
  description: '停车费',
  receivedAt: now.toISOString(),
  evidenceSha256: null,
  postings: [
    { account: 'asset:bank:public-revenue', side: 'DEBIT', amount: '1000.00' },
    { account: 'income:public-revenue:PARKING', side: 'CREDIT', amount: '1000.00' },
  ],
};

function receive(entryId: string, transferEntryId: string, fen: bigint): MaintenanceFundCommand {
  return {
    type: 'ReceiveTopUp',
    data: {
      entryId,
      transfer: { entryId: transferEntryId, amount: fen, transferredAt: now.toISOString() },
      roster,
      now,
    },
  };
}
