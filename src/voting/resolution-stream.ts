import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '@gongzhi/domain/shared/domain-error.js';
import { resolutionDecider, type ResolutionCommand, type ResolutionState } from '@gongzhi/domain/voting/resolution.js';
import { resolutionStream, type ResolutionEvent } from '@gongzhi/domain/voting/resolution.events.js';
import type { EventStore } from '@gongzhi/event-store/event-store.js';
import { Aggregate } from '../platform/event-sourcing/stream.js';
import { EVENT_STORE, EventSourcing } from '../platform/event-sourcing/event-sourcing.service.js';

export const RESOLUTION = new Aggregate<ResolutionCommand, ResolutionEvent, ResolutionState>(
  resolutionDecider,
  resolutionStream,
);

/** A resolution of this community: one of another community (or none) is a 404 before anything is decided. */
export function resolutionIn(communityId: string, resolutionId: string) {
  return RESOLUTION.stream(resolutionId, inCommunity(communityId, resolutionId));
}

/** The same, for a list of commands appended all together or not at all (a batch of paper ballots). */
export function resolutionBatchIn(communityId: string, resolutionId: string) {
  return RESOLUTION.batch(resolutionId, inCommunity(communityId, resolutionId));
}

/** Reads of resolution streams other modules' handlers consult; commands go through `EventSourcing.handle`. */
@Injectable()
export class ResolutionStream {
  constructor(
    private readonly es: EventSourcing,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The stored events themselves, ids and all: what the transparency log hashes into leaves. */
  recorded(resolutionId: string, fromRevision = 0) {
    return this.store.readStream(resolutionStream(resolutionId), { fromRevision });
  }

  /** The resolution's folded state, for other modules' deciders (money checks its outcome and budget). */
  inCommunity(communityId: string, resolutionId: string): Promise<ResolutionState> {
    return this.es.state(resolutionIn(communityId, resolutionId));
  }
}

function inCommunity(communityId: string, resolutionId: string) {
  return (state: ResolutionState) => {
    if (state.status === 'none' || state.resolution.communityId !== communityId) {
      throw notFound('RESOLUTION_NOT_FOUND', `community ${communityId} has no resolution ${resolutionId}`);
    }
  };
}
