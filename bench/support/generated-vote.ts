import { randomUUID } from 'node:crypto';
import { votersOf, type RosterOwner, type RosterUnit } from '@gongzhi/domain/registry/counting.js';
import type { NewEvent } from '@gongzhi/event-store/event-store.js';
import { resolutionDecider, type ResolutionCommand, type ResolutionState } from '@gongzhi/domain/voting/resolution.js';
import { resolutionStream } from '@gongzhi/domain/voting/resolution.events.js';
import { rosterHash } from '@gongzhi/receipts/roster-hash.js';

const CHOICES = ['FOR', 'FOR', 'FOR', 'AGAINST', 'ABSTAIN'];
const OPENS = new Date('2026-01-05T09:00:00+08:00');

/**
 * A vote of `heads` generated voters, as the server would have recorded it: the roster counted by the
 * registry's rules (one in ten units co-owned by two), the resolution drafted, posted and opened by the
 * real decider, and one online ballot per voter decided on the state the previous ballots left.
 */
export function generatedVote(heads: number): { streamId: string; events: NewEvent[] } {
  const communityId = randomUUID();
  const resolutionId = randomUUID();
  const owners = new Map<string, RosterOwner>();
  const units: RosterUnit[] = [];
  for (let i = 0; i < heads; i++) {
    const owner = `P${String(i).padStart(6, '0')}`;
    owners.set(owner, { ownerId: owner, name: owner, kind: 'PERSON' });
    const ownerIds = [owner];
    if (i % 10 === 0) {
      const partner = `Q${String(i).padStart(6, '0')}`;
      owners.set(partner, { ownerId: partner, name: partner, kind: 'PERSON' });
      ownerIds.push(partner);
    }
    units.push({
      unitId: `${1 + (i % 400)}-${i}`,
      building: String(1 + (i % 400)),
      area: 5000n + BigInt((i * 7919) % 10000),
      ownerIds,
      representativeId: owner,
    });
  }
  const voters = votersOf(owners, units);

  const events: NewEvent[] = [];
  let state: ResolutionState = resolutionDecider.initialState();
  const decide = (command: ResolutionCommand, actor: { id: string; role: string }) => {
    const commandId = randomUUID();
    for (const event of resolutionDecider.decide(command, state)) {
      state = resolutionDecider.evolve(state, event);
      events.push({
        eventId: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: {
          communityId,
          actor,
          commandId,
          correlationId: commandId,
          causationId: commandId,
          occurredAt: OPENS.toISOString(),
        },
      });
    }
  };
  const committee = { id: randomUUID(), role: 'committee' };
  decide(
    {
      type: 'DraftResolution',
      data: {
        resolutionId,
        communityId,
        title: '电梯更新',
        description: '',
        matter: 'OTHER_MAJOR',
        rulebook: 'CN-CIVIL-CODE-2021',
        opensAt: OPENS,
        closesAt: new Date('2026-01-20T18:00:00+08:00'),
        budget: null,
        now: OPENS,
      },
    },
    committee,
  );
  decide({ type: 'PostResolution', data: { now: OPENS } }, committee);
  decide({ type: 'OpenResolution', data: { voters, rosterHash: rosterHash(voters), now: OPENS } }, committee);
  voters.forEach((voter, i) => {
    const account = { id: `account-${voter.representativeId}`, role: 'owner' };
    const castAt = new Date(OPENS.getTime() + i * 1000);
    decide(
      {
        type: 'CastBallot',
        data: {
          ownerId: voter.representativeId,
          choice: CHOICES[i % CHOICES.length],
          channel: 'ONLINE',
          castBy: account.id,
          now: castAt,
        },
      },
      account,
    );
  });
  return { streamId: resolutionStream(resolutionId), events };
}
