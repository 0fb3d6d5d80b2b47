import fc from 'fast-check';
import { deciderSpec, refusalCode } from '../../../test/support/decider-spec.js';
import { fold } from '../shared/decider.js';
import { countMenu, menuOptionsFor, menuToJson, rankingFor, type MenuOption } from './menu.js';
import { resolutionDecider, tallyOfEvents, type ResolutionCommand } from '../voting/resolution.js';
import type { ResolutionEvent } from '../voting/resolution.events.js';

/** SCENARIOS.md 5: owners of a Jinan community rank the services they want (自主点单). */

const given = deciderSpec(resolutionDecider);

const OPTIONS: MenuOption[] = [
  { optionId: 'parking', label: '停车秩序管理' },
  { optionId: 'cleaning', label: '每日保洁' },
  { optionId: 'handyman', label: '上门维修' },
];

const menuDraft = (over: Record<string, unknown> = {}): ResolutionCommand => ({
  type: 'DraftResolution',
  data: {
    resolutionId: 'menu-1',
    communityId: 'jinan',
    title: '物业服务自主点单',
    description: '请按需要程度排序',
    matter: 'SERVICE_MENU',
    rulebook: 'CN-CIVIL-CODE-2021',
    opensAt: new Date('2026-05-01T00:00:00Z'),
    closesAt: new Date('2026-05-08T00:00:00Z'),
    budget: null,
    options: OPTIONS,
    now: new Date('2026-04-20T00:00:00Z'),
    ...over,
  },
});

const drafted: ResolutionEvent = {
  type: 'ResolutionDrafted',
  data: {
    resolutionId: 'menu-1',
    communityId: 'jinan',
    title: '物业服务自主点单',
    description: '请按需要程度排序',
    matter: 'SERVICE_MENU',
    rulebook: 'CN-CIVIL-CODE-2021',
    rulebookVersion: '1.0.0',
    opensAt: '2026-05-01T00:00:00.000Z',
    closesAt: '2026-05-08T00:00:00.000Z',
    budget: null,
    options: OPTIONS,
    draftedAt: '2026-04-20T00:00:00.000Z',
  },
};
const posted: ResolutionEvent = { type: 'ResolutionPosted', data: { postedAt: '2026-04-20T00:00:00.000Z' } };
const opened: ResolutionEvent = {
  type: 'ResolutionOpened',
  data: {
    openedAt: '2026-05-01T00:00:00.000Z',
    rosterHash: 'ef'.repeat(32),
    eligible: { heads: 3, areaM2: '300.00' },
    voters: [
      { voterId: 'A', representativeId: 'A', ownerIds: ['A'], unitIds: ['1-101'], area: '150.00' },
      { voterId: 'B', representativeId: 'B', ownerIds: ['B'], unitIds: ['1-102'], area: '90.00' },
      { voterId: 'C', representativeId: 'C', ownerIds: ['C'], unitIds: ['1-103'], area: '60.00' },
    ],
  },
};
const open = [drafted, posted, opened];

const cast = (ownerId: string, ballot: { choice?: string; ranking?: string[] }): ResolutionCommand => ({
  type: 'CastBallot',
  data: { ownerId, ...ballot, channel: 'ONLINE', castBy: `acct-${ownerId}`, now: new Date('2026-05-02T00:00:00Z') },
});
const castEvent = (ownerId: string, choice: 'FOR' | 'ABSTAIN', ranking?: string[]): ResolutionEvent => ({
  type: 'BallotCast',
  data: {
    ownerId,
    voterIds: [ownerId],
    choice,
    ...(ranking ? { ranking } : {}),
    channel: 'ONLINE',
    castBy: `acct-${ownerId}`,
    proxyOwnerId: null,
    evidenceSha256: null,
    castAt: '2026-05-02T00:00:00.000Z',
  },
});

