import { rulebookById } from '../governance/rulebooks.js';
import { bodyInOffice, emptyView, evolveView, formationRate, type ViewEvent } from './committee-view.js';
import { checkPmcComposition, type PmcRole } from '../governance/committee-size.js';

const at = '2026-01-01T00:00:00.000Z';
const CLOSE = '00000000-0000-4000-8000-000000000001';
const fold = (events: ViewEvent[]) => events.reduce((v, e) => evolveView(v, e, at), emptyView('c1'));
const pmc: ViewEvent = {
  type: 'ManagingBodyAppointed',
  data: {
    kind: 'PMC',
    members: [{ memberId: 'm1', name: '主任', role: 'CHAIR_RESIDENTS_COMMITTEE' }],
    appointedAt: at,
    termEndsAt: '2029-01-01T00:00:00.000Z',
  },
};
const cand = (n: number) => ({ candidateId: `C${n}`, name: `委员${n}`, ownerId: `O${n}` });
const heldEvent: ViewEvent = {
  type: 'ElectionHeld',
  data: {
    electionId: 'e1',
    title: 't',
    closedAt: '2026-02-04T10:00:00.000Z',
    outcome: 'ELECTED',
    seats: 5,
    elected: [1, 2, 3, 4, 5].map(cand),
    alternates: [],
    unfilledSeats: 0,
    closeEventId: CLOSE,
    termYears: 5,
    filingDueBy: '2026-03-06T10:00:00.000Z',
    rulebook: 'CN-BEIJING-2020',
    rulebookVersion: '1.0.0',
  },
};
const filedEvent: ViewEvent = {
  type: 'CommitteeFiled',
  data: {
    electionId: 'e1',
    closeEventId: CLOSE,
    filedAt: '2026-02-10T00:00:00.000Z',
    filedBy: 'r',
    seats: 5,
    members: [1, 2, 3, 4, 5].map(cand),
    alternates: [],
    electedAt: '2026-02-04T10:00:00.000Z',
    termEndsAt: '2031-02-04T10:00:00.000Z',
    late: false,
    supersedes: { kind: 'PMC', since: at },
    pmcDissolveBy: '2026-03-12T00:00:00.000Z',
  },
};

