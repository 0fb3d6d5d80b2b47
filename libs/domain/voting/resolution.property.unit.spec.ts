import fc from 'fast-check';
import { countedIndexes } from '../governance/counted-ballots.js';
import { liveBallotPlaces } from './live-ballots.js';
import type { Voter } from '../registry/counting.js';
import { fold } from '../shared/decider.js';
import type { TallyJson } from '../governance/quorum.js';
import { resolutionDecider, type ResolutionCommand, type ResolutionState } from './resolution.js';
import type { Channel } from './resolution.events.js';

const OPENS_AT = Date.parse('2026-03-20T01:00:00.000Z');
const CLOSES_AT = Date.parse('2026-03-27T10:00:00.000Z');
const SCAN = 'ab'.repeat(32);

interface Cast {
  choice: 'FOR' | 'AGAINST' | 'ABSTAIN';
  channel: Channel;
}

function run(state: ResolutionState, command: ResolutionCommand): ResolutionState {
  return fold(resolutionDecider, state, resolutionDecider.decide(command, state));
}

/** Opens a vote over `areas`, owner O<i> voting for voter V<i>, each owner having named proxy P<i>. */
function openVote(areas: bigint[]): ResolutionState {
  const voters: Voter[] = areas.map((area, i) => ({
    voterId: `V${i}`,
    representativeId: `O${i}`,
    ownerIds: [`O${i}`],
    unitIds: [`U${i}`],
    area,
  }));
  let state = run(resolutionDecider.initialState(), {
    type: 'DraftResolution',
    data: {
      resolutionId: 'r1',
      communityId: 'c1',
      title: '选举业主委员会',
      description: '',
      matter: 'ELECT_COMMITTEE',
      rulebook: 'CN-BEIJING-2020',
      opensAt: new Date(OPENS_AT),
      closesAt: new Date(CLOSES_AT),
      budget: null,
      now: new Date(OPENS_AT - 20 * 86_400_000),
    },
  });
  state = run(state, { type: 'PostResolution', data: { now: new Date(OPENS_AT - 20 * 86_400_000) } });
  for (let i = 0; i < areas.length; i++) {
    state = run(state, {
      type: 'AuthoriseProxy',
      data: { ownerId: `O${i}`, proxyOwnerId: `P${i}`, evidenceSha256: SCAN, now: new Date(OPENS_AT - 86_400_000) },
    });
  }
  return run(state, { type: 'OpenResolution', data: { voters, rosterHash: SCAN, now: new Date(OPENS_AT) } });
}

function ballot(voter: number, cast: Cast, step: number): ResolutionCommand {
  const proxy = cast.channel === 'PROXY';
  return {
    type: 'CastBallot',
    data: {
      ownerId: `O${voter}`,
      choice: cast.choice,
      channel: cast.channel,
      castBy: proxy ? `P${voter}` : cast.channel === 'PAPER' ? 'committee' : `O${voter}`,
      proxyOwnerId: proxy ? `P${voter}` : undefined,
      evidenceSha256: cast.channel === 'PAPER' ? SCAN : undefined,
      now: new Date(OPENS_AT + step * 1000),
    },
  };
}

function closeTally(state: ResolutionState): TallyJson {
  if (state.status !== 'open') throw new Error('expected an open vote');
  // Any root stands for the handler's: the domain checks the tree's size and the record's length.
  const counted = {
    root: '0'.repeat(64),
    size: countedIndexes(liveBallotPlaces(state)).length,
    ballotsInRecord: state.ballotCount,
  };
  const [closed] = resolutionDecider.decide(
    { type: 'CloseResolution', data: { now: new Date(CLOSES_AT), counted } },
    state,
  );
  if (closed.type !== 'ResolutionClosed') throw new Error('expected a close');
  return closed.data.tally;
}

/** Each voter's ballots in their own order, interleaved with the others' as `picks` says. */
function interleave(perVoter: Cast[][], picks: number[]): [number, Cast][] {
  const queues = perVoter.map((casts, voter) => casts.map((cast) => [voter, cast] as [number, Cast]));
  const out: [number, Cast][] = [];
  for (let p = 0; ; p++) {
    const waiting = queues.filter((q) => q.length > 0);
    if (waiting.length === 0) return out;
    out.push(waiting[(picks[p % Math.max(picks.length, 1)] ?? 0) % waiting.length].shift()!);
  }
}

const castArb: fc.Arbitrary<Cast> = fc.record({
  choice: fc.constantFrom('FOR' as const, 'AGAINST' as const, 'ABSTAIN' as const),
  channel: fc.constantFrom<Channel>('ONLINE', 'PAPER', 'PROXY'),
});

describe('the tally at close (rules 9, 10, 13)', () => {
  it("does not depend on how different voters' ballots interleave", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ area: fc.bigInt({ min: 1n, max: 100_000n }), casts: fc.array(castArb, { maxLength: 4 }) }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.array(fc.nat(), { maxLength: 40 }),
        (voters, picks) => {
          const opened = openVote(voters.map((v) => v.area));
          const tallyOf = (order: [number, Cast][]) =>
            closeTally(order.reduce((s, [voter, cast], step) => run(s, ballot(voter, cast, step)), opened));
          const oneVoterAtATime = voters.flatMap((v, voter) => v.casts.map((cast) => [voter, cast] as [number, Cast]));
          expect(
            tallyOf(
              interleave(
                voters.map((v) => v.casts),
                picks,
              ),
            ),
          ).toEqual(tallyOf(oneVoterAtATime));
        },
      ),
    );
  });
});
