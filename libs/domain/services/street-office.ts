import { compare, decimal, fraction, rate, type Fraction, type RateJson } from './fraction.js';
import type { RequestFigures } from './request-figures.js';

/** One community as the street office's view reads it (rule 38). */
export interface CommunityStanding {
  communityId: string;
  name: string;
  street: string | null;
  households: number;
  /** A filed committee or a PMC in term (rule 30's formation). */
  formed: boolean;
  /** A company under a contract in force. */
  covered: boolean;
  /** As the street office recorded it; never recorded counts as not covered. */
  partyOrganisation: boolean;
  requests: RequestFigures;
}

export interface ThreeRates {
  communities: number;
  formation: RateJson;
  propertyService: RateJson;
  partyOrganisation: RateJson;
}

/** 三率 over a set of communities, each an exact fraction. */
export function threeRates(communities: readonly CommunityStanding[]): ThreeRates {
  const n = communities.length;
  const count = (f: (c: CommunityStanding) => boolean) => communities.filter(f).length;
  return {
    communities: n,
    formation: rate(
      count((c) => c.formed),
      n,
    ),
    propertyService: rate(
      count((c) => c.covered),
      n,
    ),
    partyOrganisation: rate(
      count((c) => c.partyOrganisation),
      n,
    ),
  };
}

const perHundred = (c: CommunityStanding): Fraction =>
  c.households === 0 ? fraction(0, 1) : fraction(c.requests.counted * 100, c.households);
const rateOr1 = (n: number, d: number) => (d === 0 ? fraction(1, 1) : fraction(n, d));

export interface RankedCommunity {
  rank: number;
  communityId: string;
  name: string;
  street: string | null;
  households: number;
  requests: number;
  /** Requests per 100 households, exact ("n/d") and in hundredths for people. */
  perHundredHouseholds: { fraction: string; value: string };
  onTime: RateJson;
  satisfaction: RateJson;
}

/**
 * As 12345's monthly lists: most requests per 100 households first; among equals the lower on-time
 * rate, then the lower satisfaction first; an empty base counts as whole. Ties on all three share a rank.
 */
export function rankCommunities(communities: readonly CommunityStanding[]): RankedCommunity[] {
  const keyed = communities.map((c) => ({
    c,
    load: perHundred(c),
    onTime: rateOr1(c.requests.onTime, c.requests.counted),
    satisfied: rateOr1(c.requests.satisfied, c.requests.rated),
  }));
  const order = (a: (typeof keyed)[number], b: (typeof keyed)[number]) =>
    compare(b.load, a.load) || compare(a.onTime, b.onTime) || compare(a.satisfied, b.satisfied);
  keyed.sort((a, b) => order(a, b) || (a.c.communityId < b.c.communityId ? -1 : 1));
  const ranks: number[] = [];
  return keyed.map((k, i) => {
    ranks[i] = i > 0 && order(keyed[i - 1], k) === 0 ? ranks[i - 1] : i + 1;
    return {
      rank: ranks[i],
      communityId: k.c.communityId,
      name: k.c.name,
      street: k.c.street,
      households: k.c.households,
      requests: k.c.requests.counted,
      perHundredHouseholds: { fraction: `${k.load.n}/${k.load.d}`, value: decimal(k.load) },
      onTime: rate(k.c.requests.onTime, k.c.requests.counted),
      satisfaction: rate(k.c.requests.satisfied, k.c.requests.rated),
    };
  });
}

/** The district's 三率 and the same for each street, streets in code-point order (null: no street named). */
export function streetOfficeView(communities: readonly CommunityStanding[]) {
  const streets = [...new Set(communities.map((c) => c.street))].sort((a, b) =>
    (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0,
  );
  return {
    threeRates: threeRates(communities),
    byStreet: streets.map((street) => ({
      street,
      threeRates: threeRates(communities.filter((c) => c.street === street)),
    })),
    ranking: rankCommunities(communities),
  };
}
