import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { parseArea } from '../../../libs/domain/shared/quantities.js';
import {
  RESOLUTION_EVENT_TYPES,
  type BallotData,
  type ResolutionEvent,
} from '../../../libs/domain/voting/resolution.events.js';
import type { RecordedEvent } from '../../../libs/event-store/event-store.js';
import type { Projection } from '../../platform/projections/projection.js';
import { ProjectionRegistry } from '../../platform/projections/projection-registry.js';

const resolutionIdOf = (streamId: string) => streamId.slice('resolution-'.length);
const BALLOT_TYPES: ReadonlySet<string> = new Set(['BallotCast', 'LateBallotRecorded']);

/** Resolutions, their frozen rosters and every ballot ever recorded, for the public and the regulator. */
@Injectable()
export class VotingProjection implements Projection, OnModuleInit {
  readonly name = 'voting';
  readonly tables = ['voting_resolutions', 'voting_voters', 'voting_ballots'];
  readonly eventTypes = RESOLUTION_EVENT_TYPES;

  constructor(private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** Ballots come in runs (a vote's last evening): a run is one insert; anything else as apply does it. */
  async applyBatch(events: readonly RecordedEvent[], db: EntityManager): Promise<void> {
    let run: RecordedEvent[] = [];
    for (const event of events) {
      if (BALLOT_TYPES.has(event.type)) {
        run.push(event);
        continue;
      }
      if (run.length) await this.insertBallots(run, db);
      run = [];
      await this.apply(event, db);
    }
    if (run.length) await this.insertBallots(run, db);
  }

  private async insertBallots(events: readonly RecordedEvent[], db: EntityManager): Promise<void> {
    const ballots = events.map((recorded) => ({
      recorded,
      ballot: recorded.data as BallotData,
      late: recorded.type === 'LateBallotRecorded',
    }));
    await db.query(
      `INSERT INTO voting_ballots (event_id, resolution_id, community_id, position, owner_id, voter_ids, choice, ranking, channel, cast_by, proxy_owner_id, evidence_sha256, cast_at, late, activated_by)
       SELECT b.event_id, b.resolution_id, b.community_id, b.position, b.owner_id, ARRAY(SELECT jsonb_array_elements_text(b.voter_ids)), b.choice,
              CASE WHEN b.ranking IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(b.ranking)) END,
              b.channel, b.cast_by, b.proxy_owner_id, b.evidence_sha256, b.cast_at, b.late, b.activated_by
       FROM jsonb_to_recordset($1::jsonb) AS b(event_id uuid, resolution_id text, community_id text, position bigint, owner_id text, voter_ids jsonb, choice text,
            ranking jsonb, channel text, cast_by text, proxy_owner_id text, evidence_sha256 text, cast_at timestamptz, late boolean, activated_by text)
       ON CONFLICT DO NOTHING`,
      [
        JSON.stringify(
          ballots.map(({ recorded, ballot: d, late }) => ({
            event_id: recorded.eventId,
            resolution_id: resolutionIdOf(recorded.streamId),
            community_id: recorded.metadata.communityId,
            position: recorded.position.toString(),
            owner_id: d.ownerId,
            voter_ids: d.voterIds,
            choice: d.choice,
            ranking: d.ranking ?? null,
            channel: d.channel,
            cast_by: d.castBy,
            proxy_owner_id: d.proxyOwnerId,
            evidence_sha256: d.evidenceSha256,
            cast_at: d.castAt,
            late,
            activated_by: d.activatedBy ?? null,
          })),
        ),
      ],
    );
  }

  async apply(recorded: RecordedEvent, db: EntityManager): Promise<void> {
    const event = recorded as unknown as ResolutionEvent;
    const resolutionId = resolutionIdOf(recorded.streamId);
    switch (event.type) {
      case 'ResolutionDrafted': {
        const d = event.data;
        await db.query(
          `INSERT INTO voting_resolutions (resolution_id, community_id, title, description, matter, rulebook, rulebook_version, status, opens_at, closes_at, budget, options, drafted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'DRAFT', $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
          [
            d.resolutionId,
            d.communityId,
            d.title,
            d.description,
            d.matter,
            d.rulebook,
            d.rulebookVersion,
            d.opensAt,
            d.closesAt,
            d.budget,
            d.options ? JSON.stringify(d.options) : null,
            d.draftedAt,
          ],
        );
        return;
      }
      case 'ResolutionPosted':
        await db.query(`UPDATE voting_resolutions SET status = 'POSTED', posted_at = $2 WHERE resolution_id = $1`, [
          resolutionId,
          event.data.postedAt,
        ]);
        return;
      case 'ResolutionOpened': {
        const d = event.data;
        await db.query(
          `UPDATE voting_resolutions SET status = 'OPEN', opened_at = $2, roster_hash = $3, eligible_heads = $4, eligible_area = $5 WHERE resolution_id = $1`,
          [resolutionId, d.openedAt, d.rosterHash, d.eligible.heads, parseArea(d.eligible.areaM2).toString()],
        );
        await db.query(
          `INSERT INTO voting_voters (resolution_id, voter_id, representative_id, owner_ids, unit_ids, area)
           SELECT $1, v.voter_id, v.representative_id,
                  ARRAY(SELECT jsonb_array_elements_text(v.owner_ids)), ARRAY(SELECT jsonb_array_elements_text(v.unit_ids)), v.area
           FROM jsonb_to_recordset($2::jsonb) AS v(voter_id text, representative_id text, owner_ids jsonb, unit_ids jsonb, area bigint)
           ON CONFLICT DO NOTHING`,
          [
            resolutionId,
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
      case 'ProxyAuthorised':
        return;
      case 'BallotCast':
      case 'LateBallotRecorded':
        return this.insertBallots([recorded], db);
      case 'ResolutionClosed': {
        const d = event.data;
        await db.query(
          `UPDATE voting_resolutions SET status = 'CLOSED', closed_at = $2, tally = $3, outcome = $4, results_due_by = $5, results_late = $6,
                  close_event_id = $7, close_position = $8 WHERE resolution_id = $1`,
          [
            resolutionId,
            d.closedAt,
            d.tally,
            d.tally.outcome,
            d.resultsDueBy,
            d.resultsLate,
            recorded.eventId,
            recorded.position.toString(),
          ],
        );
        return;
      }
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  }
}
