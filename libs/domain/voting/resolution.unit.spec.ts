import { deciderSpec } from '../../../test/support/decider-spec.js';
import type { Voter } from '../registry/counting.js';
import { fold } from '../shared/decider.js';
import { countedIndexes } from '../governance/counted-ballots.js';
import { ballotRecord, lateBallots, liveBallotPlaces, liveBallots } from './live-ballots.js';
import {
  resolutionDecider,
  tallyOfEvents,
  voterIdsOf,
  type ResolutionCommand,
  type ResolutionState,
} from './resolution.js';
import type { BallotData, ResolutionEvent } from './resolution.events.js';

const spec = deciderSpec(resolutionDecider);
/** The spec's given/when, with a close's counted root filled in over the given state when a test leaves it out. */
const given = (events: ResolutionEvent[]) => ({
  when: (command: ResolutionCommand) => spec(events).when(withCounted(command, stateOf(events))),
});

const DAY = 86_400_000;
const ms = (iso: string) => Date.parse(iso);
const date = (t: number) => new Date(t);

const POSTED_AT = ms('2026-03-01T00:00:00.000Z');
const OPENS_AT = ms('2026-03-20T01:00:00.000Z');
const CLOSES_AT = ms('2026-03-27T10:00:00.000Z');
const DURING = ms('2026-03-21T12:00:00.000Z');
const SCAN = 'ab'.repeat(32);
const PAPER_SCAN = 'cd'.repeat(32);
const ROSTER_HASH = 'ef'.repeat(32);

// O1 holds flat 1-101 alone and represents 2-201 with O5: two voters, one ballot. O3 co-owns 3-301 but
// O2 represents it.
const voters: Voter[] = [
  { voterId: 'O1', representativeId: 'O1', ownerIds: ['O1'], unitIds: ['1-101'], area: 15000n },
  { voterId: 'O1+O5', representativeId: 'O1', ownerIds: ['O1', 'O5'], unitIds: ['2-201'], area: 5000n },
  { voterId: 'O2+O3', representativeId: 'O2', ownerIds: ['O2', 'O3'], unitIds: ['3-301'], area: 8000n },
  { voterId: 'O4', representativeId: 'O4', ownerIds: ['O4'], unitIds: ['4-401'], area: 12000n },
];

type Draft = Extract<ResolutionCommand, { type: 'DraftResolution' }>['data'];
const draft = (over: Partial<Draft> = {}): ResolutionCommand => ({
  type: 'DraftResolution',
  data: {
    resolutionId: 'r1',
    communityId: 'lzy',
    title: '更换1号楼电梯',
    description: '使用专项维修资金更换1号楼两部电梯',
    matter: 'USE_MAINTENANCE_FUND',
    rulebook: 'CN-BEIJING-2020',
    opensAt: date(OPENS_AT),
    closesAt: date(CLOSES_AT),
    budget: { amount: 70_000_000n, fund: 'MAINTENANCE_FUND', buildings: ['1', '2', '3', '4'] },
    now: date(POSTED_AT - DAY),
    ...over,
  },
});

const drafted: ResolutionEvent = {
  type: 'ResolutionDrafted',
  data: {
    resolutionId: 'r1',
    communityId: 'lzy',
    title: '更换1号楼电梯',
    description: '使用专项维修资金更换1号楼两部电梯',
    matter: 'USE_MAINTENANCE_FUND',
    rulebook: 'CN-BEIJING-2020',
    rulebookVersion: '1.0.0',
    opensAt: '2026-03-20T01:00:00.000Z',
    closesAt: '2026-03-27T10:00:00.000Z',
    budget: { amount: '700000.00', fund: 'MAINTENANCE_FUND', units: null, buildings: ['1', '2', '3', '4'] },
    draftedAt: '2026-02-28T00:00:00.000Z',
  },
};
const draftedUnder = (rulebook: string, over: Partial<typeof drafted.data> = {}): ResolutionEvent => ({
  type: 'ResolutionDrafted',
  data: { ...drafted.data, rulebook, ...over },
});
const posted: ResolutionEvent = { type: 'ResolutionPosted', data: { postedAt: '2026-03-01T00:00:00.000Z' } };
const opened: ResolutionEvent = {
  type: 'ResolutionOpened',
  data: {
    openedAt: '2026-03-20T01:00:00.000Z',
    rosterHash: ROSTER_HASH,
    eligible: { heads: 4, areaM2: '400.00' },
    voters: [
      { voterId: 'O1', representativeId: 'O1', ownerIds: ['O1'], unitIds: ['1-101'], area: '150.00' },
      { voterId: 'O1+O5', representativeId: 'O1', ownerIds: ['O1', 'O5'], unitIds: ['2-201'], area: '50.00' },
      { voterId: 'O2+O3', representativeId: 'O2', ownerIds: ['O2', 'O3'], unitIds: ['3-301'], area: '80.00' },
      { voterId: 'O4', representativeId: 'O4', ownerIds: ['O4'], unitIds: ['4-401'], area: '120.00' },
    ],
    bearers: { units: [], buildings: ['1', '2', '3', '4'], unitIds: ['1-101', '2-201', '3-301', '4-401'] },
  },
};
const open = [drafted, posted, opened];
/** The roster's units, one a building: what a vote whose budget names buildings freezes its voters from (rule 25). */
const units = [
  { unitId: '1-101', building: '1', area: 15000n },
  { unitId: '2-201', building: '2', area: 5000n },
  { unitId: '3-301', building: '3', area: 8000n },
  { unitId: '4-401', building: '4', area: 12000n },
];

