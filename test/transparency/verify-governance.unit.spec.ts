import { electionDecider } from '@gongzhi/domain/elections/election.js';
import { countedForClose, ELECTION_VOTE, RESOLUTION_VOTE } from '@gongzhi/receipts/counted-ballots.js';
import { electionStream } from '@gongzhi/domain/elections/election.events.js';
import { byElectionContext, governanceDecider } from '@gongzhi/domain/elections/governance.js';
import { governanceStream } from '@gongzhi/domain/elections/governance.events.js';
import { communityDecider } from '@gongzhi/domain/registry/community.js';
import { communityStream } from '@gongzhi/domain/registry/community.events.js';
import { resolutionDecider } from '@gongzhi/domain/voting/resolution.js';
import { resolutionStream } from '@gongzhi/domain/voting/resolution.events.js';
import { verifyBundle } from '../../src/cli/verify/verify-bundle.js';
import { communityHistory } from './community-history.js';

/**
 * `verify` re-derives rules 29 and 30 from an export (DOMAIN.md): after the clean history of
 * community-history.ts (a committee of O1, O2, O3 filed on 2026-02-10), one more step, recorded
 * honestly or forged. Every hash holds either way; only the re-derivation tells them apart.
 */
const at = (iso: string) => new Date(iso);

function withGovernance(step: 'resignation' | 'removal' | 'appointment' | 'byElection', forge?: (data: any) => void) {
  const { builder: b } = communityHistory();
  const cid = b.communityId;
  const governance = governanceStream(cid);
  const owners = ['O1', 'O2', 'O3', 'O4'];
  const voters = owners.map((o, i) => ({
    voterId: o,
    representativeId: o,
    ownerIds: [o],
    unitIds: [`1-10${i + 1}`],
    area: BigInt(8000 + 1000 * i),
  }));
  if (step === 'byElection') {
    // O1 resigns, no alternate steps up: the committee of two is below its size, and one seat is filled again.
    b.decide(governanceDecider, governance, {
      type: 'ResignFromCommittee',
      data: { ownerId: 'O1', resignedBy: 'O1', households: 4, now: at('2026-04-01T00:00:00Z') },
    });
    const stream = electionStream('by1');
    const byElection = byElectionContext(b.state(governanceDecider, governance), 4, at('2026-04-02T00:00:00Z'));
    b.decide(electionDecider, stream, {
      type: 'DraftElection',
      data: {
        electionId: 'by1',
        communityId: cid,
        title: '补选',
        seats: 1,
        alternates: 0,
        candidates: [{ candidateId: 'C4', name: '候选人4', ownerId: 'O4' }],
        rulebook: 'CN-CIVIL-CODE-2021',
        households: 4,
        ownerIds: new Set(owners),
        opensAt: at('2026-04-10T00:00:00Z'),
        closesAt: at('2026-04-17T00:00:00Z'),
        now: at('2026-04-02T00:00:00Z'),
        byElection,
      },
    });
    b.decide(electionDecider, stream, { type: 'PostElection', data: { now: at('2026-04-03T00:00:00Z') } });
    b.decide(electionDecider, stream, {
      type: 'OpenElection',
      data: { voters, rosterHash: 'ab'.repeat(32), now: at('2026-04-10T00:00:00Z') },
    });
    for (const ownerId of owners)
      b.decide(electionDecider, stream, {
        type: 'CastElectionBallot',
        data: { ownerId, selections: ['C4'], channel: 'ONLINE', castBy: ownerId, now: at('2026-04-11T00:00:00Z') },
      });
    const [closed] = b.decide(electionDecider, stream, {
      type: 'CloseElection',
      data: { now: at('2026-04-17T00:00:00Z'), counted: countedForClose(ELECTION_VOTE, b.stream(stream)) },
    });
    const state = b.state(electionDecider, stream);
    if (state.status !== 'closed') throw new Error('the by-election did not close');
    const record = {
      electionId: 'by1',
      title: '补选',
      closedAt: state.closed.closedAt,
      closeEventId: closed.eventId,
      termYears: state.election.termYears,
      result: state.closed.result,
      byElection: state.election.byElection,
    };
    b.decide(governanceDecider, governance, { type: 'RecordElection', data: record });
    const filing = {
      electionId: 'by1',
      closeEventId: closed.eventId,
      decision: 'FILED' as const,
      filedBy: 'street-office',
      households: 4,
      appointed: null,
      now: at('2026-04-20T00:00:00Z'),
    };
    return { b, events: b.decide(governanceDecider, governance, { type: 'FileCommittee', data: filing }, forge) };
  }
  if (step === 'resignation') {
    return {
      b,
      events: b.decide(
        governanceDecider,
        governance,
        {
          type: 'ResignFromCommittee',
          data: { ownerId: 'O1', resignedBy: 'O1', households: 4, now: at('2026-04-01T00:00:00Z') },
        },
        forge,
      ),
    };
  }
  if (step === 'removal') {
    const rid = 'remove-o2';
    const stream = resolutionStream(rid);
    b.decide(resolutionDecider, stream, {
      type: 'DraftResolution',
      data: {
        resolutionId: rid,
        communityId: cid,
        title: '罢免',
        description: '',
        matter: 'ELECT_COMMITTEE',
        rulebook: 'CN-CIVIL-CODE-2021',
        opensAt: at('2026-04-01T00:00:00Z'),
        closesAt: at('2026-04-08T00:00:00Z'),
        budget: null,
        removal: { ownerId: 'O2' },
        now: at('2026-03-20T00:00:00Z'),
      },
    });
    b.decide(resolutionDecider, stream, { type: 'PostResolution', data: { now: at('2026-03-21T00:00:00Z') } });
    b.decide(resolutionDecider, stream, {
      type: 'OpenResolution',
      data: { voters, rosterHash: 'ab'.repeat(32), now: at('2026-04-01T00:00:00Z') },
    });
    for (const ownerId of ['O1', 'O3', 'O4'])
      b.decide(resolutionDecider, stream, {
        type: 'CastBallot',
        data: { ownerId, choice: 'FOR', channel: 'ONLINE', castBy: ownerId, now: at('2026-04-02T00:00:00Z') },
      });
    const [closed] = b.decide(resolutionDecider, stream, {
      type: 'CloseResolution',
      data: { now: at('2026-04-08T00:00:00Z'), counted: countedForClose(RESOLUTION_VOTE, b.stream(stream)) },
    });
    return {
      b,
      events: b.decide(
        governanceDecider,
        governance,
        {
          type: 'RemoveCommitteeMember',
          data: {
            ownerId: 'O2',
            resolutionId: rid,
            closeEventId: closed.eventId,
            recordedBy: 'acct',
            households: 4,
            now: at('2026-04-10T00:00:00Z'),
          },
        },
        forge,
      ),
    };
  }
  // The community stream first needs its registration, as the server's would have.
  const community = communityStream(cid);
  b.decide(communityDecider, community, {
    type: 'RegisterCommunity',
    data: { communityId: cid, name: '测试', district: '海淀区', street: null, rulebook: 'CN-CIVIL-CODE-2021' },
  });
  // Forged: the server was told no committee is in office.
  return {
    b,
    events: b.decide(communityDecider, community, {
      type: 'AppointManagingBody',
      data: {
        kind: 'PREPARATORY_GROUP',
        members: [{ memberId: 'm1', name: '甲' }],
        now: at('2026-04-01T00:00:00Z'),
        committeeInOffice: false,
      },
    }),
  };
}

