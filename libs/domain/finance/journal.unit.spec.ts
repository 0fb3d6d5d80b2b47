import fc from 'fast-check';
import { DomainError } from '../shared/domain-error.js';
import {
  applyEntry,
  balanceOf,
  journalEntry,
  noBalances,
  postEntry,
  reversalOf,
  trialBalance,
  type Balances,
} from './journal.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
};

const BANK = 'asset:bank:public-revenue';
const PARKING = 'income:public-revenue:PARKING';
const FENCE = 'expense:public-revenue:resolution:r1';

describe('the double-entry journal (rule 18)', () => {
  it('rule 18: an entry whose debits and credits differ is refused', () => {
    expect(
      codeOf(() =>
        journalEntry('e1', [
          { account: BANK, side: 'DEBIT', fen: 100n },
          { account: PARKING, side: 'CREDIT', fen: 99n },
        ]),
      ),
    ).toBe('UNBALANCED_ENTRY');
  });

  it('rule 18: postings are stored as yuan strings and move balances on their normal side', () => {
    const income = journalEntry('e1', [
      { account: BANK, side: 'DEBIT', fen: 70000000n },
      { account: PARKING, side: 'CREDIT', fen: 70000000n },
    ]);
    expect(income.postings).toEqual([
      { account: BANK, side: 'DEBIT', amount: '700000.00' },
      { account: PARKING, side: 'CREDIT', amount: '700000.00' },
    ]);
    const balances = postEntry(noBalances(), income);
    expect(balanceOf(balances, BANK)).toBe(70000000n);
    expect(balanceOf(balances, PARKING)).toBe(70000000n);
  });

  it('rule 18: a posting that would take an account below zero is refused, naming the shortfall', () => {
    const income = journalEntry('e1', [
      { account: BANK, side: 'DEBIT', fen: 100n },
      { account: PARKING, side: 'CREDIT', fen: 100n },
    ]);
    const spend = journalEntry('e2', [
      { account: FENCE, side: 'DEBIT', fen: 101n },
      { account: BANK, side: 'CREDIT', fen: 101n },
    ]);
    const balances = postEntry(noBalances(), income);
    expect(() => postEntry(balances, spend)).toThrow(/below zero by 0\.01 yuan/);
  });

  it('rule 23: a reversing entry brings every balance back to what it was', () => {
    const income = journalEntry('e1', [
      { account: BANK, side: 'DEBIT', fen: 500n },
      { account: PARKING, side: 'CREDIT', fen: 500n },
    ]);
    const after = postEntry(postEntry(noBalances(), income), reversalOf(income, 'e2'));
    expect(balanceOf(after, BANK)).toBe(0n);
    expect(balanceOf(after, PARKING)).toBe(0n);
  });

  it('rule 18: any run of balanced entries keeps debits equal to credits, and reversing them all returns to zero', () => {
    const accounts = [BANK, PARKING, FENCE, 'fund:maintenance:unit:1-101', 'asset:bank:maintenance-fund'];
    const entryArb = fc.record({
      debit: fc.constantFrom(...accounts),
      credit: fc.constantFrom(...accounts),
      fen: fc.bigInt({ min: 1n, max: 10n ** 12n }),
    });
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 30 }), (specs) => {
        const entries = specs.map((s, i) =>
          journalEntry(`e${i}`, [
            { account: s.debit, side: 'DEBIT', fen: s.fen },
            { account: s.credit, side: 'CREDIT', fen: s.fen },
          ]),
        );
        let balances: Balances = noBalances();
        for (const e of entries) balances = applyEntry(balances, e);
        expect(trialBalance(balances)).toBe(0n);
        for (const [i, e] of entries.entries()) balances = applyEntry(balances, reversalOf(e, `r${i}`));
        for (const account of accounts) expect(balanceOf(balances, account)).toBe(0n);
      }),
    );
  });
});