type Cast = Extract<ResolutionCommand, { type: 'CastBallot' }>['data'];
const cast = (ownerId: string, choice: string, over: Partial<Cast> = {}): ResolutionCommand => ({
  type: 'CastBallot',
  data: { ownerId, choice, channel: 'ONLINE', castBy: `acct-${ownerId}`, now: date(DURING), ...over },
});
const authorise = (
  ownerId: string,
  over: Partial<Extract<ResolutionCommand, { type: 'AuthoriseProxy' }>['data']> = {},
): ResolutionCommand => ({
  type: 'AuthoriseProxy',
  data: { ownerId, proxyOwnerId: 'O4', evidenceSha256: SCAN, now: date(POSTED_AT + DAY), ...over },
});
// The domain cannot hash: the handler computes the root over the stored ballots; here any root stands for it.
const COUNTED_ROOT = 'c0'.repeat(32);
const close = (t = CLOSES_AT): ResolutionCommand => ({
  type: 'CloseResolution',
  data: { now: date(t), counted: undefined as never },
});
/** What the close handler passes: a root over the live ballots, the tree's size and the record's length it was computed at. */
const countedOver = (state: ResolutionState) => ({
  root: COUNTED_ROOT,
  size: countedIndexes(liveBallotPlaces(state)).length,
  ballotsInRecord: state.status === 'open' || state.status === 'closed' ? state.ballotCount : 0,
});
function withCounted(command: ResolutionCommand, state: ResolutionState): ResolutionCommand {
  if (command.type !== 'CloseResolution' || command.data.counted !== undefined) return command;
  return { type: 'CloseResolution', data: { ...command.data, counted: countedOver(state) } };
}

/** The events that running `commands` in turn on `events` appends. */
function record(events: ResolutionEvent[], ...commands: ResolutionCommand[]): ResolutionEvent[] {
  let state = fold(resolutionDecider, resolutionDecider.initialState(), events);
  const all = [...events];
  for (const command of commands) {
    const appended = resolutionDecider.decide(withCounted(command, state), state);
    state = fold(resolutionDecider, state, appended);
    all.push(...appended);
  }
  return all;
}
const stateOf = (events: ResolutionEvent[]): ResolutionState =>
  fold(resolutionDecider, resolutionDecider.initialState(), events);
const choices = (events: ResolutionEvent[]) =>
  Object.fromEntries(liveBallots(stateOf(events)).map((b) => [b.voterId, `${b.choice} ${b.ballot.channel}`]));
const closedTally = (events: ResolutionEvent[]) => {
  const [closed] = resolutionDecider.decide(withCounted(close(), stateOf(events)), stateOf(events));
  if (closed.type !== 'ResolutionClosed') throw new Error('expected a close');
  return closed.data;
};

describe('drafting a resolution', () => {
  it('records the matter, budget and the rulebook id and version', () => {
    given([]).when(draft()).then([drafted]);
  });

  it('refuses to draft the same resolution twice', () => {
    given([drafted]).when(draft()).thenRefuses('RESOLUTION_EXISTS');
  });

  it('takes a title of 1 to 200 characters', () => {
    given([])
      .when(draft({ title: '议'.repeat(200) }))
      .then([draftedUnder('CN-BEIJING-2020', { title: '议'.repeat(200) })]);
    given([])
      .when(draft({ title: '议'.repeat(201) }))
      .thenRefuses('INVALID_TITLE', /1 to 200.*201/);
    given([])
      .when(draft({ title: '   ' }))
      .thenRefuses('INVALID_TITLE');
  });

  it("refuses a matter that is not one of DOMAIN.md's", () => {
    given([])
      .when(draft({ matter: 'BUY_A_YACHT' }))
      .thenRefuses('INVALID_MATTER', /BUY_A_YACHT.*USE_MAINTENANCE_FUND/);
  });

  it('refuses an unknown rulebook', () => {
    given([])
      .when(draft({ rulebook: 'CN-MARS-2099' }))
      .thenRefuses('UNKNOWN_RULEBOOK');
  });

  it('needs closesAt after opensAt', () => {
    given([])
      .when(draft({ closesAt: date(OPENS_AT) }))
      .thenRefuses('INVALID_PERIOD');
    given([])
      .when(draft({ closesAt: date(OPENS_AT + 1) }))
      .then([draftedUnder('CN-BEIJING-2020', { closesAt: '2026-03-20T01:00:00.001Z' })]);
  });

  it('needs a budget of more than 0 from the right fund for a matter that spends money', () => {
    given([])
      .when(draft({ budget: null }))
      .thenRefuses('BUDGET_REQUIRED', /MAINTENANCE_FUND/);
    given([])
      .when(draft({ budget: { amount: 0n, fund: 'MAINTENANCE_FUND' } }))
      .thenRefuses('BUDGET_REQUIRED');
    given([])
      .when(draft({ budget: { amount: 1n, fund: 'PUBLIC_REVENUE' } }))
      .thenRefuses('BUDGET_FUND_MISMATCH');
    given([])
      .when(draft({ matter: 'SPEND_PUBLIC_REVENUE', budget: { amount: 1n, fund: 'PUBLIC_REVENUE' } }))
      .then([
        draftedUnder('CN-BEIJING-2020', {
          matter: 'SPEND_PUBLIC_REVENUE',
          budget: { amount: '0.01', fund: 'PUBLIC_REVENUE', units: null, buildings: null },
        }),
      ]);
  });

  it('takes no budget for a matter that spends nothing', () => {
    given([])
      .when(draft({ matter: 'ELECT_COMMITTEE' }))
      .thenRefuses('BUDGET_NOT_ALLOWED');
    given([])
      .when(draft({ matter: 'RAISE_MAINTENANCE_FUND', budget: { amount: 1n, fund: 'MAINTENANCE_FUND' } }))
      .thenRefuses('BUDGET_NOT_ALLOWED');
  });
});

