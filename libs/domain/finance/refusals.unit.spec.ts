import { DomainError } from '../shared/domain-error.js';
import { checkBudget } from './authorisation.js';
import { checkCaps } from './covenant.js';
import { journalEntry, postEntry } from './journal.js';
import { maintenanceFundDecider, type FundUnit } from './maintenance-fund.js';
import { PersistentMap } from '../shared/persistent.js';

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal, got none');
}

const delegation = { resolutionId: 'r-covenant', perItemCap: 500000n, yearlyCap: 800000n, closedAt: null };

describe('refusals of money commands say which rule and by how much (rules 18, 19)', () => {
  it.each([
    [
      'a budget',
      () => checkBudget('r-fence', 70000000n, 40000000n, 30000001n),
      'BUDGET_EXCEEDED',
      19,
      '700000.00',
      '0.01',
      /budget of resolution r-fence \(700000\.00\) by 0\.01 yuan/,
    ],
    [
      'the per-item cap',
      () => checkCaps(delegation, 500001n, 0n, 2026),
      'PER_ITEM_CAP_EXCEEDED',
      19,
      '5000.00',
      '0.01',
      /per-item cap of 5000\.00 by 0\.01 yuan/,
    ],
    [
      'the yearly cap',
      () => checkCaps(delegation, 300100n, 500000n, 2026),
      'YEARLY_CAP_EXCEEDED',
      19,
      '8000.00',
      '1.00',
      /yearly cap of 8000\.00 for 2026 by 1\.00 yuan/,
    ],
    [
      "an account's balance",
      () =>
        postEntry(
          PersistentMap.of([['asset:bank:public-revenue', 10000n]]),
          journalEntry('e', [
            { account: 'expense:public-revenue:resolution:r', side: 'DEBIT', fen: 10050n },
            { account: 'asset:bank:public-revenue', side: 'CREDIT', fen: 10050n },
          ]),
        ),
      'INSUFFICIENT_FUNDS',
      18,
      '100.00',
      '0.50',
      /below zero by 0\.50 yuan/,
    ],
  ])(
    'going over %s is refused naming the rule, the limit and the excess to the fen',
    (_what, run, code, rule, limit, excess, message) => {
      const error = refusal(run);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(error.message).toContain(`(DOMAIN.md rule ${rule}:`);
      expect(error.details).toMatchObject({ rule, limit, excess });
    },
  );

  it('rule 18: a withdrawal whose shares overdraw units names each unit and the largest excess', () => {
    const roster: FundUnit[] = [
      { unitId: 'a', building: '1', area: 100n },
      { unitId: 'b', building: '1', area: 300n },
    ];
    const now = new Date('2026-06-01T00:00:00Z');
    const deposited = maintenanceFundDecider.decide(
      {
        type: 'DepositToFund',
        data: {
          entryId: 'd',
          deposits: roster.map((u) => ({ unitId: u.unitId, amount: 10000n, depositedAt: now })),
          roster,
          now,
        },
      },
      maintenanceFundDecider.initialState(),
    );
    const state = deposited.reduce(maintenanceFundDecider.evolve, maintenanceFundDecider.initialState());
    const emergency = { reason: '电梯困人', evidenceSha256: 'e'.repeat(64) };
    // 600.00 by area 1:3 → a 150.00 (50.00 over its 100.00), b 450.00 (350.00 over).
    const error = refusal(() =>
      maintenanceFundDecider.decide(
        {
          type: 'WithdrawFromFund',
          data: {
            entryId: 'w',
            amount: 60000n,
            payee: 'p',
            purpose: 'x',
            resolution: null,
            emergency,
            units: [],
            buildings: ['1'],
            roster,
            paidAt: now,
            now,
          },
        },
        state,
      ),
    );
    expect(error.code).toBe('INSUFFICIENT_UNIT_BALANCE');
    expect(error.message).toMatch(
      /unit b's share goes furthest over its balance, by 350\.00 yuan \(DOMAIN\.md rule 18/,
    );
    expect(error.details).toEqual({
      rule: 18,
      limit: '100.00',
      excess: '350.00',
      units: [
        { unitId: 'a', share: '150.00', balance: '100.00', excess: '50.00' },
        { unitId: 'b', share: '450.00', balance: '100.00', excess: '350.00' },
      ],
    });
  });
});
