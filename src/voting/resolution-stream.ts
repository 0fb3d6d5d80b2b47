import { Injectable } from '@nestjs/common';
import { batchDecider } from '../../libs/domain/shared/decider.js';
import { notFound } from '../../libs/domain/shared/domain-error.js';
import { resolutionDecider, type ResolutionCommand, type ResolutionState } from '../../libs/domain/voting/resolution.js';
import { resolutionStream, type ResolutionEvent } from '../../libs/domain/voting/resolution.events.js';
import { AggregateStream } from '../platform/event-sourcing/aggregate-stream.js';
import type { CommandContext } from '../platform/event-sourcing/command-context.js';
import { EventSourcing } from '../platform/event-sourcing/event-sourcing.service.js';

const batch = batchDecider(resolutionDecider);

@Injectable()
export class ResolutionStream extends AggregateStream<ResolutionCommand, ResolutionEvent, ResolutionState> {
  constructor(private readonly es: EventSourcing) {
    super(es, resolutionDecider, resolutionStream);
  }

  /** All the commands' events in one append, or none. */
  executeAll(resolutionId: string, commands: ResolutionCommand[], context: CommandContext) {
    return this.es.execute(resolutionStream(resolutionId), batch, commands, context);
  }

  /** The resolution, if it exists in this community: a resolution of another community is a 404 here. */
  async inCommunity(communityId: string, resolutionId: string): Promise<ResolutionState> {
    const state = await this.state(resolutionId);
    if (communityOf(state) !== communityId) throw notFound('RESOLUTION_NOT_FOUND', `community ${communityId} has no resolution ${resolutionId}`);
    return state;
  }
}

function communityOf(state: ResolutionState): string | null {
  return state.status === 'none' ? null : state.resolution.communityId;
}