describe('posting (rule 8)', () => {
  const post = (t: number): ResolutionCommand => ({ type: 'PostResolution', data: { now: date(t) } });

  it('posts exactly 15 days before opening under the Beijing rulebook', () => {
    given([drafted])
      .when(post(OPENS_AT - 15 * DAY))
      .then([{ type: 'ResolutionPosted', data: { postedAt: '2026-03-05T01:00:00.000Z' } }]);
  });

  it("refuses a millisecond less, naming the earliest allowed opensAt and the rulebook's days", () => {
    given([drafted])
      .when(post(OPENS_AT - 15 * DAY + 1))
      .thenRefuses('POSTING_PERIOD_TOO_SHORT', /2026-03-20T01:00:00\.001Z/, {
        earliestOpensAt: '2026-03-20T01:00:00.001Z',
        postingPeriodDays: 15,
      });
  });

  it('needs no period under the Civil Code rulebook, only that the vote has not opened yet', () => {
    const civil = draftedUnder('CN-CIVIL-CODE-2021');
    given([civil])
      .when(post(OPENS_AT))
      .then([{ type: 'ResolutionPosted', data: { postedAt: '2026-03-20T01:00:00.000Z' } }]);
    given([civil])
      .when(post(OPENS_AT + 1))
      .thenRefuses('POSTING_PERIOD_TOO_SHORT', undefined, { postingPeriodDays: 0 });
  });

  it('posts only a draft', () => {
    given([drafted, posted]).when(post(POSTED_AT)).thenRefuses('RESOLUTION_ALREADY_POSTED');
    given(open).when(post(POSTED_AT)).thenRefuses('RESOLUTION_ALREADY_POSTED');
    given([]).when(post(POSTED_AT)).thenRefuses('RESOLUTION_NOT_FOUND');
  });
});

describe('opening freezes the roster (rule 4)', () => {
  const openAt = (t: number, list = voters): ResolutionCommand => ({
    type: 'OpenResolution',
    data: { voters: list, units, rosterHash: ROSTER_HASH, now: date(t) },
  });

  it('records the voters, their totals and the roster hash at opensAt', () => {
    given([drafted, posted]).when(openAt(OPENS_AT)).then([opened]);
  });

  it('refuses a vote that was never posted', () => {
    given([drafted])
      .when(openAt(OPENS_AT))
      .thenRefuses('NOT_POSTED', /nothing that was not posted may be voted on/);
  });

  it('opens once', () => {
    given(open).when(openAt(DURING)).thenRefuses('RESOLUTION_ALREADY_OPEN');
  });

  it('opens no earlier than opensAt and before closesAt', () => {
    given([drafted, posted])
      .when(openAt(OPENS_AT - 1))
      .thenRefuses('TOO_EARLY_TO_OPEN', /2026-03-20T01:00:00\.000Z/);
    given([drafted, posted]).when(openAt(CLOSES_AT)).thenRefuses('TOO_LATE_TO_OPEN');
  });

  it('refuses an empty roster, or one listing a voter twice', () => {
    given([drafted, posted]).when(openAt(OPENS_AT, [])).thenRefuses('EMPTY_ROSTER');
    given([drafted, posted])
      .when(openAt(OPENS_AT, [...voters, voters[0]]))
      .thenRefuses('DUPLICATE_VOTER');
  });

  it('counts under the version it was drafted with, or not at all', () => {
    given([draftedUnder('CN-BEIJING-2020', { rulebookVersion: '0.9.0' }), posted, opened])
      .when(close())
      .thenRefuses('RULEBOOK_VERSION_UNAVAILABLE', /0\.9\.0/);
  });

  it('rejects a stream whose frozen totals contradict its voters', () => {
    const forged: ResolutionEvent = {
      type: 'ResolutionOpened',
      data: { ...opened.data, eligible: { heads: 4, areaM2: '999.00' } },
    };
    expect(() => stateOf([drafted, posted, forged])).toThrow(/corrupt/);
  });
});

