import { invalid } from '../shared/domain-error.js';
import { formatArea } from '../shared/quantities.js';
import { isBindingMatter, type Matter } from './rulebooks.js';

/**
 * A menu vote (自主点单, SCENARIOS.md 5): owners rank the services on offer — parking order, cleaning,
 * a handyman — and the assembly publishes the order they prefer. It is counted like any vote (rule 5's
 * participation is reported) but, being SERVICE_MENU or SURVEY, it authorises nothing (rule 7).
 *
 * Counting is a Borda count, weighted twice as every figure here is: by heads and by area. With n
 * options, a voter's first choice earns n points, the second n − 1, and so on; an option left out of a
 * ranking earns nothing. Options are ordered as rule 15 orders candidates: most area points, then most
 * head points; a full tie shares its rank.
 */

export interface MenuOption {
  optionId: string;
  label: string;
}

/** One voter's ranking, most preferred first, with the voter's frozen area. */
export interface RankedBallot {
  ranking: readonly string[];
  area: bigint;
}

export interface MenuStanding {
  optionId: string;
  label: string;
  /** 1 for the most preferred; tied options share a rank (1, 2, 2, 4). */
  rank: number;
  points: { heads: number; area: bigint };
  firstPreferences: { heads: number; area: bigint };
}

export interface MenuStandingJson {
  optionId: string;
  label: string;
  rank: number;
  /** Borda points weighted by heads, and by area (points × m², as a decimal string). */
  points: { heads: number; areaM2: string };
  firstPreferences: { heads: number; areaM2: string };
}

export interface MenuResultJson {
  method: 'BORDA';
  options: MenuStandingJson[];
}

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 20;
const OPTION_ID = /^[A-Za-z0-9_-]{1,40}$/;
const MAX_LABEL = 100;

/** The options a draft offers: only a non-binding matter may offer them, and they must be usable. */
export function menuOptionsFor(matter: Matter, options: readonly MenuOption[] | undefined): MenuOption[] | null {
  if (options === undefined || options.length === 0) return null;
  if (isBindingMatter(matter)) {
    throw invalid(
      'OPTIONS_NOT_ALLOWED',
      `a ${matter} vote is decided FOR or AGAINST; options to rank belong to SERVICE_MENU and SURVEY votes`,
    );
  }
  if (options.length < MIN_OPTIONS || options.length > MAX_OPTIONS) {
    throw invalid(
      'INVALID_OPTIONS',
      `a menu vote offers ${MIN_OPTIONS} to ${MAX_OPTIONS} options; this one offers ${options.length}`,
    );
  }
  const seen = new Set<string>();
  return options.map(({ optionId, label }) => {
    if (!OPTION_ID.test(optionId)) {
      throw invalid('INVALID_OPTIONS', `option id "${optionId}" must be 1–40 letters, digits, "-" or "_"`);
    }
    if (seen.has(optionId)) throw invalid('INVALID_OPTIONS', `option ${optionId} is offered twice`);
    seen.add(optionId);
    const trimmed = label.trim();
    const length = [...trimmed].length;
    if (length < 1 || length > MAX_LABEL) {
      throw invalid('INVALID_OPTIONS', `option ${optionId} needs a label of 1 to ${MAX_LABEL} characters`);
    }
    return { optionId, label: trimmed };
  });
}

/** A ballot's ranking on a menu vote: some of the offered options, each at most once. */
export function rankingFor(options: readonly MenuOption[], ranking: readonly string[]): string[] {
  if (ranking.length === 0) {
    throw invalid(
      'RANKING_REQUIRED',
      'rank at least one option, most preferred first, or cast ABSTAIN to take part without ranking',
    );
  }
  const offered = new Set(options.map((o) => o.optionId));
  const seen = new Set<string>();
  for (const optionId of ranking) {
    if (!offered.has(optionId)) {
      throw invalid(
        'UNKNOWN_OPTION',
        `"${optionId}" is not an option of this vote; it offers ${[...offered].join(', ')}`,
      );
    }
    if (seen.has(optionId))
      throw invalid('DUPLICATE_OPTION', `option ${optionId} is ranked twice; rank each option at most once`);
    seen.add(optionId);
  }
  return [...ranking];
}

/** The Borda count of the live rankings (abstentions carry none): pure, order-independent, exact. */
export function countMenu(options: readonly MenuOption[], ballots: Iterable<RankedBallot>): MenuStanding[] {
  const n = options.length;
  const standings = new Map<string, MenuStanding>(
    options.map((o) => [
      o.optionId,
      { ...o, rank: 0, points: { heads: 0, area: 0n }, firstPreferences: { heads: 0, area: 0n } },
    ]),
  );
  for (const ballot of ballots) {
    ballot.ranking.forEach((optionId, position) => {
      const standing = standings.get(optionId);
      if (!standing)
        throw invalid('UNKNOWN_OPTION', `a counted ballot ranks "${optionId}", which this vote does not offer`);
      const points = n - position;
      standing.points.heads += points;
      standing.points.area += BigInt(points) * ballot.area;
      if (position === 0) {
        standing.firstPreferences.heads += 1;
        standing.firstPreferences.area += ballot.area;
      }
    });
  }
  const ordered = [...standings.values()].sort(
    (a, b) =>
      compareDesc(a.points.area, b.points.area) ||
      b.points.heads - a.points.heads ||
      (a.optionId < b.optionId ? -1 : 1),
  );
  ordered.forEach((standing, index) => {
    const previous = ordered[index - 1];
    const tied =
      previous && previous.points.area === standing.points.area && previous.points.heads === standing.points.heads;
    standing.rank = tied ? previous.rank : index + 1;
  });
  return ordered;
}

function compareDesc(a: bigint, b: bigint): number {
  return a === b ? 0 : a > b ? -1 : 1;
}

export function menuToJson(standings: readonly MenuStanding[]): MenuResultJson {
  return {
    method: 'BORDA',
    options: standings.map((s) => ({
      optionId: s.optionId,
      label: s.label,
      rank: s.rank,
      points: { heads: s.points.heads, areaM2: formatArea(s.points.area) },
      firstPreferences: { heads: s.firstPreferences.heads, areaM2: formatArea(s.firstPreferences.area) },
    })),
  };
}
