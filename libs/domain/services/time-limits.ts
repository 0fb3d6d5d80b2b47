import { invalid } from '../shared/domain-error.js';

export const CATEGORIES = [
  'REPAIR',
  'SANITATION',
  'PARKING',
  'SECURITY',
  'GREENING',
  'NOISE',
  'FEES',
  'OTHER',
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * Rule 35's tiers: danger to life or property; water, power, gas or heating out; ordinary; complex
 * (needs a contractor, a vote or another office).
 */
export const URGENCIES = ['EMERGENCY', 'UTILITY', 'ORDINARY', 'COMPLEX'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** How long a handler has, in minutes: to acknowledge (accept) a request, and to resolve it, from filing. */
export interface TimeLimit {
  acknowledgeMinutes: number;
  resolveMinutes: number;
  /**
   * LAW: a number a statute fixes; DEFAULT: a number this rulebook chose, which a community's practice
   * may replace. Every number below is DEFAULT: the 接诉即办 figures are as commonly summarised, not
   * checked against the statute's text (DOMAIN.md rule 35).
   */
  source: 'LAW' | 'DEFAULT';
}

export interface ServiceRulebook {
  id: string;
  version: string;
  limits: Record<Category, Record<Urgency, TimeLimit>>;
}

const HOUR = 60;
const DAY = 24 * HOUR;

/** Beijing's 接诉即办 in spirit: 2 hours for danger, 24 hours for utilities, 7 days ordinary, 15 days complex. */
const BEIJING_TIERS: Record<Urgency, TimeLimit> = {
  EMERGENCY: { acknowledgeMinutes: 30, resolveMinutes: 2 * HOUR, source: 'DEFAULT' },
  UTILITY: { acknowledgeMinutes: 2 * HOUR, resolveMinutes: DAY, source: 'DEFAULT' },
  ORDINARY: { acknowledgeMinutes: DAY, resolveMinutes: 7 * DAY, source: 'DEFAULT' },
  COMPLEX: { acknowledgeMinutes: DAY, resolveMinutes: 15 * DAY, source: 'DEFAULT' },
};

const everyCategory = (tiers: Record<Urgency, TimeLimit>) =>
  Object.fromEntries(CATEGORIES.map((c) => [c, tiers])) as Record<Category, Record<Urgency, TimeLimit>>;

/**
 * The Civil Code sets no time limit for a property request; the national rulebook takes the same
 * defaults as Beijing's, so that every community's on-time rate means the same thing until a
 * community's own practice replaces them.
 */
export const SERVICE_RULEBOOKS: Record<string, ServiceRulebook> = {
  'CN-CIVIL-CODE-2021': { id: 'CN-CIVIL-CODE-2021', version: 'services-1', limits: everyCategory(BEIJING_TIERS) },
  'CN-BEIJING-2020': { id: 'CN-BEIJING-2020', version: 'services-1', limits: everyCategory(BEIJING_TIERS) },
};

export function timeLimitFor(
  rulebook: string,
  category: Category,
  urgency: Urgency,
): TimeLimit & { rulebookVersion: string } {
  const book = SERVICE_RULEBOOKS[rulebook];
  if (!book) throw invalid('UNKNOWN_RULEBOOK', `rulebook ${rulebook} has no time limits for requests`);
  return { ...book.limits[category][urgency], rulebookVersion: book.version };
}
