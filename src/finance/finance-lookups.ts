import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { resolutionFacts, type Fund, type ResolutionFacts } from '@gongzhi/domain/finance/authorisation.js';
import type { FundUnit } from '@gongzhi/domain/finance/maintenance-fund.js';
import type { PublishedPeriod } from '@gongzhi/domain/finance/statement-content.js';
import type { RegisteredCommunity } from '@gongzhi/domain/registry/community.js';
import type { EventStore } from '@gongzhi/event-store/event-store.js';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config.js';
import { EVENT_STORE } from '../platform/event-sourcing/event-sourcing.service.js';
import { ApiError } from '../platform/http/error-response.js';
import { ProjectionProgress } from '../platform/projections/projection-progress.js';
import { CommunityStream } from '../registry/community-stream.js';
import { ResolutionStream } from '../voting/resolution-stream.js';
import { rows } from '../platform/database/rows.js';
import type { StatementRow } from './queries/rows.js';

/** What finance commands read from other aggregates: the roster, the resolutions that authorise spending, the sealed statements. */
@Injectable()
export class FinanceLookups {
  constructor(
    private readonly communities: CommunityStream,
    private readonly resolutions: ResolutionStream,
    private readonly dataSource: DataSource,
    private readonly progress: ProjectionProgress,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  community(communityId: string): Promise<RegisteredCommunity> {
    return this.communities.registered(communityId);
  }

  async roster(communityId: string): Promise<FundUnit[]> {
    const community = await this.community(communityId);
    return [...community.units.values()].map((u) => ({ unitId: u.unitId, building: u.building, area: u.area }));
  }

  /** A resolution of this community (a 404 for another community's), as spending deciders need it. */
  async resolution(communityId: string, resolutionId: string): Promise<ResolutionFacts> {
    return resolutionFacts(resolutionId, await this.resolutions.inCommunity(communityId, resolutionId));
  }

  /**
   * The fund's published statements, once the read model holds every event appended so far: a
   * statement sealed a moment ago must count, or its late entries would slip into the next opening.
   */
  async publishedPeriods(communityId: string, fund: Fund): Promise<PublishedPeriod[]> {
    if (!(await this.progress.waitFor(await this.store.headPosition(), this.config.afterWaitMs))) {
      throw new ApiError(
        503,
        'PROJECTIONS_BEHIND',
        'the published statements are still being read in; retry in a moment',
      );
    }
    const published = await rows<
      Pick<StatementRow, 'statement_id' | 'period_start' | 'period_end'> & { booked_through: number }
    >(
      this.dataSource,
      `SELECT statement_id, period_start, period_end, (content->>'bookedThrough')::int AS booked_through
       FROM finance_statements WHERE community_id = $1 AND fund = $2 AND status <> 'DRAFT'`,
      [communityId, fund],
    );
    return published.map((r) => ({
      statementId: r.statement_id,
      periodStart: r.period_start.toISOString(),
      periodEnd: r.period_end.toISOString(),
      bookedThrough: r.booked_through,
    }));
  }
}
