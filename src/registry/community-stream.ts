import { Injectable } from '@nestjs/common';
import { communityDecider, type CommunityCommand, type CommunityState } from '../../libs/domain/registry/community.js';
import { communityStream, type CommunityEvent } from '../../libs/domain/registry/community.events.js';
import { AggregateStream } from '../platform/event-sourcing/aggregate-stream.js';
import { EventSourcing } from '../platform/event-sourcing/event-sourcing.service.js';

@Injectable()
export class CommunityStream extends AggregateStream<CommunityCommand, CommunityEvent, CommunityState> {
  constructor(eventSourcing: EventSourcing) {
    super(eventSourcing, communityDecider, communityStream);
  }
}
