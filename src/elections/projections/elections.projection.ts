import { Injectable } from '@nestjs/common';
import { ELECTION_EVENT_TYPES, type ElectionEvent } from '@gongzhi/domain/elections/election.events.js';
import { parseArea } from '@gongzhi/domain/shared/quantities.js';
import type { RecordedEvent } from '@gongzhi/event-store/event-store.js';
import { insert, RowsProjection, table, update, type RowWrite } from '../../platform/projections/row-writes.js';
import type { BallotRow, ElectionRow, VoterRow } from '../queries/rows.js';

const ELECTIONS = table<ElectionRow>('elections_elections');
const VOTERS = table<VoterRow>('elections_voters');
const BALLOTS = table<BallotRow>('elections_ballots');

const electionIdOf = (streamId: string) => streamId.slice('election-'.length);

/** The rows an election's event writes: a pure function of the event, carried out by the batch applier. */
export function electionRowsOf(recorded: RecordedEvent): RowWrite[] {
  const event = recorded as unknown as ElectionEvent;
  const election_id = electionIdOf(recorded.streamId);
  switch (event.type) {
    case 'ElectionDrafted': {
      const d = event.data;
      return [
        insert(ELECTIONS, {
          election_id: d.electionId,
          community_id: d.communityId,
          title: d.title,
          seats: d.seats,
          alternates: d.alternates,
          candidates: d.candidates,
          rulebook: d.rulebook,
          rulebook_version: d.rulebookVersion,
          status: 'DRAFT',
          opens_at: d.opensAt,
          closes_at: d.closesAt,
          drafted_at: d.draftedAt,
        }),
      ];
    }
    case 'ElectionPosted':
      return [update(ELECTIONS, { status: 'POSTED', posted_at: event.data.postedAt }, { election_id })];
    case 'ElectionOpened': {
      const d = event.data;
      return [
        update(
          ELECTIONS,
          {
            status: 'OPEN',
            opened_at: d.openedAt,
            roster_hash: d.rosterHash,
            eligible_heads: d.eligible.heads,
            eligible_area: parseArea(d.eligible.areaM2).toString(),
          },
          { election_id },
        ),
        insert(
          VOTERS,
          ...d.voters.map((v) => ({
            election_id,
            voter_id: v.voterId,
            representative_id: v.representativeId,
            owner_ids: v.ownerIds,
            unit_ids: v.unitIds,
            area: parseArea(v.area).toString(),
          })),
        ),
      ];
    }
    case 'ElectionBallotCast':
    case 'LateElectionBallotRecorded': {
      const d = event.data;
      return [
        insert(BALLOTS, {
          event_id: recorded.eventId,
          election_id,
          position: recorded.position.toString(),
          owner_id: d.ownerId,
          voter_ids: d.voterIds,
          selections: d.selections,
          channel: d.channel,
          cast_by: d.castBy,
          evidence_sha256: d.evidenceSha256,
          cast_at: d.castAt,
          late: event.type === 'LateElectionBallotRecorded',
          activated_by: d.activatedBy ?? null,
        }),
      ];
    }
    case 'ElectionClosed':
      return [
        update(
          ELECTIONS,
          {
            status: 'CLOSED',
            closed_at: event.data.closedAt,
            result: event.data.result,
            close_event_id: recorded.eventId,
          },
          { election_id },
        ),
      ];
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** Elections, their frozen rosters and every ballot, for the public result and the quorum record. */
@Injectable()
export class ElectionsProjection extends RowsProjection {
  readonly name = 'elections';
  readonly tables = ['elections_elections', 'elections_voters', 'elections_ballots'];
  readonly eventTypes = ELECTION_EVENT_TYPES;

  override rowsOf(recorded: RecordedEvent): RowWrite[] {
    return electionRowsOf(recorded);
  }
}
