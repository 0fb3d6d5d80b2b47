import { Inject, Injectable } from '@nestjs/common';
import { electionDecider, type ElectionCommand, type ElectionState } from '@gongzhi/domain/elections/election.js';
import { electionStream, type ElectionEvent } from '@gongzhi/domain/elections/election.events.js';
import {
  governanceDecider,
  type GovernanceCommand,
  type GovernanceState,
} from '@gongzhi/domain/elections/governance.js';
import { governanceStream, type GovernanceEvent } from '@gongzhi/domain/elections/governance.events.js';
import { notFound } from '@gongzhi/domain/shared/domain-error.js';
import type { EventStore } from '@gongzhi/event-store/event-store.js';
import { EVENT_STORE, EventSourcing } from '../platform/event-sourcing/event-sourcing.service.js';
import { Aggregate } from '../platform/event-sourcing/stream.js';

export const ELECTION = new Aggregate<ElectionCommand, ElectionEvent, ElectionState>(electionDecider, electionStream);

/** One governance stream per community: elections held, filings, resignations, PMC dissolution. */
export const GOVERNANCE = new Aggregate<GovernanceCommand, GovernanceEvent, GovernanceState>(
  governanceDecider,
  governanceStream,
);

/** Reads of election streams the handlers consult; commands go through `EventSourcing.handle`. */
@Injectable()
export class ElectionStream {
  constructor(
    private readonly es: EventSourcing,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The id of the election's close event, which the quorum record names; null while it is open. */
  async closeEventId(electionId: string): Promise<string | null> {
    const events = await this.store.readStream(electionStream(electionId));
    return events.find((e) => e.type === 'ElectionClosed')?.eventId ?? null;
  }

  /** The stored events themselves, ids and all: what the transparency log hashes into leaves. */
  recorded(electionId: string, fromRevision = 0) {
    return this.store.readStream(electionStream(electionId), { fromRevision });
  }

  /** An election of another community is a 404 here. */
  inCommunity(communityId: string, electionId: string): Promise<ElectionState> {
    return this.es.state(
      ELECTION.stream(electionId, (state) => {
        if (state.status === 'none' || state.election.communityId !== communityId) {
          throw notFound('ELECTION_NOT_FOUND', `community ${communityId} has no election ${electionId}`);
        }
      }),
    );
  }
}
