import { ownEntry } from '@gongzhi/domain/shared/records.js';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PropertyServiceCommand } from '@gongzhi/domain/services/property-service.js';
import { periodKey } from '@gongzhi/domain/services/property-service.js';
import { periodRequests, requestFigures } from '@gongzhi/domain/services/request-figures.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { CompanyStaff } from '../company-staff.js';
import { ServicesLookups } from '../services-lookups.js';
import { PROPERTY_SERVICE } from '../services-streams.js';
import { authorizeServices } from '../services.access.js';

type Data<T extends PropertyServiceCommand['type']> = Omit<Extract<PropertyServiceCommand, { type: T }>['data'], 'now'>;

export type PropertyServiceInput =
  | { type: 'RegisterCompany'; data: Data<'RegisterCompany'> }
  | { type: 'SignContract'; data: Omit<Data<'SignContract'>, 'menu'> & { menuResolutionId: string | null } }
  | {
      type: 'PublishAssessment';
      data: { contractId: string; periodId: string; surveys: { itemId: string; resolutionId: string }[] };
    }
  | { type: 'ReleaseFee'; data: { contractId: string; periodId: string } }
  | { type: 'RecordPartyOrganisation'; data: { present: boolean } };

export class PropertyServiceStep extends Command<Record<string, unknown> & { position: string }> {
  constructor(
    readonly communityId: string,
    readonly input: PropertyServiceInput,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(PropertyServiceStep)
export class PropertyServiceStepHandler implements ICommandHandler<PropertyServiceStep> {
  constructor(
    private readonly lookups: ServicesLookups,
    private readonly es: EventSourcing,
    private readonly staff: CompanyStaff,
  ) {}

  async execute({ communityId, input, ctx }: PropertyServiceStep) {
    // The committee contracts and assesses; the street office records party organisations (rule 38).
    const actor = authorizeServices(ctx, input.type, communityId);
    const context = await ctx.stepContext(actor, communityId, this.lookups.community(communityId));
    const command = await this.command(communityId, input, context.now, context.commandId);
    const { state, events, position } = await this.es.handle(PROPERTY_SERVICE.stream(communityId), command, context);
    const answer: Record<string, unknown> = { position: String(position) };
    if (command.type === 'PublishAssessment')
      Object.assign(answer, state.assessments[periodKey(command.data.contractId, command.data.periodId)]);
    if (command.type === 'ReleaseFee') Object.assign(answer, events[0]?.data);
    // Another company registered: the former company's staff lose its desk (their grants and unused codes).
    if (command.type === 'RegisterCompany' && events.length > 0)
      await this.staff.replaceCompany(communityId, command.data.companyId, context.now);
    return answer as Record<string, unknown> & { position: string };
  }

  private async command(
    communityId: string,
    input: PropertyServiceInput,
    now: Date,
    commandId: string,
  ): Promise<PropertyServiceCommand> {
    switch (input.type) {
      case 'SignContract': {
        const { menuResolutionId, ...rest } = input.data;
        const menu = menuResolutionId ? await this.lookups.vote(communityId, menuResolutionId) : null;
        return { type: 'SignContract', data: { ...rest, menu, now } };
      }
      case 'PublishAssessment': {
        const { contractId, periodId, surveys } = input.data;
        const state = await this.es.state(PROPERTY_SERVICE.stream(communityId));
        const period = ownEntry(state.contracts, contractId)?.periods.find((p) => p.periodId === periodId);
        // The decider names what is missing; the figures need the period to exist first.
        const requests = period
          ? requestFigures(periodRequests(await this.lookups.requests(communityId), period), now)
          : { counted: 0, onTime: 0, rated: 0, satisfied: 0, reopened: 0 };
        const votes = [];
        for (const s of surveys)
          votes.push({ itemId: s.itemId, vote: await this.lookups.vote(communityId, s.resolutionId) });
        return {
          type: 'PublishAssessment',
          data: {
            assessmentId: nameBasedUuid('assessment', commandId),
            contractId,
            periodId,
            surveys: votes,
            requests,
            now,
          },
        };
      }
      case 'ReleaseFee':
        return { type: 'ReleaseFee', data: { ...input.data, releaseId: nameBasedUuid('fee-release', commandId), now } };
      case 'RegisterCompany':
        return { type: 'RegisterCompany', data: { ...input.data, now } };
      case 'RecordPartyOrganisation':
        return { type: 'RecordPartyOrganisation', data: { ...input.data, now } };
      default: {
        const _exhaustive: never = input;
        return _exhaustive;
      }
    }
  }
}