describe('casting a ballot (rules 9–12)', () => {
  const ballot = (over: Partial<BallotData>): BallotData => ({
    ownerId: 'O1',
    voterIds: ['O1', 'O1+O5'],
    choice: 'FOR',
    channel: 'ONLINE',
    castBy: 'acct-O1',
    proxyOwnerId: null,
    evidenceSha256: null,
    castAt: '2026-03-21T12:00:00.000Z',
    ...over,
  });

  it('casts for every voter the owner represents', () => {
    given(open)
      .when(cast('O1', 'FOR'))
      .then([{ type: 'BallotCast', data: ballot({}) }]);
    expect(voterIdsOf(stateOf(open), 'O1')).toEqual(['O1', 'O1+O5']);
  });

  it('takes no ballot before the vote opens', () => {
    given([drafted, posted]).when(cast('O1', 'FOR')).thenRefuses('RESOLUTION_NOT_OPEN');
  });

  it('refuses a choice other than FOR, AGAINST or ABSTAIN, and an unknown channel or time', () => {
    given(open).when(cast('O1', 'MAYBE')).thenRefuses('INVALID_CHOICE');
    given(open)
      .when(cast('O1', 'FOR', { channel: 'FAX' as never }))
      .thenRefuses('INVALID_CHANNEL');
    given(open)
      .when(cast('O1', 'FOR', { now: new Date('not a time') }))
      .thenRefuses('INVALID_TIME');
  });

  it('lets only the frozen roster decide: an owner not in it cannot vote', () => {
    given(open).when(cast('O9', 'FOR')).thenRefuses('NOT_A_VOTER');
    // A co-owner who is not the representative has no ballot for the unit either (rule 3).
    given(open).when(cast('O3', 'FOR')).thenRefuses('NOT_A_VOTER');
  });

  it("enters a paper ballot in the owner's name with the scan hash", () => {
    given(open)
      .when(cast('O2', 'AGAINST', { channel: 'PAPER', castBy: 'committee-1', evidenceSha256: PAPER_SCAN }))
      .then([
        {
          type: 'BallotCast',
          data: ballot({
            ownerId: 'O2',
            voterIds: ['O2+O3'],
            choice: 'AGAINST',
            channel: 'PAPER',
            castBy: 'committee-1',
            evidenceSha256: PAPER_SCAN,
          }),
        },
      ]);
  });

  it('refuses a paper ballot without a valid SHA-256 of its scan', () => {
    given(open)
      .when(cast('O2', 'FOR', { channel: 'PAPER', castBy: 'committee-1' }))
      .thenRefuses('EVIDENCE_REQUIRED');
    given(open)
      .when(cast('O2', 'FOR', { channel: 'PAPER', castBy: 'committee-1', evidenceSha256: PAPER_SCAN.toUpperCase() }))
      .thenRefuses('INVALID_SHA256');
    given(open)
      .when(cast('O2', 'FOR', { channel: 'PAPER', castBy: 'committee-1', evidenceSha256: PAPER_SCAN.slice(1) }))
      .thenRefuses('INVALID_SHA256');
  });

  it('counts a ballot after closesAt until the close event is in the stream', () => {
    given(open)
      .when(cast('O4', 'FOR', { now: date(CLOSES_AT + 3_600_000) }))
      .then([
        {
          type: 'BallotCast',
          data: ballot({ ownerId: 'O4', voterIds: ['O4'], castBy: 'acct-O4', castAt: '2026-03-27T11:00:00.000Z' }),
        },
      ]);
  });

  it('records a ballot after the close event as late instead of refusing it', () => {
    const closed = record(open, close());
    given(closed)
      .when(cast('O4', 'AGAINST', { now: date(CLOSES_AT + 1) }))
      .then([
        {
          type: 'LateBallotRecorded',
          data: {
            ...ballot({
              ownerId: 'O4',
              voterIds: ['O4'],
              choice: 'AGAINST',
              castBy: 'acct-O4',
              castAt: '2026-03-27T10:00:00.001Z',
            }),
            reason: 'RESOLUTION_CLOSED',
          },
        },
      ]);
  });
});

