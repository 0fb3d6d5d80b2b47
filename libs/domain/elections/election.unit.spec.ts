import { deciderSpec } from '../../../test/support/decider-spec.js';
import type { Voter } from '../registry/counting.js';
import { countedIndexes } from '../governance/counted-ballots.js';
import { electionDecider, liveElectionBallotPlaces, type ElectionCommand, type ElectionState } from './election.js';
import type { ElectionEvent } from './election.events.js';

const spec = deciderSpec(electionDecider);
const NOW = new Date('2026-01-05T01:00:00Z');
const cand = (id: string, ownerId = `O${id}`) => ({ candidateId: id, name: `候选人${id}`, ownerId });
const owners = new Set(['O1', 'O2', 'O3', 'O4', 'O5', 'O6', 'O7']);

const draft = (over: Partial<Extract<ElectionCommand, { type: 'DraftElection' }>['data']> = {}): ElectionCommand => ({
  type: 'DraftElection',
  data: {
    electionId: 'e1',
    communityId: 'c1',
    title: '业委会选举',
    seats: 5,
    alternates: 0,
    candidates: ['1', '2', '3', '4', '5', '6'].map((id) => cand(id)),
    rulebook: 'CN-BEIJING-2020',
    households: 500,
    ownerIds: owners,
    opensAt: new Date('2026-01-25T01:00:00Z'),
    closesAt: new Date('2026-02-04T10:00:00Z'),
    now: NOW,
    ...over,
  },
});

const drafted = electionDecider.decide(draft(), electionDecider.initialState());
const voters: Voter[] = [1, 2, 3, 4, 5, 6, 7].map((n) => ({
  voterId: `O${n}`,
  representativeId: `O${n}`,
  ownerIds: [`O${n}`],
  unitIds: [`u${n}`],
  area: 10000n,
}));
const opened: ElectionEvent[] = [
  ...drafted,
  { type: 'ElectionPosted', data: { postedAt: '2026-01-05T01:00:00.000Z' } },
  ...electionDecider.decide(
    { type: 'OpenElection', data: { voters, rosterHash: 'h', now: new Date('2026-01-25T01:00:00Z') } },
    [...drafted, { type: 'ElectionPosted', data: { postedAt: '2026-01-05T01:00:00.000Z' } } as ElectionEvent].reduce(
      electionDecider.evolve,
      electionDecider.initialState(),
    ),
  ),
];
const cast = (ownerId: string, selections: string[], at = '2026-01-26T01:00:00Z'): ElectionCommand => ({
  type: 'CastElectionBallot',
  data: { ownerId, selections, channel: 'ONLINE', castBy: `acct-${ownerId}`, now: new Date(at) },
});

const ROOT = 'c0'.repeat(32);
const stateOf = (events: ElectionEvent[]): ElectionState =>
  events.reduce(electionDecider.evolve, electionDecider.initialState());
const ballotsIn = (state: ElectionState) => {
  let n = 0;
  for (let node = state.status === 'open' || state.status === 'closed' ? state.ballots : null; node; node = node.next)
    n++;
  return n;
};
/** A close as the handler sends it: a root over the live ballots (any root stands in: the domain cannot hash), its tree's size, the record's length. */
const closeAt = (at: string, state: ElectionState): ElectionCommand => ({
  type: 'CloseElection',
  data: {
    now: new Date(at),
    counted: {
      root: ROOT,
      size: countedIndexes(liveElectionBallotPlaces(state)).length,
      ballotsInRecord: ballotsIn(state),
    },
  },
});

