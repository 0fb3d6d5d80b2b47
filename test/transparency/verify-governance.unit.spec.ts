import { governanceDecider } from '../../libs/domain/elections/governance.js';
import { governanceStream } from '../../libs/domain/elections/governance.events.js';
import { communityDecider } from '../../libs/domain/registry/community.js';
import { communityStream } from '../../libs/domain/registry/community.events.js';
import { resolutionDecider } from '../../libs/domain/voting/resolution.js';
import { resolutionStream } from '../../libs/domain/voting/resolution.events.js';
import { verifyBundle } from '../../src/cli/verify/verify-bundle.js';
import { communityHistory } from './community-history.js';

/**
 * `verify` re-derives rules 29 and 30 from an export (DOMAIN.md): after the clean history of
 * community-history.ts (a committee of O1, O2, O3 filed on 2026-02-10), one more step, recorded
 * honestly or forged. Every hash holds either way; only the re-derivation tells them apart.
 */
const at = (iso: string) => new Date(iso);

function withGovernance(step: 'resignation' | 'removal' | 'appointment', forge?: (data: any) => void) {
  const { builder: b } = communityHistory();
  const cid = b.communityId;
  const governance = governanceStream(cid);
  if (step === 'resignation') {
    return { b, events: b.decide(governanceDecider, governance, { type: 'ResignFromCommittee', data: { ownerId: 'O1', resignedBy: 'O1', households: 4, now: at('2026-04-01T00:00:00Z') } }, forge) };
  }
  if (step === 'removal') {
    const rid = 'remove-o2';
    const stream = resolutionStream(rid);
    b.decide(resolutionDecider, stream, {
      type: 'DraftResolution',
      data: { resolutionId: rid, communityId: cid, title: '罢免', description: '', matter: 'ELECT_COMMITTEE', rulebook: 'CN-CIVIL-CODE-2021', opensAt: at('2026-04-01T00:00:00Z'), closesAt: at('2026-04-08T00:00:00Z'), budget: null, removal: { ownerId: 'O2' }, now: at('2026-03-20T00:00:00Z') },
    });
    b.decide(resolutionDecider, stream, { type: 'PostResolution', data: { now: at('2026-03-21T00:00:00Z') } });
    const voters = ['O1', 'O2', 'O3', 'O4'].map((o, i) => ({ voterId: o, representativeId: o, ownerIds: [o], unitIds: [`1-10${i + 1}`], area: BigInt(8000 + 1000 * i) }));
    b.decide(resolutionDecider, stream, { type: 'OpenResolution', data: { voters, rosterHash: 'ab'.repeat(32), now: at('2026-04-01T00:00:00Z') } });
    for (const ownerId of ['O1', 'O3', 'O4']) b.decide(resolutionDecider, stream, { type: 'CastBallot', data: { ownerId, choice: 'FOR', channel: 'ONLINE', castBy: ownerId, now: at('2026-04-02T00:00:00Z') } });
    const [closed] = b.decide(resolutionDecider, stream, { type: 'CloseResolution', data: { now: at('2026-04-08T00:00:00Z') } });
    return {
      b,
      events: b.decide(
        governanceDecider,
        governance,
        { type: 'RemoveCommitteeMember', data: { ownerId: 'O2', resolutionId: rid, closeEventId: closed.eventId, recordedBy: 'acct', households: 4, now: at('2026-04-10T00:00:00Z') } },
        forge,
      ),
    };
  }
  // The community stream first needs its registration, as the server's would have.
  const community = communityStream(cid);
  b.decide(communityDecider, community, { type: 'RegisterCommunity', data: { communityId: cid, name: '测试', district: '海淀区', street: null, rulebook: 'CN-CIVIL-CODE-2021' } });
  // Forged: the server was told no committee is in office.
  return { b, events: b.decide(communityDecider, community, { type: 'AppointManagingBody', data: { kind: 'PREPARATORY_GROUP', members: [{ memberId: 'm1', name: '甲' }], now: at('2026-04-01T00:00:00Z'), committeeInOffice: false } }) };
}

const committeeFailures = async (b: ReturnType<typeof withGovernance>['b']) => (await verifyBundle(b.lines())).failures.filter((f) => f.check === 'committee records');

describe('gongzhi verify re-derives the committee rules 29 and 30 from the export', () => {
  it('holds an honest resignation and an honest removal by a passed vote', async () => {
    expect(await committeeFailures(withGovernance('resignation').b)).toEqual([]);
    expect(await committeeFailures(withGovernance('removal').b)).toEqual([]);
  });

  it('rule 29: names a resignation recorded as made by another member', async () => {
    const { b, events } = withGovernance('resignation', (d) => (d.resignedBy = 'O2'));
    expect(await committeeFailures(b)).toEqual([expect.objectContaining({ message: expect.stringMatching(/records O2 resigning O1: a member resigns only themself/), event: expect.objectContaining({ eventId: events[0].eventId }) })]);
  });

  it('rule 29: names a removal of someone the owners did not vote to remove', async () => {
    const { b } = withGovernance('removal', (d) => (d.ownerId = 'O3'));
    expect(await committeeFailures(b)).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/removes O3 under resolution remove-o2, which asked to remove O2/) }));
  });

  it('rule 30: names a preparatory group appointed while the filed committee is in office', async () => {
    const { b, events } = withGovernance('appointment');
    expect(await committeeFailures(b)).toEqual([expect.objectContaining({ message: expect.stringMatching(/appoints a PREPARATORY_GROUP .* while the committee filed .* is in office/), event: expect.objectContaining({ eventId: events[0].eventId }) })]);
  });
});
