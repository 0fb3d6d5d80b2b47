import { deciderSpec } from '../../../test/support/decider-spec.js';
import { committeeInOffice, governanceDecider, type GovernanceCommand } from './governance.js';
import type { GovernanceEvent } from './governance.events.js';
import type { ElectionResult } from './election-count.js';

const spec = deciderSpec(governanceDecider);
const cand = (n: number) => ({ candidateId: `C${n}`, name: `委员${n}`, ownerId: `O${n}` });
const result = (elected: number, alternates = 0, outcome: ElectionResult['outcome'] = 'ELECTED'): ElectionResult => ({
  rulebook: 'CN-BEIJING-2020',
  rulebookVersion: '1.0.0',
  eligible: { heads: 10, areaM2: '1000.00' },
  participated: { heads: 8, areaM2: '800.00' },
  participation: { required: '>=2/3', headsMet: true, areaMet: true },
  outcome,
  tieBreak: 'AREA_THEN_HEADS',
  seats: 5,
  alternateSeats: alternates,
  candidates: [],
  elected: Array.from({ length: elected }, (_, i) => cand(i + 1)),
  alternates: Array.from({ length: alternates }, (_, i) => cand(elected + i + 1)),
  unfilledSeats: 5 - elected,
  tiedAtCutoff: [],
});
const CLOSED = '2026-02-04T10:00:00.000Z';
const CLOSE_EVENT = '00000000-0000-4000-8000-000000000001';
const record = (r = result(5, 1), termYears = 5): GovernanceCommand => ({
  type: 'RecordElection',
  data: { electionId: 'e1', title: '选举', closedAt: CLOSED, closeEventId: CLOSE_EVENT, termYears, result: r },
});
const held = (r = result(5, 1)) => governanceDecider.decide(record(r), governanceDecider.initialState());
const file = (
  over: Partial<Extract<GovernanceCommand, { type: 'FileCommittee' }>['data']> = {},
): GovernanceCommand => ({
  type: 'FileCommittee',
  data: {
    electionId: 'e1',
    closeEventId: CLOSE_EVENT,
    decision: 'FILED',
    filedBy: 'street-office',
    households: 500,
    appointed: { kind: 'PREPARATORY_GROUP', appointedAt: '2026-01-01T00:00:00.000Z' },
    now: new Date('2026-02-10T00:00:00Z'),
    ...over,
  },
});

