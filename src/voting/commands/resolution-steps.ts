import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { formatArea } from '../../../libs/domain/shared/quantities.js';
import { votersOf, type Voter } from '../../../libs/domain/registry/counting.js';
import { rosterForBudget } from '../../../libs/domain/voting/bearers.js';
import { canonicalJson } from '../../../libs/ledger-log/canonical-json.js';
import { authorize } from '../../platform/auth/principal.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { CommunityStream } from '../../registry/community-stream.js';
import { closeCounting, RESOLUTION_VOTE } from '../../../libs/receipts/counted-ballots.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { resolutionIn, ResolutionStream } from '../resolution-stream.js';

export type Step = 'post' | 'open' | 'close';

/** The committee moves a resolution along: posted (announced), opened, closed. */
export class AdvanceResolution extends Command<Record<string, unknown>> {
  constructor(
    readonly communityId: string,
    readonly resolutionId: string,
    readonly step: Step,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** The roster's fingerprint as frozen in the open event: anyone with the export recomputes it. */
export function rosterHash(voters: readonly Voter[]): string {
  const plain = voters.map((v) => ({ ...v, area: formatArea(v.area) }));
  return createHash('sha256').update(canonicalJson(plain)).digest('hex');
}

@CommandHandler(AdvanceResolution)
export class AdvanceResolutionHandler implements ICommandHandler<AdvanceResolution> {
  constructor(
    private readonly communities: CommunityStream,
    private readonly resolutions: ResolutionStream,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, resolutionId, step, ctx }: AdvanceResolution) {
    const actor = authorize(ctx.principal, ['committee'], communityId);
    const context = ctx.commandContext(actor, communityId);
    const now = context.now;
    if (step === 'open') {
      const community = await this.communities.registered(communityId);
      // Opening freezes the roster (DOMAIN.md rule 4): the voters as they stand now go into the event;
      // for a budget with bearers, only theirs (rule 25). A draft's budget never changes, so reading it first is safe.
      const drafted = await this.resolutions.inCommunity(communityId, resolutionId);
      const units = [...community.units.values()];
      const voters = votersOf(community.owners, units);
      const budget = drafted.status === 'none' ? null : drafted.resolution.budget;
      const frozen = rosterForBudget(budget, voters, units);
      const decision = await this.es.handle(
        resolutionIn(communityId, resolutionId),
        { type: 'OpenResolution', data: { voters, units, rosterHash: rosterHash(frozen), now } },
        context,
      );
      const opened = decision.domainEvents.find((e) => e.type === 'ResolutionOpened');
      return {
        eligible: opened?.type === 'ResolutionOpened' ? opened.data.eligible : null,
        position: String(decision.position),
      };
    }
    const decision =
      step === 'post'
        ? await this.es.handle(
            resolutionIn(communityId, resolutionId),
            { type: 'PostResolution', data: { now } },
            context,
          )
        : await closeCounting(
            RESOLUTION_VOTE,
            (from) => this.resolutions.recorded(resolutionId, from),
            (counted) =>
              this.es.handle(
                resolutionIn(communityId, resolutionId),
                { type: 'CloseResolution', data: { now, counted } },
                context,
              ),
          );
    const closed = decision.domainEvents.find((e) => e.type === 'ResolutionClosed');
    if (closed?.type === 'ResolutionClosed') {
      const { countedRoot, countedSize } = closed.data;
      return {
        ...closed.data.tally,
        resultsDueBy: closed.data.resultsDueBy,
        resultsLate: closed.data.resultsLate,
        countedRoot,
        countedSize,
        closeEventId: decision.events[0].eventId,
        position: String(decision.position),
      };
    }
    return { position: String(decision.position) };
  }
}