describe('drafting a menu vote (SERVICE_MENU, SURVEY)', () => {
  it('records the options to rank in the drafted event', () => {
    given([]).when(menuDraft()).then([drafted]);
  });

  it('refuses options on a binding matter: a spend is decided FOR or AGAINST, never ranked', () => {
    given([])
      .when(menuDraft({ matter: 'OTHER_MAJOR' }))
      .thenRefuses('OPTIONS_NOT_ALLOWED', /OTHER_MAJOR/);
  });

  it('refuses one option, twenty-one options, a repeated option, a bad id and an empty label', () => {
    const option = (i: number) => ({ optionId: `o${i}`, label: `服务${i}` });
    expect(refusalCode(() => menuOptionsFor('SERVICE_MENU', [option(1)]))).toBe('INVALID_OPTIONS');
    expect(
      refusalCode(() =>
        menuOptionsFor(
          'SERVICE_MENU',
          Array.from({ length: 21 }, (_, i) => option(i)),
        ),
      ),
    ).toBe('INVALID_OPTIONS');
    expect(
      menuOptionsFor(
        'SERVICE_MENU',
        Array.from({ length: 20 }, (_, i) => option(i)),
      ),
    ).toHaveLength(20);
    expect(refusalCode(() => menuOptionsFor('SURVEY', [option(1), option(1)]))).toBe('INVALID_OPTIONS');
    expect(refusalCode(() => menuOptionsFor('SURVEY', [option(1), { optionId: 'a b', label: 'x' }]))).toBe(
      'INVALID_OPTIONS',
    );
    expect(refusalCode(() => menuOptionsFor('SURVEY', [option(1), { optionId: 'o2', label: '  ' }]))).toBe(
      'INVALID_OPTIONS',
    );
  });

  it('keeps a SERVICE_MENU vote without options a FOR/AGAINST vote, as before', () => {
    expect(menuOptionsFor('SERVICE_MENU', undefined)).toBeNull();
    expect(menuOptionsFor('SERVICE_MENU', [])).toBeNull();
  });
});

describe('casting a ranking', () => {
  it('records a ranking as a ballot FOR the options it ranks', () => {
    given(open)
      .when(cast('A', { ranking: ['cleaning', 'parking'] }))
      .then([castEvent('A', 'FOR', ['cleaning', 'parking'])]);
  });

  it('takes ABSTAIN without a ranking: the owner took part and ranked nothing', () => {
    given(open)
      .when(cast('B', { choice: 'ABSTAIN' }))
      .then([castEvent('B', 'ABSTAIN')]);
  });

  it('refuses AGAINST, an empty ranking, an option not offered and an option ranked twice', () => {
    given(open)
      .when(cast('A', { choice: 'AGAINST' }))
      .thenRefuses('RANKING_REQUIRED');
    given(open)
      .when(cast('A', { ranking: [] }))
      .thenRefuses('RANKING_REQUIRED');
    given(open)
      .when(cast('A', { ranking: ['parking', 'yacht'] }))
      .thenRefuses('UNKNOWN_OPTION', /yacht/);
    given(open)
      .when(cast('A', { ranking: ['parking', 'parking'] }))
      .thenRefuses('DUPLICATE_OPTION');
    given(open)
      .when(cast('A', { choice: 'ABSTAIN', ranking: ['parking'] }))
      .thenRefuses('INVALID_CHOICE');
  });

  it('refuses a ranking on a vote that offers no options', () => {
    const plain = {
      ...drafted,
      data: { ...(drafted.data as object), matter: 'SURVEY', options: undefined },
    } as ResolutionEvent;
    given([plain, posted, opened])
      .when(cast('A', { ranking: ['parking'] }))
      .thenRefuses('RANKING_NOT_OFFERED');
    given([plain, posted, opened]).when(cast('A', {})).thenRefuses('CHOICE_REQUIRED');
  });
});