describe("an election of the owners' committee (DOMAIN.md rules 14, 15)", () => {
  it("rule 8: posted less than the rulebook's 15 days before opening is refused, naming the days and the earliest opening", () =>
    spec(drafted)
      .when({ type: 'PostElection', data: { now: new Date('2026-01-10T01:00:00.001Z') } })
      .thenRefuses('POSTING_PERIOD_TOO_SHORT', /2026-01-25T01:00:00\.001Z/, {
        earliestOpensAt: '2026-01-25T01:00:00.001Z',
        postingPeriodDays: 15,
      }));
  it('rule 14: an even number of seats is refused', () =>
    spec([])
      .when(draft({ seats: 6 }))
      .thenRefuses('COMMITTEE_SIZE_EVEN'));
  it('rule 14: fewer than 5 seats is refused in a community of more than 100 households', () =>
    spec([])
      .when(draft({ seats: 3 }))
      .thenRefuses('COMMITTEE_TOO_SMALL'));
  it('rule 14: 3 seats are allowed where there are at most 100 households', () => {
    expect(electionDecider.decide(draft({ seats: 3, households: 100 }), electionDecider.initialState())[0].type).toBe(
      'ElectionDrafted',
    );
  });
  it('rule 14: 101 households need 5', () =>
    spec([])
      .when(draft({ seats: 3, households: 101 }))
      .thenRefuses('COMMITTEE_TOO_SMALL'));
  it('rule 14: more alternates than members is refused', () =>
    spec([])
      .when(draft({ seats: 5, alternates: 6 }))
      .thenRefuses('TOO_MANY_ALTERNATES'));
  it("rule 14: the term defaults to the rulebook's maximum, 5 years", () => {
    expect(electionDecider.decide(draft(), electionDecider.initialState())[0]).toMatchObject({
      data: { termYears: 5 },
    });
  });
  it('rule 14: a shorter term may be chosen', () => {
    expect(electionDecider.decide(draft({ termYears: 3 }), electionDecider.initialState())[0]).toMatchObject({
      data: { termYears: 3 },
    });
  });
  it('rule 14: a term over 5 years is refused', () =>
    spec([])
      .when(draft({ termYears: 6 }))
      .thenRefuses('TERM_TOO_LONG', /1 to 5 years/));
  it('rule 14: a term of no years is refused', () =>
    spec([])
      .when(draft({ termYears: 0 }))
      .thenRefuses('TERM_TOO_LONG'));
  it('a candidate who is not an owner of the community is refused', () =>
    spec([])
      .when(draft({ candidates: [cand('1'), cand('X', 'O-nobody')] }))
      .thenRefuses('CANDIDATE_NOT_AN_OWNER', /O-nobody/));
  it('the same owner may not stand twice', () =>
    spec([])
      .when(draft({ candidates: [cand('1'), cand('2', 'O1')] }))
      .thenRefuses('DUPLICATE_CANDIDATE'));

  it('rule 8: opening before posting is refused', () =>
    spec(drafted)
      .when({ type: 'OpenElection', data: { voters, rosterHash: 'h', now: new Date('2026-01-25T01:00:00Z') } })
      .thenRefuses('NOT_POSTED'));

  it('an owner approves up to `seats` candidates', () => {
    spec(opened)
      .when(cast('O1', ['1', '2']))
      .then([
        {
          type: 'ElectionBallotCast',
          data: {
            ownerId: 'O1',
            voterIds: ['O1'],
            selections: ['1', '2'],
            channel: 'ONLINE',
            castBy: 'acct-O1',
            evidenceSha256: null,
            castAt: '2026-01-26T01:00:00.000Z',
          },
        },
      ]);
  });
  it('a ballot with seats + 1 selections is refused', () =>
    spec(opened)
      .when(cast('O1', ['1', '2', '3', '4', '5', '6']))
      .thenRefuses('TOO_MANY_SELECTIONS'));
  it('a ballot naming someone who does not stand is refused', () =>
    spec(opened)
      .when(cast('O1', ['9']))
      .thenRefuses('UNKNOWN_CANDIDATE'));
  it("a paper ballot needs the scan's SHA-256 (rule 11)", () =>
    spec(opened)
      .when({
        type: 'CastElectionBallot',
        data: { ownerId: 'O1', selections: ['1'], channel: 'PAPER', castBy: 'c', now: NOW },
      })
      .thenRefuses('EVIDENCE_REQUIRED'));
  it('an owner not on the frozen roster has no ballot (rule 4)', () =>
    spec(opened)
      .when(cast('O9', ['1']))
      .thenRefuses('NOT_A_VOTER'));

  it('rule 9: a later ballot replaces the earlier one in the count', () => {
    const ballots = [1, 2, 3, 4, 5].flatMap((n) =>
      electionDecider.decide(
        cast(`O${n}`, ['1', '2', '3', '4', '5']),
        opened.reduce(electionDecider.evolve, electionDecider.initialState()),
      ),
    );
    const changed = electionDecider.decide(
      cast('O1', ['6']),
      [...opened, ...ballots].reduce(electionDecider.evolve, electionDecider.initialState()),
    );
    const state = [...opened, ...ballots, ...changed].reduce(electionDecider.evolve, electionDecider.initialState());
    const [closed] = electionDecider.decide(closeAt('2026-02-04T10:00:00Z', state), state);
    if (closed.type !== 'ElectionClosed') throw new Error('expected a close');
    expect(closed.data.ballotsCounted).toBe(5);
    expect(closed.data.result.candidates.find((c) => c.candidateId === '6')!.approving).toEqual({
      heads: 1,
      areaM2: '100.00',
    });
    expect(closed.data.result.candidates.find((c) => c.candidateId === '1')!.approving).toEqual({
      heads: 4,
      areaM2: '400.00',
    });
    expect(closed.data.result.elected.map((c) => c.candidateId)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('rule 13: closing before closesAt is refused', () =>
    spec(opened)
      .when(closeAt('2026-02-04T09:59:59Z', stateOf(opened)))
      .thenRefuses('TOO_EARLY_TO_CLOSE'));

  it('rule 12: a ballot after the close is recorded as late, not counted', () => {
    const closed = [
      ...opened,
      ...electionDecider.decide(closeAt('2026-02-04T10:00:00Z', stateOf(opened)), stateOf(opened)),
    ];
    const [late] = electionDecider.decide(cast('O1', ['1'], '2026-02-04T10:00:01Z'), stateOf(closed));
    expect(late.type).toBe('LateElectionBallotRecorded');
  });

  it('issue 13: a second late ballot of the same voter is refused and records nothing', () => {
    const closed = [
      ...opened,
      ...electionDecider.decide(closeAt('2026-02-04T10:00:00Z', stateOf(opened)), stateOf(opened)),
    ];
    const late = [...closed, ...electionDecider.decide(cast('O1', ['1'], '2026-02-04T10:00:01Z'), stateOf(closed))];
    spec(late)
      .when(cast('O1', ['2'], '2026-02-04T10:00:02Z'))
      .thenRefuses('LATE_BALLOT_ALREADY_RECORDED');
    expect(electionDecider.decide(cast('O2', ['2'], '2026-02-04T10:00:02Z'), stateOf(late))[0].type).toBe(
      'LateElectionBallotRecorded',
    );
  });
});

describe('the close of an election commits to the ballots it counted', () => {
  const voted = [
    cast('O1', ['1']),
    cast('O2', ['2']),
    cast('O1', ['3']),
    {
      type: 'CastElectionBallot',
      data: {
        ownerId: 'O3',
        selections: ['1'],
        channel: 'PAPER',
        castBy: 'c',
        evidenceSha256: 'ab'.repeat(32),
        now: NOW,
      },
    } as ElectionCommand,
  ].reduce((events, command) => [...events, ...electionDecider.decide(command, stateOf(events))], opened);

  it('counts the latest ballot of each voter, paper or online, by its place in the record', () => {
    expect(Object.fromEntries(liveElectionBallotPlaces(stateOf(voted)))).toEqual({ O1: 2, O2: 1, O3: 3 });
  });

  it('records the counted root and its tree size', () => {
    spec(voted)
      .when({
        type: 'CloseElection',
        data: { now: new Date('2026-02-04T10:00:00Z'), counted: { root: ROOT, size: 3, ballotsInRecord: 4 } },
      })
      .then([
        expect.objectContaining({
          type: 'ElectionClosed',
          data: expect.objectContaining({ ballotsCounted: 3, countedRoot: ROOT, countedSize: 3 }),
        }),
      ]);
  });

  it('refuses a root computed over another record than the one it closes', () => {
    spec(voted)
      .when({
        type: 'CloseElection',
        data: { now: new Date('2026-02-04T10:00:00Z'), counted: { root: ROOT, size: 3, ballotsInRecord: 3 } },
      })
      .thenRefuses('BALLOTS_CHANGED');
    spec(voted)
      .when({
        type: 'CloseElection',
        data: { now: new Date('2026-02-04T10:00:00Z'), counted: { root: 'x', size: 3, ballotsInRecord: 4 } },
      })
      .thenRefuses('COUNTED_ROOT_REQUIRED');
  });
});

describe('rule 29: a by-election (补选) of the empty seats of the committee in office', () => {
  const committee = {
    electionId: 'e0',
    termEndsAt: '2030-01-01T00:00:00.000Z',
    emptySeats: 1,
    byElectionDue: true,
    memberOwnerIds: ['O1', 'O2', 'O3', 'O4'],
  };
  const byElection = (over: Partial<typeof committee> | null = {}) => ({
    committee: over === null ? null : { ...committee, ...over },
  });

  it("drafts an election of exactly the empty seat, for the rest of the committee's term", () => {
    const [event] = electionDecider.decide(
      draft({ seats: 1, candidates: [cand('5')], byElection: byElection() }),
      electionDecider.initialState(),
    );
    expect(event).toMatchObject({
      type: 'ElectionDrafted',
      data: { seats: 1, byElection: { committeeElectionId: 'e0', termEndsAt: '2030-01-01T00:00:00.000Z' } },
    });
  });
  it('refuses one seat without asking for a by-election (rule 14)', () =>
    spec([])
      .when(draft({ seats: 1, candidates: [cand('5')] }))
      .thenRefuses('COMMITTEE_TOO_SMALL'));
  it('refuses more seats than are empty', () =>
    spec([])
      .when(draft({ seats: 3, byElection: byElection() }))
      .thenRefuses('BY_ELECTION_SEATS'));
  it('refuses a by-election where none is due', () =>
    spec([])
      .when(draft({ seats: 1, byElection: byElection({ byElectionDue: false }) }))
      .thenRefuses('BY_ELECTION_NOT_DUE'));
  it('refuses a by-election with no committee in office', () =>
    spec([])
      .when(draft({ seats: 1, byElection: byElection(null) }))
      .thenRefuses('NO_COMMITTEE'));
  it('refuses a candidate who already sits', () =>
    spec([])
      .when(draft({ seats: 1, candidates: [cand('1')], byElection: byElection() }))
      .thenRefuses('CANDIDATE_ALREADY_A_MEMBER'));
});
