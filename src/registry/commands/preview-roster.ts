import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { previewOwners, previewUnits, type RowProblem } from '@gongzhi/domain/registry/roster-preview.js';
import type { UnitInput } from '@gongzhi/domain/registry/community.js';
import type { OwnerKind, RosterOwner } from '@gongzhi/domain/registry/counting.js';
import { formatArea } from '@gongzhi/domain/shared/quantities.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { COMMUNITY } from '../community-stream.js';
import { authorizeRegistry } from '../registry.access.js';

export interface RosterPreviewAnswer {
  dryRun: true;
  rows: number;
  totals: { units: number; heads: number; areaM2: string };
  problems: RowProblem[];
}

/** units:import?dryRun=true: the import judged row by row against the roster as it stands; nothing written. */
export class PreviewUnits extends Command<RosterPreviewAnswer> {
  constructor(
    readonly communityId: string,
    readonly units: UnitInput[],
    readonly problems: RowProblem[],
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(PreviewUnits)
export class PreviewUnitsHandler implements ICommandHandler<PreviewUnits> {
  constructor(private readonly es: EventSourcing) {}

  async execute({ communityId, units, problems, ctx }: PreviewUnits): Promise<RosterPreviewAnswer> {
    // A preview judges the import it previews: whoever may not import learns nothing from it either.
    authorizeRegistry(ctx, 'RegisterUnits', communityId);
    const state = await this.es.state(COMMUNITY.stream(communityId));
    const preview = previewUnits(state, units, problems);
    const { units: count, heads, area } = preview.totals;
    return {
      dryRun: true,
      rows: units.length + problems.length,
      totals: { units: count, heads, areaM2: formatArea(area) },
      problems: preview.problems,
    };
  }
}

export interface OwnersPreviewAnswer {
  dryRun: true;
  rows: number;
  kinds: Record<OwnerKind, number>;
  problems: RowProblem[];
}

/** owners:import?dryRun=true: each owner judged as the registration would judge it; nothing written. */
export class PreviewOwners extends Command<OwnersPreviewAnswer> {
  constructor(
    readonly communityId: string,
    readonly owners: (RosterOwner & { row: number })[],
    readonly problems: RowProblem[],
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(PreviewOwners)
export class PreviewOwnersHandler implements ICommandHandler<PreviewOwners> {
  constructor(private readonly es: EventSourcing) {}

  async execute({ communityId, owners, problems, ctx }: PreviewOwners): Promise<OwnersPreviewAnswer> {
    authorizeRegistry(ctx, 'RegisterOwners', communityId);
    const preview = previewOwners(await this.es.state(COMMUNITY.stream(communityId)), owners, problems);
    return { dryRun: true, rows: owners.length + problems.length, ...preview };
  }
}