describe("the committee's life (DOMAIN.md rules 14, 16, 17)", () => {
  it('rule 16: a held election is due for filing within 30 days of its close', () => {
    expect(held()[0]).toMatchObject({
      type: 'ElectionHeld',
      data: { filingDueBy: '2026-03-06T10:00:00.000Z', elected: result(5).elected },
    });
  });

  it('recording the same election twice appends nothing', () => spec(held()).when(record()).then([]));

  it('rule 16: the street office files the committee; its term runs 5 years from the election', () => {
    spec(held())
      .when(file())
      .then([
        {
          type: 'CommitteeFiled',
          data: {
            electionId: 'e1',
            closeEventId: CLOSE_EVENT,
            filedAt: '2026-02-10T00:00:00.000Z',
            filedBy: 'street-office',
            seats: 5,
            members: result(5, 1).elected,
            alternates: result(5, 1).alternates,
            electedAt: CLOSED,
            termEndsAt: '2031-02-04T10:00:00.000Z',
            late: false,
            supersedes: { kind: 'PREPARATORY_GROUP', since: '2026-01-01T00:00:00.000Z' },
            pmcDissolveBy: null,
          },
        },
      ]);
  });

  it('rule 16: a filing after 30 days is allowed and marked late', () => {
    const [filed] = governanceDecider.decide(
      file({ now: new Date('2026-03-06T10:00:01Z') }),
      held().reduce(governanceDecider.evolve, governanceDecider.initialState()),
    );
    expect(filed).toMatchObject({ data: { late: true } });
  });

  it('rule 17: filing over a PMC sets the PMC to be dissolved within 30 days', () => {
    const [filed] = governanceDecider.decide(
      file({ appointed: { kind: 'PMC', appointedAt: '2025-01-01T00:00:00.000Z' } }),
      held().reduce(governanceDecider.evolve, governanceDecider.initialState()),
    );
    expect(filed).toMatchObject({ data: { pmcDissolveBy: '2026-03-12T00:00:00.000Z', supersedes: { kind: 'PMC' } } });
  });

  it('rule 14: the term runs as many years as the election was held for', () => {
    const h = governanceDecider.decide(record(result(5, 1), 3), governanceDecider.initialState());
    const [filed] = governanceDecider.decide(
      file(),
      h.reduce(governanceDecider.evolve, governanceDecider.initialState()),
    );
    expect(filed).toMatchObject({ data: { termEndsAt: '2029-02-04T10:00:00.000Z' } });
  });

  it.each(['FILED', 'REFUSED'] as const)(
    'rule 16: a decision (%s) naming another quorum record than the close is refused',
    (decision) =>
      spec(held())
        .when(file({ decision, reason: '选票签名存疑', closeEventId: '00000000-0000-4000-8000-000000000999' }))
        .thenRefuses('QUORUM_RECORD_MISMATCH', new RegExp(CLOSE_EVENT)),
  );

  it('rule 16: refusing needs a reason', () =>
    spec(held())
      .when(file({ decision: 'REFUSED', reason: '  ' }))
      .thenRefuses('REASON_REQUIRED'));
  it('rule 16: a refusal with a reason is recorded', () => {
    spec(held())
      .when(file({ decision: 'REFUSED', reason: '选票签名存疑' }))
      .then([
        {
          type: 'CommitteeFilingRefused',
          data: {
            electionId: 'e1',
            closeEventId: CLOSE_EVENT,
            refusedAt: '2026-02-10T00:00:00.000Z',
            refusedBy: 'street-office',
            reason: '选票签名存疑',
          },
        },
      ]);
  });
  it('an election that has not closed cannot be filed', () => spec([]).when(file()).thenRefuses('ELECTION_NOT_HELD'));
  it('an election is decided on once', () => {
    const filed = governanceDecider.decide(
      file(),
      held().reduce(governanceDecider.evolve, governanceDecider.initialState()),
    );
    spec([...held(), ...filed])
      .when(file())
      .thenRefuses('FILING_ALREADY_DECIDED');
  });
  it('rule 14: four of five seats filled is no lawful committee to file', () =>
    spec(held(result(4)))
      .when(file())
      .thenRefuses('COMMITTEE_INCOMPLETE'));
  it('a NO_QUORUM election elected nobody to file', () =>
    spec(held(result(0, 0, 'NO_QUORUM')))
      .when(file())
      .thenRefuses('NOBODY_ELECTED'));

  const filedHistory = (): GovernanceEvent[] => {
    const h = held();
    return [
      ...h,
      ...governanceDecider.decide(file(), h.reduce(governanceDecider.evolve, governanceDecider.initialState())),
    ];
  };

  const resign = (
    ownerId: string,
    now = new Date('2027-01-01T00:00:00Z'),
    resignedBy: string | null = ownerId,
  ): GovernanceCommand => ({
    type: 'ResignFromCommittee',
    data: { ownerId, resignedBy, households: 500, now },
  });
  const filedWith = (r: ElectionResult): GovernanceEvent[] => {
    const h = held(r);
    return [
      ...h,
      ...governanceDecider.decide(file(), h.reduce(governanceDecider.evolve, governanceDecider.initialState())),
    ];
  };

  it('rule 14: a member resigns and the first alternate steps up; the committee stays whole', () => {
    spec(filedHistory())
      .when(resign('O2'))
      .then([
        {
          type: 'CommitteeMemberResigned',
          data: {
            ownerId: 'O2',
            resignedAt: '2027-01-01T00:00:00.000Z',
            steppedUp: cand(6),
            resignedBy: 'O2',
            vacancy: { members: 5, emptySeats: 0, minimum: 5, byElectionDue: false },
          },
        },
      ]);
  });
  it('rule 29: with no alternate left, a resignation leaves the seat empty, the committee below its size, and a by-election of one seat due', () => {
    spec(filedWith(result(5, 0)))
      .when(resign('O1'))
      .then([
        {
          type: 'CommitteeMemberResigned',
          data: {
            ownerId: 'O1',
            resignedAt: '2027-01-01T00:00:00.000Z',
            steppedUp: null,
            resignedBy: 'O1',
            vacancy: { members: 4, emptySeats: 1, minimum: 5, byElectionDue: true },
          },
        },
      ]);
  });
  it('rule 29: a member resigns only themself: resigning another member is refused', () =>
    spec(filedHistory())
      .when(resign('O2', undefined, 'O1'))
      .thenRefuses('RESIGNATION_OF_ANOTHER'));
  it('rule 29: an account that stands for no elected member resigns nobody', () =>
    spec(filedHistory())
      .when(resign('O2', undefined, null))
      .thenRefuses('RESIGNATION_OF_ANOTHER'));
  it('rule 14: once the term has ended nobody resigns from it', () =>
    spec(filedHistory())
      .when(resign('O2', new Date('2031-02-04T10:00:00Z')))
      .thenRefuses('COMMITTEE_TERM_EXPIRED'));
  it('nobody resigns before a committee is filed', () =>
    spec(held())
      .when(resign('O2', new Date('2026-03-01T00:00:00Z')))
      .thenRefuses('NO_COMMITTEE'));
  it('a non-member cannot resign', () => spec(filedHistory()).when(resign('O9')).thenRefuses('NOT_A_MEMBER'));

  const removal = (ownerId: string, resolutionId = 'r1'): GovernanceCommand => ({
    type: 'RemoveCommitteeMember',
    data: {
      ownerId,
      resolutionId,
      closeEventId: CLOSE_EVENT,
      recordedBy: 'acct',
      households: 500,
      now: new Date('2027-01-01T00:00:00Z'),
    },
  });
  it('rule 29 (罢免): the owners remove a member by a passed resolution; the first alternate steps up', () => {
    spec(filedHistory())
      .when(removal('O3'))
      .then([
        {
          type: 'CommitteeMemberRemoved',
          data: {
            ownerId: 'O3',
            resolutionId: 'r1',
            closeEventId: CLOSE_EVENT,
            removedAt: '2027-01-01T00:00:00.000Z',
            recordedBy: 'acct',
            steppedUp: cand(6),
            vacancy: { members: 5, emptySeats: 0, minimum: 5, byElectionDue: false },
          },
        },
      ]);
  });
  it('rule 29: one resolution removes once', () => {
    const h = filedHistory();
    const removed = governanceDecider.decide(
      removal('O3'),
      h.reduce(governanceDecider.evolve, governanceDecider.initialState()),
    );
    spec([...h, ...removed])
      .when(removal('O4'))
      .thenRefuses('REMOVAL_ALREADY_RECORDED');
  });

  it('rule 29: seven seats, no alternates: two resignations leave five, odd and lawful: no by-election is due', () => {
    const seven = {
      ...result(7, 0),
      seats: 7,
      elected: Array.from({ length: 7 }, (_, i) => cand(i + 1)),
      unfilledSeats: 0,
    };
    const h = filedWith(seven);
    const first = governanceDecider.decide(
      resign('O1'),
      h.reduce(governanceDecider.evolve, governanceDecider.initialState()),
    );
    expect(first[0]).toMatchObject({ data: { vacancy: { members: 6, emptySeats: 1, byElectionDue: true } } });
    spec([...h, ...first])
      .when(resign('O2'))
      .then([
        expect.objectContaining({
          data: expect.objectContaining({ vacancy: { members: 5, emptySeats: 2, minimum: 5, byElectionDue: false } }),
        }) as GovernanceEvent,
      ]);
  });

  const BY = '00000000-0000-4000-8000-000000000002';
  const byElectionHeld = (elected: number, now = '2027-03-01T00:00:00.000Z'): GovernanceEvent[] => {
    const r = {
      ...result(elected, 0),
      seats: 1,
      elected: Array.from({ length: elected }, (_, i) => cand(20 + i)),
      unfilledSeats: 1 - elected,
    };
    return governanceDecider.decide(
      {
        type: 'RecordElection',
        data: {
          electionId: 'by1',
          title: '补选',
          closedAt: now,
          closeEventId: BY,
          termYears: 5,
          result: r,
          byElection: { committeeElectionId: 'e1', termEndsAt: '2031-02-04T10:00:00.000Z' },
        },
      },
      governanceDecider.initialState(),
    );
  };
  it('rule 29: filing a by-election adds the elected to the committee in office, for the rest of its term', () => {
    const h = filedWith(result(5, 0));
    const resigned = governanceDecider.decide(
      resign('O1'),
      h.reduce(governanceDecider.evolve, governanceDecider.initialState()),
    );
    const given = [...h, ...resigned, ...byElectionHeld(1)];
    spec(given)
      .when(file({ electionId: 'by1', closeEventId: BY, now: new Date('2027-03-05T00:00:00Z') }))
      .then([
        {
          type: 'ByElectionFiled',
          data: {
            electionId: 'by1',
            closeEventId: BY,
            filedAt: '2027-03-05T00:00:00.000Z',
            filedBy: 'street-office',
            joined: [cand(20)],
            alternates: [],
            late: false,
            vacancy: { members: 5, emptySeats: 0, minimum: 5, byElectionDue: false },
          },
        },
      ]);
    const after = [
      ...given,
      ...governanceDecider.decide(
        file({ electionId: 'by1', closeEventId: BY, now: new Date('2027-03-05T00:00:00Z') }),
        given.reduce(governanceDecider.evolve, governanceDecider.initialState()),
      ),
    ];
    const state = after.reduce(governanceDecider.evolve, governanceDecider.initialState());
    expect(state.committee!.members.map((m) => m.ownerId)).toEqual(['O2', 'O3', 'O4', 'O5', 'O20']);
    expect(state.committee!.termEndsAt).toBe('2031-02-04T10:00:00.000Z');
  });
  it('rule 29: a by-election of a committee no longer in office joins nothing', () =>
    spec([...byElectionHeld(1)])
      .when(file({ electionId: 'by1', closeEventId: BY }))
      .thenRefuses('NO_COMMITTEE'));
  it('rule 29: a tie for the last seat is recorded as a run-off due', () => {
    const tied = { ...result(4, 0), tiedAtCutoff: ['C5', 'C6'] };
    expect(held(tied)[0]).toMatchObject({ type: 'ElectionHeld', data: { unfilledSeats: 1, runOffDue: ['C5', 'C6'] } });
  });

  it('rule 17: dissolving a PMC after the 30 days is recorded as late', () => {
    const h = held();
    const filed = governanceDecider.decide(
      file({ appointed: { kind: 'PMC', appointedAt: '2025-01-01T00:00:00.000Z' } }),
      h.reduce(governanceDecider.evolve, governanceDecider.initialState()),
    );
    spec([...h, ...filed])
      .when({
        type: 'DissolvePmc',
        data: { pmc: { kind: 'PMC', appointedAt: '2025-01-01T00:00:00.000Z' }, now: new Date('2026-03-12T00:00:01Z') },
      })
      .then([
        {
          type: 'PmcDissolved',
          data: {
            pmcAppointedAt: '2025-01-01T00:00:00.000Z',
            dissolvedAt: '2026-03-12T00:00:01.000Z',
            dueBy: '2026-03-12T00:00:00.000Z',
            late: true,
          },
        },
      ]);
  });
  it('rule 17: there is no PMC to dissolve where a preparatory group serves', () =>
    spec([])
      .when({ type: 'DissolvePmc', data: { pmc: { kind: 'PREPARATORY_GROUP', appointedAt: 'x' }, now: new Date() } })
      .thenRefuses('NO_PMC'));
});

describe('rule 17: whether an elected committee is in office (what appointing a body asks)', () => {
  const filed = () => {
    const events = [
      ...held(),
      ...governanceDecider.decide(file(), governanceDecider.evolve(governanceDecider.initialState(), held()[0])),
    ];
    return events.reduce(governanceDecider.evolve, governanceDecider.initialState());
  };
  it('none before a filing', () =>
    expect(
      committeeInOffice(
        held().reduce(governanceDecider.evolve, governanceDecider.initialState()),
        new Date('2026-02-10T00:00:00Z'),
      ),
    ).toBe(false));
  it('one from the filing until the last instant before its term ends, none from then on', () => {
    const state = filed();
    const ends = state.committee!.termEndsAt;
    expect(ends).toBe('2031-02-04T10:00:00.000Z');
    expect(committeeInOffice(state, new Date('2026-02-10T00:00:00Z'))).toBe(true);
    expect(committeeInOffice(state, new Date(Date.parse(ends) - 1))).toBe(true);
    expect(committeeInOffice(state, new Date(ends))).toBe(false);
  });
});
