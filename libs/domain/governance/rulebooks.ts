import { invalid } from '../shared/domain-error.js';
import type { Ratio } from '../shared/quantities.js';

/**
 * Rule sets as data (DOMAIN.md intro, rules 5–8, 14–17). A tally records the rulebook's id and version,
 * so a change to any figure here is a new `version`, never an edit under the old one: an exported
 * tally must recompute the same way years later.
 */

/** DOMAIN.md rule 7: Civil Code Art. 278 items 1–9, then public revenue (item 9) and the non-binding two. */
export const MATTERS = [
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
] as const;

export type Matter = (typeof MATTERS)[number];

export type RulebookId = 'CN-CIVIL-CODE-2021' | 'CN-BEIJING-2020';

export interface Approval {
  ratio: Ratio;
  /** true: "超过/过半数", more than the ratio; false: "以上", at least the ratio. */
  strict: boolean;
}

export interface Rulebook {
  id: RulebookId;
  version: string;
  /** Participating area and heads, each at least this share of the frozen roster (rule 5). */
  participation: Ratio;
  /** Approving area and heads against participating area and heads (rule 6). */
  approval: Record<Matter, Approval>;
  /** Days a vote is posted before it opens; null: the rulebook sets no period (rule 8). */
  postingPeriodDays: number | null;
  /** Days after close within which results are posted; null: no period. */
  resultPostingDays: number | null;
  committee: {
    minMembers: number;
    minMembersSmallCommunity: number;
    smallCommunityMaxHouseholds: number;
    maxTermYears: number;
    filingDeadlineDays: number;
    oddMembers: boolean;
  };
  pmc: {
    minMembers: number;
    maxTermYears: number;
    dissolveWithinDays: number;
    oddMembers: boolean;
  };
  /** Rule 15: seats go to passing candidates by most approving area, then most approving heads. */
  electionTieBreak: 'AREA_THEN_HEADS';
  /** false: counted and published, but a PASSED outcome authorises nothing (rule 7). */
  binding: Record<Matter, boolean>;
}

const MAJORITY: Approval = { ratio: { num: 1n, den: 2n }, strict: true };
const THREE_QUARTERS: Approval = { ratio: { num: 3n, den: 4n }, strict: false };

// Civil Code Art. 278 para. 2: items 6–8 need 3/4 "以上"; every other item a majority ("过半数").
const CIVIL_CODE_APPROVAL: Record<Matter, Approval> = {
  RULES_OF_PROCEDURE: MAJORITY,
  MANAGEMENT_COVENANT: MAJORITY,
  ELECT_COMMITTEE: MAJORITY,
  HIRE_OR_FIRE_MANAGER: MAJORITY,
  USE_MAINTENANCE_FUND: MAJORITY,
  RAISE_MAINTENANCE_FUND: THREE_QUARTERS,
  REBUILD: THREE_QUARTERS,
  CHANGE_COMMON_USE: THREE_QUARTERS,
  OTHER_MAJOR: MAJORITY,
  SPEND_PUBLIC_REVENUE: MAJORITY,
  SERVICE_MENU: MAJORITY,
  SURVEY: MAJORITY,
};

const NON_BINDING: ReadonlySet<Matter> = new Set<Matter>(['SERVICE_MENU', 'SURVEY']);

const BINDING = Object.fromEntries(MATTERS.map((m) => [m, !NON_BINDING.has(m)])) as Record<Matter, boolean>;

// 北京市物业管理条例 (text of 2024-03-29): Art. 39/41 committee, 43 filing, 52–59 PMC.
const BEIJING_COMMITTEE: Rulebook['committee'] = {
  minMembers: 5,
  minMembersSmallCommunity: 3,
  smallCommunityMaxHouseholds: 100,
  maxTermYears: 5,
  filingDeadlineDays: 30,
  oddMembers: true,
};
const BEIJING_PMC: Rulebook['pmc'] = { minMembers: 7, maxTermYears: 3, dissolveWithinDays: 30, oddMembers: true };

const CIVIL_CODE: Rulebook = {
  id: 'CN-CIVIL-CODE-2021',
  version: '1.0.0',
  participation: { num: 2n, den: 3n },
  approval: CIVIL_CODE_APPROVAL,
  postingPeriodDays: null,
  resultPostingDays: null,
  // The Civil Code fixes no committee figures; Beijing's serve as the default so a community on the
  // national rulebook still gets checked committees.
  committee: BEIJING_COMMITTEE,
  pmc: BEIJING_PMC,
  electionTieBreak: 'AREA_THEN_HEADS',
  binding: BINDING,
};

// 北京市物业管理条例 (text of 2024-03-29): Art. 35 posting, 37 results, 39/41 committee, 43 filing, 52–59 PMC.
const BEIJING: Rulebook = {
  id: 'CN-BEIJING-2020',
  version: '1.0.0',
  participation: { num: 2n, den: 3n },
  approval: CIVIL_CODE_APPROVAL,
  postingPeriodDays: 15,
  resultPostingDays: 3,
  committee: BEIJING_COMMITTEE,
  pmc: BEIJING_PMC,
  electionTieBreak: 'AREA_THEN_HEADS',
  binding: BINDING,
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Frozen: a rulebook is shared by every tally, and a stray mutation would change past outcomes. */
export const RULEBOOKS: readonly Rulebook[] = deepFreeze([CIVIL_CODE, BEIJING]);

export function rulebookById(id: string): Rulebook {
  const rulebook = RULEBOOKS.find((r) => r.id === id);
  if (!rulebook) {
    throw invalid('UNKNOWN_RULEBOOK', `Unknown rulebook "${id}"; use one of ${RULEBOOKS.map((r) => r.id).join(', ')}`, {
      rulebook: id,
    });
  }
  return rulebook;
}

export function isMatter(value: unknown): value is Matter {
  return typeof value === 'string' && (MATTERS as readonly string[]).includes(value);
}

/** SERVICE_MENU and SURVEY authorise nothing: no spending, no filing, no rule change follows from them. */
export function isBindingMatter(matter: Matter): boolean {
  return !NON_BINDING.has(matter);
}

/**
 * The matters whose PASSED resolution authorises paying money out, and so must carry a budget
 * (rules 19, 20). RAISE_MAINTENANCE_FUND brings money in (deposits), so it carries none.
 */
export function spendsMoney(matter: Matter): boolean {
  return budgetFundOf(matter) !== null;
}

/** The account a matter's budget is drawn from, or null if it spends nothing. */
export function budgetFundOf(matter: Matter): 'MAINTENANCE_FUND' | 'PUBLIC_REVENUE' | null {
  switch (matter) {
    case 'USE_MAINTENANCE_FUND':
      return 'MAINTENANCE_FUND';
    case 'SPEND_PUBLIC_REVENUE':
      return 'PUBLIC_REVENUE';
    default:
      return null;
  }
}
