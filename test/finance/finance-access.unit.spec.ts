import {
  authorizeAudit,
  authorizeFinance,
  FINANCE_ACCESS,
  mayFinance,
  visibleUnits,
} from '../../src/finance/finance.access.js';
import type { FinanceLookups } from '../../src/finance/finance-lookups.js';
import { answerOf, CID, ctxOf, describeAccessTable, grantOf } from '../support/access-tables.js';

/** src/finance/finance.access.ts: the one table the finance module's handlers and controllers ask. */
describe('FINANCE_ACCESS', () => {
  describeAccessTable(FINANCE_ACCESS, authorizeFinance);

  it('lets only the committee write to the ledgers and the statements (rules 19–23)', () => {
    for (const action of [
      'RecordIncome',
      'PayExpense',
      'DepositToFund',
      'WithdrawFromFund',
      'PublishStatement',
    ] as const) {
      expect(answerOf(() => authorizeFinance(ctxOf(grantOf('committee')), action, CID))).toEqual({
        allowed: 'committee',
      });
      for (const role of ['owner', 'regulator', 'auditor', 'admin', 'property_company'] as const)
        expect(answerOf(() => authorizeFinance(ctxOf(grantOf(role)), action, CID))).toEqual({
          status: 403,
          code: 'FORBIDDEN',
        });
    }
  });

  it('refuses an auditor invited for another statement 403 NOT_INVITED_FOR_STATEMENT (rule 32)', () => {
    const invitedFor = (statementId: string | null) => ctxOf(grantOf('auditor', CID, statementId));
    expect(answerOf(() => authorizeAudit(invitedFor('s-1'), CID, 's-1'))).toEqual({ allowed: 'auditor' });
    expect(answerOf(() => authorizeAudit(invitedFor(null), CID, 's-1'))).toEqual({ allowed: 'auditor' });
    expect(answerOf(() => authorizeAudit(invitedFor('s-2'), CID, 's-1'))).toEqual({
      status: 403,
      code: 'NOT_INVITED_FOR_STATEMENT',
    });
    expect(answerOf(() => authorizeAudit(ctxOf(grantOf('committee')), CID, 's-1'))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
  });

  it('shows every unit balance to the committee and the regulator, not to an owner (rule 24)', () => {
    expect(mayFinance(ctxOf(grantOf('committee')).principal, 'readEveryUnit', CID)).toBe(true);
    expect(mayFinance(ctxOf(grantOf('regulator')).principal, 'readEveryUnit', CID)).toBe(true);
    expect(mayFinance(ctxOf(grantOf('owner', CID, 'o-1')).principal, 'readEveryUnit', CID)).toBe(false);
    expect(mayFinance(null, 'readEveryUnit', CID)).toBe(false);
  });

  it("lists in a statement an owner's own units, and all of them to the auditor of that statement only (rules 24, 32)", async () => {
    const units = new Map([
      ['5-101', { unitId: '5-101', ownerIds: ['o-1'] }],
      ['5-102', { unitId: '5-102', ownerIds: ['o-2'] }],
    ]);
    const lookups = { community: async () => ({ units }) } as unknown as FinanceLookups;
    const owner = ctxOf(grantOf('owner', CID, 'o-1')).principal;
    expect(await visibleUnits(owner, CID, lookups, 's-1')).toEqual(new Set(['5-101']));
    expect(await visibleUnits(ctxOf(grantOf('auditor', CID, 's-1')).principal, CID, lookups, 's-1')).toBe('ALL');
    expect(await visibleUnits(ctxOf(grantOf('auditor', CID, 's-2')).principal, CID, lookups, 's-1')).toEqual(new Set());
    expect(await visibleUnits(null, CID, lookups, 's-1')).toEqual(new Set());
  });
});
