import { conflict } from '../shared/domain-error.js';
import { formatYuan } from '../shared/quantities.js';

/** The limits money commands are held to, each with the rule of DOMAIN.md that sets it. */
const LIMITS = {
  BUDGET_EXCEEDED: { rule: 19, says: "the sum of a resolution's expenses never exceeds its budget" },
  PER_ITEM_CAP_EXCEEDED: { rule: 19, says: 'the covenant caps each item the committee pays without a vote' },
  YEARLY_CAP_EXCEEDED: { rule: 19, says: 'the covenant caps what the committee pays without a vote each year' },
  INSUFFICIENT_FUNDS: { rule: 18, says: 'an account never goes below zero' },
  INSUFFICIENT_UNIT_BALANCE: { rule: 18, says: "a unit's sub-account never goes below zero" },
  TOP_UP_EXCEEDS_DUE: {
    rule: 22,
    says: 'a top-up without a vote brings the fund back to 30% of its initial total, no further',
  },
} as const;

export type LimitCode = keyof typeof LIMITS;

/**
 * A refusal for going over a limit: it names the rule and says by how much, in yuan to the fen, in
 * the message for a person and in `details` ({rule, limit, excess, …}) for a client.
 */
export function overLimit(
  code: LimitCode,
  what: string,
  limit: bigint,
  excess: bigint,
  details: Record<string, unknown> = {},
) {
  const { rule, says } = LIMITS[code];
  return conflict(code, `${what} by ${formatYuan(excess)} yuan (DOMAIN.md rule ${rule}: ${says})`, {
    rule,
    limit: formatYuan(limit),
    excess: formatYuan(excess),
    ...details,
  });
}
