import { Inject, Injectable } from '@nestjs/common';
import { batchDecider } from '../../libs/domain/shared/decider.js';
import { notFound } from '../../libs/domain/shared/domain-error.js';
import {
  resolutionDecider,
  type ResolutionCommand,
  type ResolutionState,
} from '../../libs/domain/voting/resolution.js';
import { resolutionStream, type ResolutionEvent } from '../../libs/domain/voting/resolution.events.js';
import { AggregateStream } from '../platform/event-sourcing/aggregate-stream.js';
import type { CommandContext } from '../platform/event-sourcing/command-context.js';
import type { EventStore } from '../../libs/event-store/event-store.js';
import { EVENT_STORE, EventSourcing } from '../platform/event-sourcing/event-sourcing.service.js';

const batch = batchDecider(resolutionDecider);

@Injectable()
export class ResolutionStream extends AggregateStream<ResolutionCommand, ResolutionEvent, ResolutionState> {
  constructor(
    private readonly es: EventSourcing,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    super(es, resolutionDecider, resolutionStream);
  }

  /** The stored events themselves, ids and all: what the transparency log hashes into leaves. */
  recorded(resolutionId: string, fromRevision = 0) {
    return this.store.readStream(resolutionStream(resolutionId), { fromRevision });
  }

  /** A command on a resolution of this community; one of another community is a 404 here. */
  executeIn(communityId: string, resolutionId: string, command: ResolutionCommand, context: CommandContext) {
    return this.execute(resolutionId, command, context, inCommunity(communityId, resolutionId));
  }

  /** The resolution's folded state, for other modules' deciders (money checks its outcome and budget). */
  async inCommunity(communityId: string, resolutionId: string): Promise<ResolutionState> {
    const state = await this.state(resolutionId);
    inCommunity(communityId, resolutionId)(state);
    return state;
  }

  /** All the commands' events in one append, or none. */
  executeAllIn(communityId: string, resolutionId: string, commands: ResolutionCommand[], context: CommandContext) {
    return this.es.execute(
      resolutionStream(resolutionId),
      batch,
      commands,
      context,
      inCommunity(communityId, resolutionId),
    );
  }
}

function inCommunity(communityId: string, resolutionId: string) {
  return (state: ResolutionState) => {
    if (state.status === 'none' || state.resolution.communityId !== communityId) {
      throw notFound('RESOLUTION_NOT_FOUND', `community ${communityId} has no resolution ${resolutionId}`);
    }
  };
}
