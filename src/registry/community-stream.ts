import { Injectable } from '@nestjs/common';
import {
  communityDecider,
  type CommunityCommand,
  type CommunityState,
  type RegisteredCommunity,
} from '../../libs/domain/registry/community.js';
import { notFound } from '../../libs/domain/shared/domain-error.js';
import { communityStream, type CommunityEvent } from '../../libs/domain/registry/community.events.js';
import { AggregateStream } from '../platform/event-sourcing/aggregate-stream.js';
import { EventSourcing } from '../platform/event-sourcing/event-sourcing.service.js';

@Injectable()
export class CommunityStream extends AggregateStream<CommunityCommand, CommunityEvent, CommunityState> {
  constructor(eventSourcing: EventSourcing) {
    super(eventSourcing, communityDecider, communityStream);
  }

  /** The community as registered, or 404 COMMUNITY_NOT_FOUND: where every command about its roster starts. */
  async registered(communityId: string): Promise<RegisteredCommunity> {
    const community = await this.state(communityId);
    if (community.status !== 'registered') throw notFound('COMMUNITY_NOT_FOUND', `no community ${communityId}`);
    return community;
  }
}
