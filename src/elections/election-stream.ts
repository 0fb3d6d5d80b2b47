import { Inject, Injectable } from '@nestjs/common';
import { electionDecider, type ElectionCommand, type ElectionState } from '../../libs/domain/elections/election.js';
import { electionStream, type ElectionEvent } from '../../libs/domain/elections/election.events.js';
import {
  governanceDecider,
  type GovernanceCommand,
  type GovernanceState,
} from '../../libs/domain/elections/governance.js';
import { governanceStream, type GovernanceEvent } from '../../libs/domain/elections/governance.events.js';
import { batchDecider } from '../../libs/domain/shared/decider.js';
import { notFound } from '../../libs/domain/shared/domain-error.js';
import type { EventStore } from '../../libs/event-store/event-store.js';
import { AggregateStream } from '../platform/event-sourcing/aggregate-stream.js';
import type { CommandContext } from '../platform/event-sourcing/command-context.js';
import { EVENT_STORE, EventSourcing } from '../platform/event-sourcing/event-sourcing.service.js';

const electionBatch = batchDecider(electionDecider);
const governanceBatch = batchDecider(governanceDecider);

@Injectable()
export class ElectionStream extends AggregateStream<ElectionCommand, ElectionEvent, ElectionState> {
  constructor(
    private readonly es: EventSourcing,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    super(es, electionDecider, electionStream);
  }

  /** The id of the election's close event, which the quorum record names; null while it is open. */
  async closeEventId(electionId: string): Promise<string | null> {
    const events = await this.store.readStream(electionStream(electionId));
    return events.find((e) => e.type === 'ElectionClosed')?.eventId ?? null;
  }

  /** The stored events themselves, ids and all: what the transparency log hashes into leaves. */
  recorded(electionId: string, fromRevision = 0) {
    return this.store.readStream(electionStream(electionId), { fromRevision });
  }

  /** A batch of paper ballots: all appended together, or none. */
  executeAll(electionId: string, commands: ElectionCommand[], context: CommandContext) {
    return this.es.execute(electionStream(electionId), electionBatch, commands, context);
  }

  /** An election of another community is a 404 here. */
  async inCommunity(communityId: string, electionId: string): Promise<ElectionState> {
    const state = await this.state(electionId);
    if (state.status === 'none' || state.election.communityId !== communityId) {
      throw notFound('ELECTION_NOT_FOUND', `community ${communityId} has no election ${electionId}`);
    }
    return state;
  }
}

/** One governance stream per community: elections held, filings, resignations, PMC dissolution. */
@Injectable()
export class GovernanceStream extends AggregateStream<GovernanceCommand, GovernanceEvent, GovernanceState> {
  constructor(private readonly es: EventSourcing) {
    super(es, governanceDecider, governanceStream);
  }

  executeAll(communityId: string, commands: GovernanceCommand[], context: CommandContext) {
    return this.es.execute(governanceStream(communityId), governanceBatch, commands, context);
  }
}