describe('proxies (rule 10)', () => {
  const proxyBallot = (over: Partial<Cast> = {}) =>
    cast('O1', 'AGAINST', { channel: 'PROXY', castBy: 'acct-O4', proxyOwnerId: 'O4', ...over });

  it('records an authorisation for a posted vote, with its evidence', () => {
    given([drafted, posted])
      .when(authorise('O1'))
      .then([
        {
          type: 'ProxyAuthorised',
          data: {
            ownerId: 'O1',
            proxyOwnerId: 'O4',
            proxyName: null,
            evidenceSha256: SCAN,
            authorisedAt: '2026-03-02T00:00:00.000Z',
          },
        },
      ]);
  });

  it('authorises only for a posted, not yet closed vote', () => {
    given([drafted]).when(authorise('O1')).thenRefuses('NOT_POSTED');
    given(record(open, close())).when(authorise('O1')).thenRefuses('RESOLUTION_CLOSED');
  });

  it('authorises only for an owner who votes on the frozen roster', () => {
    given(open).when(authorise('O9')).thenRefuses('NOT_A_VOTER');
    // Before open there is no frozen roster to check; the proxy's ballot meets it instead.
    const early = record([drafted, posted], authorise('O9'));
    given([...early, opened])
      .when(cast('O9', 'FOR', { channel: 'PROXY', proxyOwnerId: 'O4' }))
      .thenRefuses('NOT_A_VOTER');
  });

  it('names exactly one proxy, who is not the owner', () => {
    given(open)
      .when(authorise('O1', { proxyOwnerId: undefined }))
      .thenRefuses('PROXY_REQUIRED');
    given(open)
      .when(authorise('O1', { proxyName: '王芳' }))
      .thenRefuses('PROXY_REQUIRED');
    given(open)
      .when(authorise('O1', { proxyOwnerId: 'O1' }))
      .thenRefuses('PROXY_IS_OWNER');
  });

  it("needs the SHA-256 of the owner's written authorisation", () => {
    given(open)
      .when(authorise('O1', { evidenceSha256: undefined }))
      .thenRefuses('PROXY_EVIDENCE_REQUIRED');
    given(open)
      .when(authorise('O1', { evidenceSha256: 'not-a-hash' }))
      .thenRefuses('INVALID_SHA256');
  });

  it('takes a proxy ballot only from the authorised proxy', () => {
    given(open).when(proxyBallot()).thenRefuses('PROXY_NOT_AUTHORISED');
    const authorised = record(open, authorise('O1'));
    given(authorised)
      .when(proxyBallot({ proxyOwnerId: 'O2', castBy: 'acct-O2' }))
      .thenRefuses('PROXY_NOT_AUTHORISED');
    given(authorised)
      .when(proxyBallot({ proxyOwnerId: undefined }))
      .thenRefuses('PROXY_NOT_AUTHORISED');
    given(authorised)
      .when(proxyBallot())
      .then([
        {
          type: 'BallotCast',
          data: {
            ownerId: 'O1',
            voterIds: ['O1', 'O1+O5'],
            choice: 'AGAINST',
            channel: 'PROXY',
            castBy: 'acct-O4',
            proxyOwnerId: 'O4',
            evidenceSha256: null,
            castAt: '2026-03-21T12:00:00.000Z',
          },
        },
      ]);
  });

  it('replaces an earlier authorisation with a later one', () => {
    const replaced = record(open, authorise('O1'), authorise('O1', { proxyOwnerId: 'O2' }));
    given(replaced).when(proxyBallot()).thenRefuses('PROXY_NOT_AUTHORISED', /O2/);
    expect(() => record(replaced, proxyBallot({ proxyOwnerId: 'O2', castBy: 'acct-O2' }))).not.toThrow();
  });

  it('takes the ballot of a proxy who is not an owner from the committee, with the signed paper', () => {
    const named = record(open, authorise('O1', { proxyOwnerId: undefined, proxyName: '王芳' }));
    given(named)
      .when(proxyBallot({ proxyOwnerId: undefined, castBy: 'committee-1' }))
      .thenRefuses('EVIDENCE_REQUIRED', /王芳/);
    given(named)
      .when(proxyBallot({ proxyOwnerId: 'O4' }))
      .thenRefuses('PROXY_NOT_AUTHORISED');
    const [event] = resolutionDecider.decide(
      proxyBallot({ proxyOwnerId: undefined, castBy: 'committee-1', evidenceSha256: PAPER_SCAN }),
      stateOf(named),
    );
    expect(event).toMatchObject({
      type: 'BallotCast',
      data: { channel: 'PROXY', proxyOwnerId: null, evidenceSha256: PAPER_SCAN },
    });
  });

  it('refuses a proxy id on a ballot that is not cast by proxy', () => {
    given(open)
      .when(cast('O1', 'FOR', { proxyOwnerId: 'O4' }))
      .thenRefuses('PROXY_CHANNEL_REQUIRED');
  });
});

describe('which ballot counts (rules 9, 10)', () => {
  const byProxy = cast('O1', 'AGAINST', { channel: 'PROXY', castBy: 'acct-O4', proxyOwnerId: 'O4' });

  it('counts the later of two ballots by the same owner, keeping both in the record', () => {
    const events = record(open, cast('O1', 'FOR'), cast('O1', 'AGAINST'));
    expect(choices(events)).toEqual({ O1: 'AGAINST ONLINE', 'O1+O5': 'AGAINST ONLINE' });
    expect(ballotRecord(stateOf(events)).map((b) => b.choice)).toEqual(['FOR', 'AGAINST']);
  });

  it('lets the owner in person override the proxy, whichever came first', () => {
    const proxyFirst = record(open, authorise('O1'), byProxy, cast('O1', 'FOR'));
    const ownerFirst = record(open, authorise('O1'), cast('O1', 'FOR'), byProxy);
    expect(choices(proxyFirst)).toEqual({ O1: 'FOR ONLINE', 'O1+O5': 'FOR ONLINE' });
    expect(choices(ownerFirst)).toEqual({ O1: 'FOR ONLINE', 'O1+O5': 'FOR ONLINE' });
    expect(ballotRecord(stateOf(ownerFirst))).toHaveLength(2);
  });

  it("counts the proxy's ballot when the owner casts none", () => {
    expect(choices(record(open, authorise('O1'), byProxy))).toEqual({ O1: 'AGAINST PROXY', 'O1+O5': 'AGAINST PROXY' });
  });

  it("counts a paper ballot entered in the owner's name and keeps it in the record", () => {
    const paper = cast('O2', 'FOR', { channel: 'PAPER', castBy: 'committee-1', evidenceSha256: PAPER_SCAN });
    const state = stateOf(record(open, paper));
    const [live] = liveBallots(state);
    expect(live).toMatchObject({
      voterId: 'O2+O3',
      choice: 'FOR',
      area: 8000n,
      ballot: { ownerId: 'O2', channel: 'PAPER', castBy: 'committee-1', evidenceSha256: PAPER_SCAN },
    });
    expect(ballotRecord(state)).toEqual([live.ballot]);
  });
});

