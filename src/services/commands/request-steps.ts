import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { notFound } from '@gongzhi/domain/shared/domain-error.js';
import type { RequestCommand, RequestState } from '@gongzhi/domain/services/request.js';
import type { Handler, RequesterKind } from '@gongzhi/domain/services/request.events.js';
import type { Actor } from '../../platform/auth/principal.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { nameBasedUuid } from '../../platform/event-sourcing/command-context.js';
import { CompanyStaff } from '../company-staff.js';
import { ServicesLookups } from '../services-lookups.js';
import { REQUEST } from '../services-streams.js';
import { actsForCompany, authorizeServices, SERVICES_ACCESS } from '../services.access.js';

type Filing = Omit<
  Extract<RequestCommand, { type: 'FileRequest' }>['data'],
  'requestId' | 'communityId' | 'rulebook' | 'requester' | 'roster' | 'now'
>;

/** Rule 34: who files as what. An owner for themself; the committee for a resident at its desk; the community office for itself. */
const REQUESTER_OF: Record<string, RequesterKind> = {
  owner: 'OWNER',
  committee: 'RESIDENT',
  regulator: 'COMMUNITY_OFFICE',
} satisfies Record<(typeof SERVICES_ACCESS)['FileRequest'][number], RequesterKind>;

export class FileRequest extends Command<{ id: string; acknowledgeBy: string; resolveBy: string; position: string }> {
  constructor(
    readonly communityId: string,
    readonly filing: Filing,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** The steps after filing; SERVICES_ACCESS names who may take each. */
export type Step = Exclude<RequestCommand, { type: 'FileRequest' }>;
type StepInput =
  | { type: 'DispatchRequest'; data: { handler: string } }
  | { type: 'AcceptRequest'; data: Record<string, never> }
  | { type: 'ResolveRequest'; data: { whatWasDone: string; photoSha256s: string[] } }
  | { type: 'RateRequest'; data: { rating: string } }
  | { type: 'ReopenRequest'; data: { reason: string } };

export class TakeRequestStep extends Command<{ position: string }> {
  constructor(
    readonly communityId: string,
    readonly requestId: string,
    readonly step: StepInput,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** The handler a desk stands for: the property company's staff stand for PROPERTY_COMPANY, every other desk for none. */
export const actingForOf = (actor: Pick<Actor, 'role'>): Handler | null =>
  actsForCompany(actor) ? 'PROPERTY_COMPANY' : null;

/** A request of another community is a 404 here, checked on the state the step is decided on. */
export function inCommunity(communityId: string, requestId: string) {
  return (state: RequestState) => {
    if (state.status === 'none' || state.filed.communityId !== communityId)
      throw notFound('REQUEST_NOT_FOUND', `community ${communityId} has no request ${requestId}`);
  };
}

@CommandHandler(FileRequest)
export class FileRequestHandler implements ICommandHandler<FileRequest> {
  constructor(
    private readonly lookups: ServicesLookups,
    private readonly es: EventSourcing,
  ) {}

  async execute({ communityId, filing, ctx }: FileRequest) {
    const actor = authorizeServices(ctx, 'FileRequest', communityId);
    const community = await this.lookups.community(communityId);
    const units = [...community.units.values()];
    const context = ctx.commandContext(actor, communityId);
    const requestId = nameBasedUuid('request', context.commandId);
    const { state, position } = await this.es.handle(
      REQUEST.stream(requestId),
      {
        type: 'FileRequest',
        data: {
          ...filing,
          requestId,
          communityId,
          rulebook: community.rulebook,
          requester: { kind: REQUESTER_OF[actor.role], accountId: actor.id },
          roster: { units: new Set(units.map((u) => u.unitId)), buildings: new Set(units.map((u) => u.building)) },
          now: context.now,
        },
      },
      context,
    );
    const filed = state as Exclude<RequestState, { status: 'none' }>;
    return {
      id: requestId,
      acknowledgeBy: filed.filed.acknowledgeBy,
      resolveBy: filed.filed.resolveBy,
      position: String(position),
    };
  }
}

@CommandHandler(TakeRequestStep)
export class TakeRequestStepHandler implements ICommandHandler<TakeRequestStep> {
  constructor(
    private readonly es: EventSourcing,
    private readonly staff: CompanyStaff,
  ) {}

  async execute({ communityId, requestId, step, ctx }: TakeRequestStep) {
    // Who may take each step (SERVICES_ACCESS): accepting and resolving also the property company's staff, for
    // what was dispatched to the company (the decider checks); the requester's own steps whoever filed.
    const actor = authorizeServices(ctx, step.type, communityId);
    const context = ctx.commandContext(actor, communityId);
    const now = context.now;
    if (actsForCompany(actor)) await this.staff.assertServing(communityId, actor, now);
    const actingFor = actingForOf(actor);
    const command: Step =
      step.type === 'RateRequest' || step.type === 'ReopenRequest'
        ? ({ type: step.type, data: { ...step.data, accountId: actor.id, now } } as Step)
        : step.type === 'AcceptRequest' || step.type === 'ResolveRequest'
          ? ({ type: step.type, data: { ...step.data, now, actingFor } } as Step)
          : { type: step.type, data: { ...step.data, now } };
    const { state, position } = await this.es.handle(
      REQUEST.stream(requestId, inCommunity(communityId, requestId)),
      command,
      context,
    );
    const late =
      state.status !== 'none' && (step.type === 'AcceptRequest' || step.type === 'ResolveRequest')
        ? { lateSteps: state.lateSteps }
        : {};
    return { status: state.status, ...late, position: String(position) };
  }
}