describe('counting a menu vote (Borda, by area then heads)', () => {
  it("publishes the owners' order with points by heads and by area, and participation as for any vote", () => {
    const events = [
      ...open,
      castEvent('A', 'FOR', ['parking', 'cleaning', 'handyman']),
      castEvent('B', 'FOR', ['cleaning', 'handyman']),
      castEvent('C', 'ABSTAIN'),
    ];
    const tally = tallyOfEvents(events);
    expect(tally.participated).toEqual({ heads: 3, areaM2: '300.00' });
    expect(tally.participation).toMatchObject({ headsMet: true, areaMet: true });
    // A (150 m²): parking 3, cleaning 2, handyman 1. B (90 m²): cleaning 3, handyman 2.
    expect(tally.menu).toEqual({
      method: 'BORDA',
      options: [
        {
          optionId: 'cleaning',
          label: '每日保洁',
          rank: 1,
          points: { heads: 5, areaM2: '570.00' },
          firstPreferences: { heads: 1, areaM2: '90.00' },
        },
        {
          optionId: 'parking',
          label: '停车秩序管理',
          rank: 2,
          points: { heads: 3, areaM2: '450.00' },
          firstPreferences: { heads: 1, areaM2: '150.00' },
        },
        {
          optionId: 'handyman',
          label: '上门维修',
          rank: 3,
          points: { heads: 3, areaM2: '330.00' },
          firstPreferences: { heads: 0, areaM2: '0.00' },
        },
      ],
    });
  });

  it('counts only the latest ranking of a voter who changed their mind (rule 9)', () => {
    const events = [...open, castEvent('A', 'FOR', ['parking']), castEvent('A', 'FOR', ['handyman'])];
    const [first] = tallyOfEvents(events).menu!.options;
    expect(first).toMatchObject({ optionId: 'handyman', points: { heads: 3, areaM2: '450.00' } });
  });

  it('lets fully tied options share a rank, and orders them by id so the order is reproducible', () => {
    const standings = countMenu(OPTIONS, [
      { ranking: ['parking'], area: 100n },
      { ranking: ['handyman'], area: 100n },
    ]);
    expect(standings.map((s) => [s.optionId, s.rank])).toEqual([
      ['handyman', 1],
      ['parking', 1],
      ['cleaning', 3],
    ]);
  });

  it('gives the same standings whatever the order the ballots are counted in', () => {
    const ranking = fc.shuffledSubarray(
      OPTIONS.map((o) => o.optionId),
      { minLength: 1 },
    );
    const ballot = fc.record({ ranking, area: fc.bigInt({ min: 1n, max: 10n ** 9n }) });
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 40 }), fc.integer(), (ballots, seed) => {
        const shuffled = [...ballots].sort((a, b) =>
          (a.area ^ BigInt(seed)) % 7n > (b.area ^ BigInt(seed)) % 7n ? 1 : -1,
        );
        expect(menuToJson(countMenu(OPTIONS, shuffled))).toEqual(menuToJson(countMenu(OPTIONS, ballots)));
      }),
    );
  });

  it('never loses a point: the points handed out equal what the rankings give, by heads and by area', () => {
    const ranking = fc.shuffledSubarray(
      OPTIONS.map((o) => o.optionId),
      { minLength: 1 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ ranking, area: fc.bigInt({ min: 1n, max: 10n ** 9n }) }), { maxLength: 40 }),
        (ballots) => {
          const standings = countMenu(OPTIONS, ballots);
          const given = (b: { ranking: string[] }) => b.ranking.reduce((sum, _, i) => sum + OPTIONS.length - i, 0);
          expect(standings.reduce((sum, s) => sum + s.points.heads, 0)).toBe(
            ballots.reduce((sum, b) => sum + given(b), 0),
          );
          expect(standings.reduce((sum, s) => sum + s.points.area, 0n)).toBe(
            ballots.reduce((sum, b) => sum + BigInt(given(b)) * b.area, 0n),
          );
        },
      ),
    );
  });

  it('leaves a FOR/AGAINST tally without a menu', () => {
    const plain = {
      ...drafted,
      data: { ...(drafted.data as object), matter: 'SURVEY', options: undefined },
    } as ResolutionEvent;
    const state = fold(resolutionDecider, resolutionDecider.initialState(), [plain, posted, opened]);
    const [ballot] = resolutionDecider.decide(cast('A', { choice: 'FOR' }), state);
    expect(tallyOfEvents([plain, posted, opened, ballot]).menu).toBeUndefined();
  });

  it('refuses a ranking of an option the vote does not offer, even when counting', () => {
    expect(refusalCode(() => rankingFor(OPTIONS, ['parking', 'spa']))).toBe('UNKNOWN_OPTION');
    expect(refusalCode(() => countMenu(OPTIONS, [{ ranking: ['spa'], area: 1n }]))).toBe('UNKNOWN_OPTION');
  });
});
