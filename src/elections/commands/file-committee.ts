import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AppointedBody, GovernanceCommand } from '@gongzhi/domain/elections/governance.js';
import type { CommunityState } from '@gongzhi/domain/registry/community.js';
import { authorizeElections } from '../elections.access.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { CommunityStream } from '../../registry/community-stream.js';
import { CommitteeGrants } from '../committee-grants.js';
import { ElectionStream, GOVERNANCE } from '../election-stream.js';

export class FileCommittee extends Command<{ decision: string; position: string | null }> {
  constructor(
    readonly communityId: string,
    readonly data: { electionId: string; closeEventId: string; decision: 'FILED' | 'REFUSED'; reason?: string },
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** The body the community stream has appointed, if any: what a filing supersedes. */
export function appointedBody(community: CommunityState): AppointedBody | null {
  if (community.status !== 'registered' || !community.managingBody) return null;
  return { kind: community.managingBody.kind, appointedAt: community.managingBody.appointedAt };
}

/**
 * Rule 16: the street office files the elected committee (or refuses, with a reason) after reviewing
 * the election's quorum record. From the filing on, the elected members hold the committee role.
 */
@CommandHandler(FileCommittee)
export class FileCommitteeHandler implements ICommandHandler<FileCommittee> {
  constructor(
    private readonly communities: CommunityStream,
    private readonly elections: ElectionStream,
    private readonly grants: CommitteeGrants,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, data, ctx }: FileCommittee) {
    const actor = authorizeElections(ctx, 'FileCommittee', communityId);
    const community = await this.communities.registered(communityId);
    const election = await this.elections.inCommunity(communityId, data.electionId);
    const context = ctx.commandContext(actor, communityId);
    const commands: GovernanceCommand[] = [];
    // The close normally recorded the election already; this puts it right if that append was lost.
    const closeEventId = election.status === 'closed' ? await this.elections.closeEventId(data.electionId) : null;
    if (election.status === 'closed' && closeEventId) {
      const { closedAt, result } = election.closed;
      commands.push({
        type: 'RecordElection',
        data: {
          electionId: data.electionId,
          title: election.election.title,
          closedAt,
          closeEventId,
          termYears: election.election.termYears,
          result,
          byElection: election.election.byElection,
        },
      });
    }
    commands.push({
      type: 'FileCommittee',
      data: {
        ...data,
        filedBy: actor.id,
        households: community.units.size,
        appointed: appointedBody(community),
        now: context.now,
      },
    });
    const decision = await this.es.handle(GOVERNANCE.batch(communityId), commands, context);
    if (data.decision === 'FILED') await this.grants.handOver(communityId, decision.state);
    return { decision: data.decision, position: decision.position === null ? null : String(decision.position) };
  }
}
