import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RegisteredCommunity } from '@gongzhi/domain/registry/community.js';
import type { VoteFacts } from '@gongzhi/domain/services/property-service.js';
import type { FiledRequest } from '@gongzhi/domain/services/request.js';
import { voteFacts } from '@gongzhi/domain/services/vote-facts.js';
import type { EventStore } from '@gongzhi/event-store/event-store.js';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config.js';
import { EVENT_STORE } from '../platform/event-sourcing/event-sourcing.service.js';
import { ApiError } from '../platform/http/error-response.js';
import { ProjectionProgress } from '../platform/projections/projection-progress.js';
import { CommunityStream } from '../registry/community-stream.js';
import { ResolutionStream } from '../voting/resolution-stream.js';
import { rows } from '../platform/database/rows.js';

/** What services commands read from other aggregates: the roster, the votes a contract or an assessment cites, the period's requests. */
@Injectable()
export class ServicesLookups {
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

  /** A vote of this community (a 404 for another community's). */
  async vote(communityId: string, resolutionId: string): Promise<VoteFacts> {
    return voteFacts(resolutionId, await this.resolutions.inCommunity(communityId, resolutionId));
  }

  /**
   * Every request of the community, once the read model holds every event appended so far: an
   * assessment counts the requests as they stand when it is published, as `verify` re-derives them.
   */
  async requests(communityId: string): Promise<FiledRequest[]> {
    if (!(await this.progress.waitFor(await this.store.headPosition(), this.config.afterWaitMs))) {
      throw new ApiError(503, 'PROJECTIONS_BEHIND', "the period's requests are still being read in; retry in a moment");
    }
    const found = await rows<{ state: FiledRequest }>(
      this.dataSource,
      'SELECT state FROM services_requests WHERE community_id = $1 ORDER BY filed_at, request_id',
      [communityId],
    );
    return found.map((r) => r.state);
  }
}