describe('closing (rule 13)', () => {
  const everyone = record(open, cast('O1', 'FOR'), cast('O2', 'FOR'), cast('O4', 'AGAINST'));

  it('closes at exactly closesAt with the tally of the live ballots', () => {
    expect(closedTally(everyone)).toEqual({
      closedAt: '2026-03-27T10:00:00.000Z',
      tally: {
        rulebook: 'CN-BEIJING-2020',
        rulebookVersion: '1.0.0',
        matter: 'USE_MAINTENANCE_FUND',
        eligible: { heads: 4, areaM2: '400.00' },
        participated: { heads: 4, areaM2: '400.00' },
        for: { heads: 3, areaM2: '280.00' },
        against: { heads: 1, areaM2: '120.00' },
        abstain: { heads: 0, areaM2: '0.00' },
        participation: { required: '>=2/3', headsMet: true, areaMet: true },
        approval: { required: '>1/2', headsMet: true, areaMet: true },
        outcome: 'PASSED',
      },
      ballotsCounted: 4,
      // O1's one ballot counts for O1 and O1+O5: three leaves for four voters.
      countedRoot: COUNTED_ROOT,
      countedSize: 3,
      resultsDueBy: '2026-03-30T10:00:00.000Z',
      resultsLate: false,
    });
  });

  it('refuses to close a millisecond before closesAt, saying when it may', () => {
    given(everyone)
      .when(close(CLOSES_AT - 1))
      .thenRefuses('TOO_EARLY_TO_CLOSE', /2026-03-27T10:00:00\.000Z/);
  });

  it('marks the results late when closed after they were due', () => {
    given(everyone)
      .when(close(CLOSES_AT + 3 * DAY))
      .then([expect.objectContaining({ data: expect.objectContaining({ resultsLate: false }) })]);
    given(everyone)
      .when(close(CLOSES_AT + 3 * DAY + 1))
      .then([expect.objectContaining({ data: expect.objectContaining({ resultsLate: true }) })]);
  });

  it('has no results deadline under a rulebook without one', () => {
    const civil = record([draftedUnder('CN-CIVIL-CODE-2021'), posted, opened], cast('O1', 'FOR'));
    expect(closedTally(civil)).toMatchObject({
      resultsDueBy: null,
      resultsLate: false,
      tally: { rulebook: 'CN-CIVIL-CODE-2021', outcome: 'NO_QUORUM' },
    });
  });

  it('closes only an open vote, once', () => {
    given([drafted, posted]).when(close()).thenRefuses('RESOLUTION_NOT_OPEN');
    given(record(everyone, close()))
      .when(close(CLOSES_AT + 1))
      .thenRefuses('RESOLUTION_CLOSED');
  });

  it('records a late ballot and leaves it out of the count', () => {
    const fewVoted = record(open, cast('O1', 'FOR'), close(), cast('O4', 'AGAINST', { now: date(CLOSES_AT + 1) }));
    const state = stateOf(fewVoted);
    expect(lateBallots(state).map((b) => b.ownerId)).toEqual(['O4']);
    expect(liveBallots(state).map((b) => b.voterId)).toEqual(['O1', 'O1+O5']);
    expect(tallyOfEvents(fewVoted).participated).toEqual({ heads: 2, areaM2: '200.00' });
  });

  it('recomputes from the events alone the tally the close recorded', () => {
    const closed = record(everyone, close());
    const recorded = closed.at(-1)!;
    expect(recorded.type).toBe('ResolutionClosed');
    expect(tallyOfEvents(closed)).toEqual(recorded.type === 'ResolutionClosed' && recorded.data.tally);
  });
});

