import { Injectable } from '@nestjs/common';
import {
  communityDecider,
  type CommunityCommand,
  type CommunityState,
  type RegisteredCommunity,
} from '@gongzhi/domain/registry/community.js';
import { notFound } from '@gongzhi/domain/shared/domain-error.js';
import { communityStream, type CommunityEvent } from '@gongzhi/domain/registry/community.events.js';
import { EventSourcing } from '../platform/event-sourcing/event-sourcing.service.js';
import { Aggregate } from '../platform/event-sourcing/stream.js';

export const COMMUNITY = new Aggregate<CommunityCommand, CommunityEvent, CommunityState>(
  communityDecider,
  communityStream,
);

/** Reads of community streams that every module's handlers consult; commands go through `EventSourcing.handle`. */
@Injectable()
export class CommunityStream {
  constructor(private readonly es: EventSourcing) {}

  /** The community as registered, or 404 COMMUNITY_NOT_FOUND: where every command about its roster starts. */
  async registered(communityId: string): Promise<RegisteredCommunity> {
    const community = await this.es.state(COMMUNITY.stream(communityId));
    if (community.status !== 'registered') throw notFound('COMMUNITY_NOT_FOUND', `no community ${communityId}`);
    return community;
  }
}
