import { rankCommunities, streetOfficeView, type CommunityStanding } from './street-office.js';

const community = (
  communityId: string,
  street: string,
  households: number,
  [counted, onTime, rated, satisfied]: number[],
  flags: Partial<CommunityStanding> = {},
): CommunityStanding => ({
  communityId,
  name: communityId,
  street,
  households,
  formed: true,
  covered: true,
  partyOrganisation: true,
  requests: { counted, onTime, rated, satisfied, reopened: 0 },
  ...flags,
});

describe("the street office's 三率 and monthly ranking (rule 38)", () => {
  it('gives each rate as an exact fraction per street and for the district', () => {
    const view = streetOfficeView([
      community('a', '天桥街道', 300, [3, 3, 3, 3], { formed: false }),
      community('b', '天桥街道', 200, [2, 2, 2, 2], { partyOrganisation: false }),
      community('c', '泺口街道', 100, [1, 1, 1, 1], { covered: false }),
    ]);
    expect(view.threeRates).toEqual({
      communities: 3,
      formation: { count: 2, of: 3, fraction: '2/3', percent: '66.66%' },
      propertyService: { count: 2, of: 3, fraction: '2/3', percent: '66.66%' },
      partyOrganisation: { count: 2, of: 3, fraction: '2/3', percent: '66.66%' },
    });
    expect(
      view.byStreet.map((s) => [s.street, s.threeRates.formation.fraction, s.threeRates.propertyService.fraction]),
    ).toEqual([
      ['天桥街道', '1/2', '2/2'],
      ['泺口街道', '1/1', '0/1'],
    ]);
  });

  it('ranks by requests per 100 households, then the lower on-time rate, then the lower satisfaction; full ties share a rank', () => {
    const ranked = rankCommunities([
      community('small-busy', 'x', 50, [5, 5, 5, 5]), // 10 per 100
      community('big', 'x', 1000, [30, 30, 30, 30]), // 3 per 100
      community('late', 'x', 100, [10, 7, 10, 9]), // 10 per 100, 7/10 on time
      community('twin', 'x', 1000, [30, 30, 30, 30]),
    ]);
    expect(ranked.map((r) => [r.rank, r.communityId, r.perHundredHouseholds.value])).toEqual([
      [1, 'late', '10.00'],
      [2, 'small-busy', '10.00'],
      [3, 'big', '3.00'],
      [3, 'twin', '3.00'],
    ]);
  });
});
