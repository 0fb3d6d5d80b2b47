import { DomainError } from '../shared/domain-error.js';
import { budgetFundOf, isBindingMatter, isMatter, MATTERS, RULEBOOKS, rulebookById, spendsMoney } from './rulebooks.js';

describe('rulebooks as data', () => {
  it('rule 7: there are the twelve matters of DOMAIN.md', () => {
    expect(MATTERS).toEqual([
      'RULES_OF_PROCEDURE',
      'MANAGEMENT_COVENANT',
      'ELECT_COMMITTEE',
      'HIRE_OR_FIRE_MANAGER',
      'USE_MAINTENANCE_FUND',
      'RAISE_MAINTENANCE_FUND',
      'REBUILD',
      'CHANGE_COMMON_USE',
      'OTHER_MAJOR',
      'SPEND_PUBLIC_REVENUE',
      'SERVICE_MENU',
      'SURVEY',
    ]);
    expect(isMatter('SURVEY')).toBe(true);
    expect(isMatter('survey')).toBe(false);
  });

  it.each(RULEBOOKS.map((r) => [r.id, r] as const))(
    'rules 5–6: %s needs 2/3 participation, 3/4 for items 6–8, more than 1/2 otherwise',
    (_, r) => {
      expect(r.participation).toEqual({ num: 2n, den: 3n });
      for (const matter of MATTERS) {
        const expected = ['RAISE_MAINTENANCE_FUND', 'REBUILD', 'CHANGE_COMMON_USE'].includes(matter)
          ? { ratio: { num: 3n, den: 4n }, strict: false }
          : { ratio: { num: 1n, den: 2n }, strict: true };
        expect(r.approval[matter]).toEqual(expected);
      }
    },
  );

  it('rules 8, 14, 16, 17: Beijing posts 15 days ahead and results within 3, committee ≥5 odd (3 up to 100 households), PMC ≥7', () => {
    const bj = rulebookById('CN-BEIJING-2020');
    expect(bj.postingPeriodDays).toBe(15);
    expect(bj.resultPostingDays).toBe(3);
    expect(bj.committee).toEqual({
      minMembers: 5,
      minMembersSmallCommunity: 3,
      smallCommunityMaxHouseholds: 100,
      maxTermYears: 5,
      filingDeadlineDays: 30,
      oddMembers: true,
    });
    expect(bj.pmc).toEqual({ minMembers: 7, maxTermYears: 3, dissolveWithinDays: 30, oddMembers: true });
    expect(bj.electionTieBreak).toBe('AREA_THEN_HEADS');
  });

  it('rule 8: the Civil Code rulebook has no posting periods', () => {
    const cc = rulebookById('CN-CIVIL-CODE-2021');
    expect(cc.postingPeriodDays).toBeNull();
    expect(cc.resultPostingDays).toBeNull();
    expect(cc.committee.minMembers).toBe(5);
  });

  it('rule 13: every rulebook carries a version for the tally to record', () => {
    for (const r of RULEBOOKS) expect(r.version).toMatch(/\S/);
  });

  it('an unknown rulebook is refused with UNKNOWN_RULEBOOK', () => {
    expect(() => rulebookById('CN-SHANGHAI')).toThrow(DomainError);
    try {
      rulebookById('CN-SHANGHAI');
    } catch (e) {
      expect((e as DomainError).code).toBe('UNKNOWN_RULEBOOK');
      expect((e as DomainError).kind).toBe('invalid');
    }
  });

  it('rule 13: a rulebook cannot be changed in place', () => {
    const bj = rulebookById('CN-BEIJING-2020');
    expect(() => {
      (bj as { postingPeriodDays: number }).postingPeriodDays = 1;
    }).toThrow(TypeError);
    expect(() => {
      bj.approval.REBUILD.ratio.num = 1n;
    }).toThrow(TypeError);
  });

  it('rule 7: SERVICE_MENU and SURVEY authorise nothing; every other matter binds', () => {
    for (const matter of MATTERS) {
      const binding = matter !== 'SERVICE_MENU' && matter !== 'SURVEY';
      expect(isBindingMatter(matter)).toBe(binding);
      for (const r of RULEBOOKS) expect(r.binding[matter]).toBe(binding);
    }
  });

  it('rules 19–20: only fund use and public-revenue spending spend money, each from its own account', () => {
    expect(MATTERS.filter(spendsMoney)).toEqual(['USE_MAINTENANCE_FUND', 'SPEND_PUBLIC_REVENUE']);
    expect(budgetFundOf('USE_MAINTENANCE_FUND')).toBe('MAINTENANCE_FUND');
    expect(budgetFundOf('SPEND_PUBLIC_REVENUE')).toBe('PUBLIC_REVENUE');
    expect(budgetFundOf('RAISE_MAINTENANCE_FUND')).toBeNull();
  });
});
