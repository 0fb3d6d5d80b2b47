import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ELECTION_EVENT_TYPES, type ElectionEvent } from '../../../libs/domain/elections/election.events.js';
import { parseArea } from '../../../libs/domain/shared/quantities.js';
import type { RecordedEvent } from '../../../libs/event-store/event-store.js';
import type { Projection } from '../../platform/projections/projection.js';
import { ProjectionRegistry } from '../../platform/projections/projection-registry.js';

const electionIdOf = (streamId: string) => streamId.slice('election-'.length);

/** Elections, their frozen rosters and every ballot, for the public result and the quorum record. */
@Injectable()
export class ElectionsProjection implements Projection, OnModuleInit {
  readonly name = 'elections';
  readonly tables = ['elections_elections', 'elections_voters', 'elections_ballots'];
  readonly eventTypes = ELECTION_EVENT_TYPES;

  constructor(private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async apply(recorded: RecordedEvent, db: EntityManager): Promise<void> {
    const event = recorded as unknown as ElectionEvent;
    const electionId = electionIdOf(recorded.streamId);
    switch (event.type) {
      case 'ElectionDrafted': {
        const d = event.data;
        await db.query(
          `INSERT INTO elections_elections (election_id, community_id, title, seats, alternates, candidates, rulebook, rulebook_version, status, opens_at, closes_at, drafted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'DRAFT', $9, $10, $11) ON CONFLICT DO NOTHING`,
          [
            d.electionId,
            d.communityId,
            d.title,
            d.seats,
            d.alternates,
            JSON.stringify(d.candidates),
            d.rulebook,
            d.rulebookVersion,
            d.opensAt,
            d.closesAt,
            d.draftedAt,
          ],
        );
        return;
      }
      case 'ElectionPosted':
        await db.query(`UPDATE elections_elections SET status = 'POSTED', posted_at = $2 WHERE election_id = $1`, [
          electionId,
          event.data.postedAt,
        ]);
        return;
      case 'ElectionOpened': {
        const d = event.data;
        await db.query(
          `UPDATE elections_elections SET status = 'OPEN', opened_at = $2, roster_hash = $3, eligible_heads = $4, eligible_area = $5 WHERE election_id = $1`,
          [electionId, d.openedAt, d.rosterHash, d.eligible.heads, parseArea(d.eligible.areaM2).toString()],
        );
        await db.query(
          `INSERT INTO elections_voters (election_id, voter_id, representative_id, owner_ids, unit_ids, area)
           SELECT $1, v.voter_id, v.representative_id,
                  ARRAY(SELECT jsonb_array_elements_text(v.owner_ids)), ARRAY(SELECT jsonb_array_elements_text(v.unit_ids)), v.area
           FROM jsonb_to_recordset($2::jsonb) AS v(voter_id text, representative_id text, owner_ids jsonb, unit_ids jsonb, area bigint)
           ON CONFLICT DO NOTHING`,
          [
            electionId,
            JSON.stringify(
              d.voters.map((v) => ({
                voter_id: v.voterId,
                representative_id: v.representativeId,
                owner_ids: v.ownerIds,
                unit_ids: v.unitIds,
                area: parseArea(v.area).toString(),
              })),
            ),
          ],
        );
        return;
      }
      case 'ElectionBallotCast':
      case 'LateElectionBallotRecorded': {
        const d = event.data;
        await db.query(
          `INSERT INTO elections_ballots (event_id, election_id, position, owner_id, voter_ids, selections, channel, cast_by, evidence_sha256, cast_at, late, activated_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
          [
            recorded.eventId,
            electionId,
            recorded.position.toString(),
            d.ownerId,
            d.voterIds,
            d.selections,
            d.channel,
            d.castBy,
            d.evidenceSha256,
            d.castAt,
            event.type === 'LateElectionBallotRecorded',
            d.activatedBy ?? null,
          ],
        );
        return;
      }
      case 'ElectionClosed':
        await db.query(
          `UPDATE elections_elections SET status = 'CLOSED', closed_at = $2, result = $3, close_event_id = $4 WHERE election_id = $1`,
          [electionId, event.data.closedAt, JSON.stringify(event.data.result), recorded.eventId],
        );
        return;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  }
}
