import { deciderSpec } from '../../../test/support/decider-spec.js';
import { assess } from './assessment.js';
import { fraction } from './fraction.js';
import {
  propertyServiceDecider,
  servingCompany,
  type PropertyServiceCommand,
  type VoteFacts,
} from './property-service.js';
import type { ContractSignedData, PropertyServiceEvent } from './property-service.events.js';

const given = deciderSpec(propertyServiceDecider);
const at = (iso: string) => new Date(iso);
const FORMULA = {
  weights: { survey: 40, onTime: 30, satisfaction: 30 },
  bands: [
    { below: 90, withholdPercent: 10 },
    { below: 75, withholdPercent: 30 },
    { below: 60, withholdPercent: 100 },
  ],
};
const menu: VoteFacts = {
  resolutionId: 'r-menu',
  matter: 'SERVICE_MENU',
  status: 'closed',
  outcome: 'PASSED',
  closedAt: '2026-10-20T00:00:00.000Z',
  optionIds: ['cleaning', 'parking', 'handyman'],
  forHeads: 4,
  participatedHeads: 4,
};
const survey = (resolutionId: string, forHeads: number, participatedHeads: number): VoteFacts => ({
  ...menu,
  resolutionId,
  matter: 'SURVEY',
  optionIds: [],
  closedAt: '2026-12-03T00:00:00.000Z',
  forHeads,
  participatedHeads,
});

const company: PropertyServiceEvent = {
  type: 'PropertyCompanyRegistered',
  data: {
    companyId: 'co1',
    name: '天桥物业',
    creditCode: '91370100MA3C000001',
    registeredAt: '2026-10-25T00:00:00.000Z',
  },
};
const sign = (
  over: Partial<Extract<PropertyServiceCommand, { type: 'SignContract' }>['data']> = {},
): PropertyServiceCommand => ({
  type: 'SignContract',
  data: {
    contractId: 'k1',
    companyId: 'co1',
    startsAt: at('2026-11-01T00:00:00Z'),
    endsAt: at('2027-01-01T00:00:00Z'),
    periodFeeFen: 1_000_001n,
    periods: [
      { periodId: '2026-11', startsAt: at('2026-11-01T00:00:00Z'), endsAt: at('2026-12-01T00:00:00Z') },
      { periodId: '2026-12', startsAt: at('2026-12-01T00:00:00Z'), endsAt: at('2027-01-01T00:00:00Z') },
    ],
    items: [
      { itemId: 'cleaning', name: '保洁', standard: '楼道每日清扫两次', menuOptionId: 'cleaning' },
      { itemId: 'parking', name: '停车秩序', standard: '消防通道零占用', menuOptionId: 'parking' },
    ],
    menu,
    formula: FORMULA,
    now: at('2026-10-26T00:00:00Z'),
    ...over,
  },
});
const signedData: ContractSignedData = {
  contractId: 'k1',
  companyId: 'co1',
  startsAt: '2026-11-01T00:00:00.000Z',
  endsAt: '2027-01-01T00:00:00.000Z',
  periodFeeFen: '1000001',
  periods: [
    { periodId: '2026-11', startsAt: '2026-11-01T00:00:00.000Z', endsAt: '2026-12-01T00:00:00.000Z' },
    { periodId: '2026-12', startsAt: '2026-12-01T00:00:00.000Z', endsAt: '2027-01-01T00:00:00.000Z' },
  ],
  items: [
    { itemId: 'cleaning', name: '保洁', standard: '楼道每日清扫两次', menuOptionId: 'cleaning' },
    { itemId: 'parking', name: '停车秩序', standard: '消防通道零占用', menuOptionId: 'parking' },
  ],
  menuResolutionId: 'r-menu',
  formula: FORMULA,
  signedAt: '2026-10-26T00:00:00.000Z',
};
const signed: PropertyServiceEvent = { type: 'ServiceContractSigned', data: signedData };
const assessCommand = (now = '2026-12-03T00:00:00Z'): PropertyServiceCommand => ({
  type: 'PublishAssessment',
  data: {
    assessmentId: 'a1',
    contractId: 'k1',
    periodId: '2026-11',
    surveys: [
      { itemId: 'cleaning', vote: survey('r-s1', 3, 4) },
      { itemId: 'parking', vote: survey('r-s2', 1, 4) },
    ],
    requests: { counted: 10, onTime: 8, rated: 6, satisfied: 5, reopened: 1 },
    now: at(now),
  },
});

