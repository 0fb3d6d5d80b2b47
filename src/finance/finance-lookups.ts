import { Injectable } from '@nestjs/common';
import { resolutionFacts, type ResolutionFacts } from '../../libs/domain/finance/authorisation.js';
import type { FundUnit } from '../../libs/domain/finance/maintenance-fund.js';
import type { RegisteredCommunity } from '../../libs/domain/registry/community.js';
import { notFound } from '../../libs/domain/shared/domain-error.js';
import { CommunityStream } from '../registry/community-stream.js';
import { ResolutionStream } from '../voting/resolution-stream.js';

/** What finance commands read from other aggregates: the roster and the resolutions that authorise spending. */
@Injectable()
export class FinanceLookups {
  constructor(
    private readonly communities: CommunityStream,
    private readonly resolutions: ResolutionStream,
  ) {}

  async community(communityId: string): Promise<RegisteredCommunity> {
    const community = await this.communities.state(communityId);
    if (community.status !== 'registered') throw notFound('COMMUNITY_NOT_FOUND', `no community ${communityId}`);
    return community;
  }

  async roster(communityId: string): Promise<FundUnit[]> {
    const community = await this.community(communityId);
    return [...community.units.values()].map((u) => ({ unitId: u.unitId, building: u.building, area: u.area }));
  }

  /** A resolution of this community (a 404 for another community's), as spending deciders need it. */
  async resolution(communityId: string, resolutionId: string): Promise<ResolutionFacts> {
    return resolutionFacts(resolutionId, await this.resolutions.inCommunity(communityId, resolutionId));
  }
}