describe('the close commits to the ballots it counted', () => {
  const authorised = record(open, authorise('O2'));
  // Places in the ballot record: 0 O1 FOR, 1 O2 by proxy O4, 2 O4 AGAINST, 3 O1 AGAINST (replaces 0), 4 O2 on paper (beats the proxy).
  const voted = record(
    authorised,
    cast('O1', 'FOR'),
    cast('O2', 'FOR', { channel: 'PROXY', castBy: 'acct-O4', proxyOwnerId: 'O4' }),
    cast('O4', 'AGAINST'),
    cast('O1', 'AGAINST'),
    cast('O2', 'ABSTAIN', { channel: 'PAPER', castBy: 'committee-1', evidenceSha256: PAPER_SCAN }),
  );

  it("names each voter's live ballot by its place in the record: the latest own ballot, paper beating proxy", () => {
    expect(Object.fromEntries(liveBallotPlaces(stateOf(voted)))).toEqual({ O1: 3, 'O1+O5': 3, 'O2+O3': 4, O4: 2 });
    // One ballot for O1's two voters is one leaf of the counted tree.
    expect(countedIndexes(liveBallotPlaces(stateOf(voted)))).toEqual([2, 3, 4]);
  });

  it('records the counted root and the size of its tree beside the totals', () => {
    given(voted)
      .when({
        type: 'CloseResolution',
        data: { now: date(CLOSES_AT), counted: { root: COUNTED_ROOT, size: 3, ballotsInRecord: 5 } },
      })
      .then([
        expect.objectContaining({
          type: 'ResolutionClosed',
          data: expect.objectContaining({ ballotsCounted: 4, countedRoot: COUNTED_ROOT, countedSize: 3 }),
        }),
      ]);
  });

  it('refuses a root computed before a ballot that has since arrived, or over another number of ballots', () => {
    given(voted)
      .when({
        type: 'CloseResolution',
        data: { now: date(CLOSES_AT), counted: { root: COUNTED_ROOT, size: 3, ballotsInRecord: 4 } },
      })
      .thenRefuses('BALLOTS_CHANGED');
    given(voted)
      .when({
        type: 'CloseResolution',
        data: { now: date(CLOSES_AT), counted: { root: COUNTED_ROOT, size: 4, ballotsInRecord: 5 } },
      })
      .thenRefuses('BALLOTS_CHANGED');
  });

  it('refuses a close without a counted root, or with one that is not a SHA-256', () => {
    given(voted)
      .when({ type: 'CloseResolution', data: { now: date(CLOSES_AT), counted: null as never } })
      .thenRefuses('COUNTED_ROOT_REQUIRED');
    given(voted)
      .when({
        type: 'CloseResolution',
        data: { now: date(CLOSES_AT), counted: { root: COUNTED_ROOT.toUpperCase(), size: 3, ballotsInRecord: 5 } },
      })
      .thenRefuses('COUNTED_ROOT_REQUIRED');
  });
});

describe('late ballots: one per voter', () => {
  const closed = record(open, cast('O1', 'FOR'), close());
  const late = record(closed, cast('O4', 'AGAINST', { now: date(CLOSES_AT + 1) }));

  it('refuses a second late ballot of the same voter and records nothing', () => {
    given(late)
      .when(cast('O4', 'FOR', { now: date(CLOSES_AT + 2) }))
      .thenRefuses('LATE_BALLOT_ALREADY_RECORDED');
  });

  it('refuses a late ballot by proxy for a voter whose own late ballot is recorded', () => {
    const proxied = record(open, authorise('O1'), close(), cast('O1', 'FOR', { now: date(CLOSES_AT + 1) }));
    given(proxied)
      .when(
        cast('O1', 'AGAINST', { channel: 'PROXY', castBy: 'acct-O4', proxyOwnerId: 'O4', now: date(CLOSES_AT + 2) }),
      )
      .thenRefuses('LATE_BALLOT_ALREADY_RECORDED');
  });

  it('still records the first late ballot of another voter', () => {
    given(late)
      .when(cast('O2', 'FOR', { now: date(CLOSES_AT + 2) }))
      .then([expect.objectContaining({ type: 'LateBallotRecorded' })]);
  });
});

describe('a vote of 100,000 voters', () => {
  it('folds 100,000 ballots and replacements, leaving every earlier state as it was, and closes', () => {
    const n = 100_000;
    const big: Voter[] = Array.from({ length: n }, (_, i) => ({
      voterId: `V${i}`,
      representativeId: `P${i}`,
      ownerIds: [`P${i}`],
      unitIds: [`U${i}`],
      area: 5000n + BigInt(i % 100),
    }));
    const communityWide = draftedUnder('CN-BEIJING-2020', {
      matter: 'SPEND_PUBLIC_REVENUE',
      budget: { amount: '700000.00', fund: 'PUBLIC_REVENUE', units: null, buildings: null },
    });
    let state = stateOf([communityWide, posted]);
    for (const event of resolutionDecider.decide(
      { type: 'OpenResolution', data: { voters: big, rosterHash: ROSTER_HASH, now: date(OPENS_AT) } },
      state,
    )) {
      state = resolutionDecider.evolve(state, event);
    }
    let halfway: ResolutionState | null = null;
    for (let i = 0; i < n + n / 10; i++) {
      // The last tenth are second ballots that replace the first tenth's FOR with AGAINST.
      const command = cast(`P${i % n}`, i < n ? 'FOR' : 'AGAINST');
      for (const event of resolutionDecider.decide(command, state)) state = resolutionDecider.evolve(state, event);
      if (i === n / 2 - 1) halfway = state;
    }
    const [closed] = resolutionDecider.decide(withCounted(close(), state), state);
    expect(closed).toMatchObject({
      type: 'ResolutionClosed',
      data: {
        ballotsCounted: n,
        countedSize: n,
        tally: {
          participated: { heads: n },
          for: { heads: n - n / 10 },
          against: { heads: n / 10 },
          outcome: 'PASSED',
        },
      },
    });
    expect(liveBallots(halfway!)).toHaveLength(n / 2);
    expect(halfway!.status === 'open' && halfway!.ballotCount).toBe(n / 2);
  });
});