const committeeFailures = async (b: ReturnType<typeof withGovernance>['b']) =>
  (await verifyBundle(b.lines())).failures.filter((f) => f.check === 'committee records');

describe('gongzhi verify re-derives the committee rules 29 and 30 from the export', () => {
  it('holds an honest resignation, an honest removal by a passed vote and an honest by-election', async () => {
    expect(await committeeFailures(withGovernance('resignation').b)).toEqual([]);
    expect(await committeeFailures(withGovernance('removal').b)).toEqual([]);
    const { b, events } = withGovernance('byElection');
    expect(events[0]).toMatchObject({ type: 'ByElectionFiled', data: { joined: [{ ownerId: 'O4' }] } });
    expect(await committeeFailures(b)).toEqual([]);
  });

  it('rule 29: names a by-election filing that adds someone it did not elect', async () => {
    const { b } = withGovernance('byElection', (d) =>
      d.joined.push({ candidateId: 'C9', name: '外人', ownerId: 'O3' }),
    );
    expect(await committeeFailures(b)).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(/files by-election by1's 1 elected|adds members the by-election did not elect/),
      }),
    );
  });

  it('rule 29: names a resignation recorded as made by another member', async () => {
    const { b, events } = withGovernance('resignation', (d) => (d.resignedBy = 'O2'));
    expect(await committeeFailures(b)).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/records O2 resigning O1: a member resigns only themself/),
        event: expect.objectContaining({ eventId: events[0].eventId }),
      }),
    ]);
  });

  it('rule 29: names a removal of someone the owners did not vote to remove', async () => {
    const { b } = withGovernance('removal', (d) => (d.ownerId = 'O3'));
    expect(await committeeFailures(b)).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(/removes O3 under resolution remove-o2, which asked to remove O2/),
      }),
    );
  });

  it('rule 30: names a preparatory group appointed while the filed committee is in office', async () => {
    const { b, events } = withGovernance('appointment');
    expect(await committeeFailures(b)).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/appoints a PREPARATORY_GROUP .* while the committee filed .* is in office/),
        event: expect.objectContaining({ eventId: events[0].eventId }),
      }),
    ]);
  });
});
