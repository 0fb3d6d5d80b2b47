import { Injectable } from '@nestjs/common';
import { communityDecider, type CommunityCommand, type CommunityState } from '../../libs/domain/registry/community.js';
import { communityStream } from '../../libs/domain/registry/community.events.js';
import type { CommandContext } from '../platform/event-sourcing/command-context.js';
import { EventSourcing } from '../platform/event-sourcing/event-sourcing.service.js';

/** The community aggregate's stream: every registry command goes through here. */
@Injectable()
export class CommunityStream {
  constructor(private readonly eventSourcing: EventSourcing) {}

  async execute(communityId: string, command: CommunityCommand, context: CommandContext) {
    const decision = await this.eventSourcing.execute(communityStream(communityId), communityDecider, command, context);
    return { state: decision.state, position: decision.position };
  }

  /** Current state, folded from the events: for other modules' deciders, never from projections. */
  async state(communityId: string): Promise<CommunityState> {
    return (await this.eventSourcing.load(communityStream(communityId), communityDecider)).state;
  }
}