describe('the property company, its contract and pay after experience (rules 36–37)', () => {
  it("gives the property company's desk to the company registered last, until its last contract ends", () => {
    const fold = (events: PropertyServiceEvent[]) =>
      events.reduce(propertyServiceDecider.evolve, propertyServiceDecider.initialState());
    // A company is registered: its staff serve before and during its contract, not after it ends.
    expect(servingCompany(fold([]), at('2026-10-30T00:00:00Z'))).toBeNull();
    expect(servingCompany(fold([company]), at('2026-10-30T00:00:00Z'))).toBe('co1');
    expect(servingCompany(fold([company, signed]), at('2026-10-30T00:00:00Z'))).toBe('co1');
    expect(servingCompany(fold([company, signed]), at('2026-12-31T23:59:59Z'))).toBe('co1');
    expect(servingCompany(fold([company, signed]), at('2027-01-01T00:00:00Z'))).toBeNull();
    // Another company registered ends the former's desk at once, even with its contract in force.
    const next: PropertyServiceEvent = {
      type: 'PropertyCompanyRegistered',
      data: {
        companyId: '2',
        name: '新物业',
        creditCode: '91370100MA3C000002',
        registeredAt: '2026-11-20T00:00:00.000Z',
      },
    };
    expect(servingCompany(fold([company, signed, next]), at('2026-11-21T00:00:00Z'))).toBe('2');
  });

  it('signs a contract whose items the passed menu vote offered, citing the vote', () =>
    given([company]).when(sign()).then([signed]));

  it('refuses a contract citing a vote that is no passed SERVICE_MENU, or an option it never offered', () => {
    given([company])
      .when(sign({ menu: { ...menu, matter: 'SURVEY' } }))
      .thenRefuses('NOT_A_MENU_VOTE');
    given([company])
      .when(sign({ menu: { ...menu, outcome: 'NO_QUORUM' } }))
      .thenRefuses('MENU_VOTE_NOT_PASSED');
    given([company])
      .when(sign({ items: [{ itemId: 'x', name: '保安', standard: '24小时', menuOptionId: 'security' }] }))
      .thenRefuses('UNKNOWN_OPTION');
    given([company])
      .when(sign({ menu: null, items: [{ itemId: 'x', name: '保安', standard: '24小时', menuOptionId: 'security' }] }))
      .thenRefuses('MENU_VOTE_REQUIRED');
  });

  it('refuses periods that leave a gap, a company not registered, weights not summing to 100, and an overlapping contract', () => {
    given([company])
      .when(
        sign({
          periods: [{ periodId: 'p', startsAt: at('2026-11-01T00:00:00Z'), endsAt: at('2026-12-01T00:00:00Z') }],
        }),
      )
      .thenRefuses('INVALID_PERIODS');
    given([]).when(sign()).thenRefuses('COMPANY_NOT_FOUND');
    given([company])
      .when(sign({ formula: { ...FORMULA, weights: { survey: 50, onTime: 30, satisfaction: 30 } } }))
      .thenRefuses('INVALID_FORMULA');
    given([company, signed])
      .when(sign({ contractId: 'k2' }))
      .thenRefuses('CONTRACT_OVERLAPS');
  });

  it("scores a period exactly by the contract's formula and withholds the band's share, rounded down to the fen", () => {
    // survey: (3/4 + 1/4) / 2 = 1/2 → 20; on time 8/10 → 24; satisfaction 5/6 → 25. Score 69: under 75, over 60: 30 % withheld.
    given([company, signed])
      .when(assessCommand())
      .then([
        {
          type: 'ServiceAssessmentPublished',
          data: {
            assessmentId: 'a1',
            contractId: 'k1',
            periodId: '2026-11',
            items: [
              { itemId: 'cleaning', resolutionId: 'r-s1', satisfiedHeads: 3, participatedHeads: 4 },
              { itemId: 'parking', resolutionId: 'r-s2', satisfiedHeads: 1, participatedHeads: 4 },
            ],
            requests: { counted: 10, onTime: 8, rated: 6, satisfied: 5 },
            score: '69/1',
            points: '69.00',
            withholdPercent: 30,
            feeFen: '1000001',
            withheldFen: '300000',
            payableFen: '700001',
            assessedAt: '2026-12-03T00:00:00.000Z',
          },
        },
      ]);
  });

  it('compares a score with a band exactly: 90 is not below 90, a hair under is', () => {
    const items = [{ itemId: 'i', resolutionId: 'r', satisfiedHeads: 1, participatedHeads: 1 }];
    const requests = (onTime: number) => ({ counted: 3, onTime, rated: 0, satisfied: 0 });
    const formula = {
      weights: { survey: 70, onTime: 30, satisfaction: 0 },
      bands: [{ below: 90, withholdPercent: 10 }],
    };
    // 70 + 30 × 2/3 = 90 exactly.
    expect(assess(formula, items, requests(2), 100n)).toMatchObject({ score: fraction(90, 1), withholdPercent: 0 });
    expect(
      assess({ ...formula, weights: { survey: 69, onTime: 31, satisfaction: 0 } }, items, requests(2), 100n),
    ).toMatchObject({
      withholdPercent: 10,
      withheldFen: 10n,
    });
  });

  it('assesses a period only once it is over, with one closed SURVEY per item', () => {
    given([company, signed]).when(assessCommand('2026-11-30T23:59:59Z')).thenRefuses('PERIOD_NOT_OVER');
    const d = (assessCommand() as Extract<PropertyServiceCommand, { type: 'PublishAssessment' }>).data;
    const withSurveys = (surveys: typeof d.surveys): PropertyServiceCommand => ({
      type: 'PublishAssessment',
      data: { ...d, surveys },
    });
    given([company, signed])
      .when(withSurveys([d.surveys[0]]))
      .thenRefuses('SURVEY_MISSING');
    given([company, signed])
      .when(
        withSurveys([d.surveys[0], { itemId: 'parking', vote: { ...survey('r-m', 1, 1), matter: 'SERVICE_MENU' } }]),
      )
      .thenRefuses('NOT_A_SURVEY');
    given([company, signed])
      .when(
        withSurveys([
          d.surveys[0],
          { itemId: 'parking', vote: { ...survey('r-o', 1, 1), status: 'open', closedAt: null } },
        ]),
      )
      .thenRefuses('SURVEY_NOT_CLOSED');
  });

  it('releases a fee only after its assessment is published, withholding its share, once (先体验后付费)', () => {
    const release: PropertyServiceCommand = {
      type: 'ReleaseFee',
      data: { releaseId: 'f1', contractId: 'k1', periodId: '2026-11', now: at('2026-12-04T00:00:00Z') },
    };
    given([company, signed]).when(release).thenRefuses('ASSESSMENT_NOT_PUBLISHED');
    const assessed = propertyServiceDecider.decide(
      assessCommand(),
      [company, signed].reduce(propertyServiceDecider.evolve, propertyServiceDecider.initialState()),
    );
    const released: PropertyServiceEvent = {
      type: 'ServiceFeeReleased',
      data: {
        releaseId: 'f1',
        contractId: 'k1',
        periodId: '2026-11',
        assessmentId: 'a1',
        feeFen: '1000001',
        releasedFen: '700001',
        withheldFen: '300000',
        releasedAt: '2026-12-04T00:00:00.000Z',
      },
    };
    given([company, signed, ...assessed])
      .when(release)
      .then([released]);
    given([company, signed, ...assessed, released])
      .when(release)
      .thenRefuses('FEE_ALREADY_RELEASED');
  });
});