describe('the governing body in office (rules 14, 16, 17)', () => {
  it('a PMC serves until an elected committee is filed', () => {
    expect(bodyInOffice(fold([pmc]), new Date('2026-02-01T00:00:00Z')).kind).toBe('PMC');
    expect(bodyInOffice(fold([pmc, heldEvent]), new Date('2026-02-05T00:00:00Z'))).toMatchObject({
      kind: 'PMC',
      filingStatus: 'PENDING',
      overdue: [],
    });
    expect(bodyInOffice(fold([pmc, heldEvent, filedEvent]), new Date('2026-02-11T00:00:00Z'))).toMatchObject({
      kind: 'COMMITTEE',
      filingStatus: 'FILED',
      overdue: [],
    });
  });

  it('rule 16: an election not filed within 30 days shows as overdue', () => {
    expect(bodyInOffice(fold([pmc, heldEvent]), new Date('2026-03-06T10:00:00Z')).overdue).toEqual([]);
    expect(bodyInOffice(fold([pmc, heldEvent]), new Date('2026-03-06T10:00:01Z')).overdue).toEqual([
      'COMMITTEE_FILING_OVERDUE',
    ]);
  });

  it('rule 17: a PMC not dissolved within 30 days of the filing shows as overdue', () => {
    expect(bodyInOffice(fold([pmc, heldEvent, filedEvent]), new Date('2026-03-12T00:00:01Z')).overdue).toEqual([
      'PMC_DISSOLUTION_OVERDUE',
    ]);
    const dissolved: ViewEvent = {
      type: 'PmcDissolved',
      data: {
        pmcAppointedAt: at,
        dissolvedAt: '2026-03-01T00:00:00.000Z',
        dueBy: '2026-03-12T00:00:00.000Z',
        late: false,
      },
    };
    expect(
      bodyInOffice(fold([pmc, heldEvent, filedEvent, dissolved]), new Date('2026-04-01T00:00:00Z')).overdue,
    ).toEqual([]);
  });

  it('rule 14: a committee past its term is no longer in office', () => {
    expect(bodyInOffice(fold([pmc, heldEvent, filedEvent]), new Date('2031-02-04T09:59:59Z'))).toMatchObject({
      kind: 'COMMITTEE',
      committeeStatus: 'IN_OFFICE',
    });
    expect(bodyInOffice(fold([pmc, heldEvent, filedEvent]), new Date('2031-02-04T10:00:00Z'))).toMatchObject({
      kind: 'NONE',
      committeeStatus: 'TERM_EXPIRED',
      formed: false,
      overdue: ['PMC_DISSOLUTION_OVERDUE', 'COMMITTEE_TERM_EXPIRED'],
    });
  });

  it('rule 30: a PMC past its term is not formed; in its term it is', () => {
    expect(bodyInOffice(fold([pmc]), new Date('2028-12-31T23:59:59Z')).formed).toBe(true);
    expect(bodyInOffice(fold([pmc]), new Date('2029-01-01T00:00:00Z'))).toMatchObject({ kind: 'PMC', formed: false });
  });

  it('rule 29: a committee flagged by its last change of members owes a by-election while in office', () => {
    const resigned: ViewEvent = {
      type: 'CommitteeMemberResigned',
      data: {
        ownerId: 'O1',
        resignedAt: '2027-01-01T00:00:00.000Z',
        steppedUp: null,
        resignedBy: 'O1',
        vacancy: { members: 4, emptySeats: 1, minimum: 5, byElectionDue: true },
      },
    };
    const view = fold([heldEvent, filedEvent, resigned]);
    expect(view.committee!.members).toHaveLength(4);
    expect(bodyInOffice(view, new Date('2027-01-02T00:00:00Z')).byElectionDue).toBe(true);
    expect(bodyInOffice(view, new Date('2031-02-04T10:00:00Z')).byElectionDue).toBe(false);
  });

  it('rule 17: a PMC past its 3-year term is shown as expired, until it is replaced', () => {
    expect(bodyInOffice(fold([pmc]), new Date('2028-12-31T23:59:59Z'))).toMatchObject({
      kind: 'PMC',
      pmcStatus: 'IN_OFFICE',
      overdue: [],
    });
    expect(bodyInOffice(fold([pmc]), new Date('2029-01-01T00:00:00Z'))).toMatchObject({
      kind: 'PMC',
      pmcStatus: 'TERM_EXPIRED',
      overdue: ['PMC_TERM_EXPIRED'],
    });
  });

  it('rule 17: a PMC superseded by a filed committee awaits dissolution, then is dissolved', () => {
    expect(bodyInOffice(fold([pmc, heldEvent, filedEvent]), new Date('2026-02-11T00:00:00Z')).pmcStatus).toBe(
      'AWAITING_DISSOLUTION',
    );
    const dissolved: ViewEvent = {
      type: 'PmcDissolved',
      data: {
        pmcAppointedAt: at,
        dissolvedAt: '2026-03-01T00:00:00.000Z',
        dueBy: '2026-03-12T00:00:00.000Z',
        late: false,
      },
    };
    expect(
      bodyInOffice(fold([pmc, heldEvent, filedEvent, dissolved]), new Date('2026-03-02T00:00:00Z')).pmcStatus,
    ).toBe('DISSOLVED');
  });

  it('rule 16: an unfiled election overtaken by a later filed one is no longer overdue', () => {
    const earlier: ViewEvent = {
      ...heldEvent,
      data: {
        ...heldEvent.data,
        electionId: 'e0',
        closedAt: '2025-06-01T00:00:00.000Z',
        filingDueBy: '2025-07-01T00:00:00.000Z',
      },
    };
    expect(bodyInOffice(fold([pmc, earlier]), new Date('2026-02-01T00:00:00Z')).overdue).toEqual([
      'COMMITTEE_FILING_OVERDUE',
    ]);
    expect(bodyInOffice(fold([pmc, earlier, heldEvent, filedEvent]), new Date('2026-02-11T00:00:00Z')).overdue).toEqual(
      [],
    );
  });
});

describe('formation rate', () => {
  it('is an exact fraction and a percentage with one decimal, rounded half up in integers', () => {
    expect(formationRate(1, 3)).toEqual({ formed: 1, total: 3, fraction: '1/3', percent: '33.3%' });
    expect(formationRate(2, 3)).toMatchObject({ percent: '66.7%' });
    expect(formationRate(1, 8)).toMatchObject({ percent: '12.5%' });
    expect(formationRate(1, 16)).toMatchObject({ percent: '6.3%' });
    expect(formationRate(3, 3)).toMatchObject({ percent: '100.0%' });
    expect(formationRate(0, 0)).toMatchObject({ percent: null });
  });
});

describe('PMC composition (rule 17)', () => {
  const beijing = rulebookById('CN-BEIJING-2020');
  const roles = (chair: number, owners: number, other: number): PmcRole[] => [
    ...Array<PmcRole>(chair).fill('CHAIR_RESIDENTS_COMMITTEE'),
    ...Array<PmcRole>(owners).fill('OWNER_REPRESENTATIVE'),
    ...Array<PmcRole>(other).fill('OTHER'),
  ];
  const code = (r: PmcRole[]) => {
    try {
      checkPmcComposition(beijing, r);
      return 'OK';
    } catch (e) {
      return (e as { code: string }).code;
    }
  };
  it.each([
    [roles(1, 4, 2), 'OK'],
    [roles(1, 3, 2), 'PMC_TOO_SMALL'],
    [roles(1, 4, 3), 'PMC_SIZE_EVEN'],
    [roles(0, 4, 3), 'PMC_CHAIR_REQUIRED'],
    [roles(2, 4, 1), 'PMC_CHAIR_REQUIRED'],
    [roles(1, 3, 3), 'PMC_TOO_FEW_OWNER_REPRESENTATIVES'],
    [roles(1, 6, 4), 'OK'],
  ])('%j → %s', (r, expected) => expect(code(r)).toBe(expected));
});