describe('rule 25: the owners of the units that bear a cost decide it', () => {
  const building1 = draftedUnder('CN-BEIJING-2020', {
    budget: { amount: '700000.00', fund: 'MAINTENANCE_FUND', units: null, buildings: ['1'] },
  });
  // O1 holds 1-101 and 1-102 in building 1 and 2-202 in building 2; O4 holds 4-401 only.
  const roster = [
    { unitId: '1-101', building: '1', area: 15000n },
    { unitId: '1-102', building: '1', area: 6000n },
    { unitId: '2-202', building: '2', area: 9000n },
    { unitId: '4-401', building: '4', area: 12000n },
  ];
  const all: Voter[] = [
    { voterId: 'O1', representativeId: 'O1', ownerIds: ['O1'], unitIds: ['1-101', '1-102', '2-202'], area: 30000n },
    { voterId: 'O4', representativeId: 'O4', ownerIds: ['O4'], unitIds: ['4-401'], area: 12000n },
  ];
  const openWith = (withUnits = true): ResolutionCommand => ({
    type: 'OpenResolution',
    data: { voters: all, ...(withUnits ? { units: roster } : {}), rosterHash: ROSTER_HASH, now: date(OPENS_AT) },
  });

  it('a USE_MAINTENANCE_FUND draft must name its bearers', () => {
    given([])
      .when(draft({ budget: { amount: 1n, fund: 'MAINTENANCE_FUND' } }))
      .thenRefuses('BEARERS_REQUIRED', /rule 25/);
    given([])
      .when(draft({ budget: { amount: 1n, fund: 'MAINTENANCE_FUND', units: [], buildings: [] } }))
      .thenRefuses('BEARERS_REQUIRED');
  });

  it("opening freezes only the bearers' owners, each weighing only its bearing units, one head each", () => {
    given([building1, posted])
      .when(openWith())
      .then([
        {
          type: 'ResolutionOpened',
          data: {
            openedAt: '2026-03-20T01:00:00.000Z',
            rosterHash: ROSTER_HASH,
            eligible: { heads: 1, areaM2: '210.00' },
            voters: [
              { voterId: 'O1', representativeId: 'O1', ownerIds: ['O1'], unitIds: ['1-101', '1-102'], area: '210.00' },
            ],
            bearers: { units: [], buildings: ['1'], unitIds: ['1-101', '1-102'] },
          },
        },
      ]);
  });

  it('an owner outside the bearers has no ballot in their vote', () => {
    const events = record([building1, posted], openWith());
    given(events).when(cast('O4', 'FOR')).thenRefuses('NOT_A_VOTER');
  });

  it('a bearer not on the roster, or a roster without its units, is refused and nothing is frozen', () => {
    given([
      draftedUnder('CN-BEIJING-2020', {
        budget: { amount: '1.00', fund: 'MAINTENANCE_FUND', units: null, buildings: ['9'] },
      }),
      posted,
    ])
      .when(openWith())
      .thenRefuses('UNKNOWN_BUILDING');
    given([
      draftedUnder('CN-BEIJING-2020', {
        budget: { amount: '1.00', fund: 'MAINTENANCE_FUND', units: ['9-901'], buildings: null },
      }),
      posted,
    ])
      .when(openWith())
      .thenRefuses('UNKNOWN_UNIT');
    given([building1, posted]).when(openWith(false)).thenRefuses('ROSTER_UNITS_REQUIRED');
  });

  it("a vote with no bearers is still the whole community's", () => {
    const communityWide = draftedUnder('CN-BEIJING-2020', {
      matter: 'SPEND_PUBLIC_REVENUE',
      budget: { amount: '1.00', fund: 'PUBLIC_REVENUE', units: null, buildings: null },
    });
    const [event] = resolutionDecider.decide(openWith(), stateOf([communityWide, posted]));
    expect(event).toMatchObject({ type: 'ResolutionOpened', data: { eligible: { heads: 2, areaM2: '420.00' } } });
    expect(event.data).not.toHaveProperty('bearers');
  });
});

describe('rule 27: a covenant vote carries the caps it delegates', () => {
  const covenantDraft = (covenant: { perItemCap: bigint; yearlyCap: bigint } | null, matter = 'MANAGEMENT_COVENANT') =>
    draft({ matter, budget: null, covenant });

  it('records the caps in the draft, as yuan', () => {
    given([])
      .when(covenantDraft({ perItemCap: 500000n, yearlyCap: 5000000n }))
      .then([
        draftedUnder('CN-BEIJING-2020', {
          matter: 'MANAGEMENT_COVENANT',
          budget: null,
          covenant: { perItemCap: '5000.00', yearlyCap: '50000.00' },
        }),
      ]);
  });

  it('refuses caps on any other matter, caps of nothing, and a per-item cap above the yearly one', () => {
    given([])
      .when(covenantDraft({ perItemCap: 1n, yearlyCap: 2n }, 'OTHER_MAJOR'))
      .thenRefuses('COVENANT_NOT_ALLOWED');
    given([])
      .when(covenantDraft({ perItemCap: 0n, yearlyCap: 2n }))
      .thenRefuses('INVALID_AMOUNT');
    given([])
      .when(covenantDraft({ perItemCap: 3n, yearlyCap: 2n }))
      .thenRefuses('CAPS_INCONSISTENT');
  });
});
