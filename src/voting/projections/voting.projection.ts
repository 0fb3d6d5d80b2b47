import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { parseArea } from '@gongzhi/domain/shared/quantities.js';
import {
  RESOLUTION_EVENT_TYPES,
  type BallotData,
  type ResolutionEvent,
} from '@gongzhi/domain/voting/resolution.events.js';
import type { RecordedEvent } from '@gongzhi/event-store/event-store.js';
import type { Projection, Replay } from '../../platform/projections/projection.js';
import { ProjectionRegistry } from '../../platform/projections/projection-registry.js';

const resolutionIdOf = (streamId: string) => streamId.slice('resolution-'.length);
const BALLOT_TYPES: ReadonlySet<string> = new Set(['BallotCast', 'LateBallotRecorded']);

/** A voting_ballots row as the insert sends it: text where PostgreSQL casts (uuid, bigint, timestamptz, text[]). */
interface BallotRow {
  eventId: string;
  resolutionId: string;
  communityId: string | null;
  /** bigint as text. */
  position: string;
  ownerId: string;
  /** A PostgreSQL array literal of the voter ids. */
  voterIds: string;
  choice: string;
  /** A PostgreSQL array literal of a menu vote's ranking; null without one. */
  ranking: string | null;
  channel: string;
  castBy: string;
  proxyOwnerId: string | null;
  evidenceSha256: string | null;
  castAt: string;
  late: boolean;
  activatedBy: string | null;
}

function ballotRow(recorded: RecordedEvent): BallotRow {
  const d = recorded.data as BallotData;
  return {
    eventId: recorded.eventId,
    resolutionId: resolutionIdOf(recorded.streamId),
    communityId: recorded.metadata.communityId ?? null,
    position: recorded.position.toString(),
    ownerId: d.ownerId,
    voterIds: arrayLiteral(d.voterIds),
    choice: d.choice,
    ranking: d.ranking == null ? null : arrayLiteral(d.ranking),
    channel: d.channel,
    castBy: d.castBy,
    proxyOwnerId: d.proxyOwnerId ?? null,
    evidenceSha256: d.evidenceSha256 ?? null,
    castAt: d.castAt,
    late: recorded.type === 'LateBallotRecorded',
    activatedBy: d.activatedBy ?? null,
  };
}

/**
 * A text[] literal: every element quoted, its backslashes and quotes escaped, so that no id (a comma, a
 * brace, the word NULL, spaces) reads as anything but itself.
 */
export function arrayLiteral(values: readonly string[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== 'string') throw new TypeError(`array element ${i} is not a string`);
    literal += `${i ? ',' : ''}"${values[i].replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  }
  return `${literal}}`;
}

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
  async applyBatch(events: readonly RecordedEvent[], db: EntityManager, replay?: Replay): Promise<void> {
    let run: RecordedEvent[] = [];
    for (const event of events) {
      if (BALLOT_TYPES.has(event.type)) {
        run.push(event);
        continue;
      }
      if (run.length) await this.insertBallots(run, db, replay);
      run = [];
      await this.apply(event, db);
    }
    if (run.length) await this.insertBallots(run, db, replay);
  }

  /**
   * One statement for the run, its columns as typed arrays (unnest): PostgreSQL parses each array once,
   * where a jsonb recordset cost a JSON parse of the whole run and two subqueries a ballot (issue 17).
   * The ballot's own arrays (voter ids, ranking) go as array literals, cast per row. A rebuild's fresh
   * tables need no ON CONFLICT (Replay).
   */
  private async insertBallots(events: readonly RecordedEvent[], db: EntityManager, replay?: Replay): Promise<void> {
    const rows = events.map(ballotRow);
    const column = <K extends keyof BallotRow>(key: K): BallotRow[K][] => rows.map((row) => row[key]);
    await db.query(
      `INSERT INTO voting_ballots (event_id, resolution_id, community_id, position, owner_id, voter_ids, choice, ranking, channel, cast_by, proxy_owner_id, evidence_sha256, cast_at, late, activated_by)
       SELECT b.event_id, b.resolution_id, b.community_id, b.position, b.owner_id, b.voter_ids::text[], b.choice, b.ranking::text[],
              b.channel, b.cast_by, b.proxy_owner_id, b.evidence_sha256, b.cast_at, b.late, b.activated_by
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                   $11::text[], $12::text[], $13::timestamptz[], $14::boolean[], $15::text[])
            AS b(event_id, resolution_id, community_id, position, owner_id, voter_ids, choice, ranking, channel, cast_by,
                 proxy_owner_id, evidence_sha256, cast_at, late, activated_by)
       ${replay?.fresh ? '' : 'ON CONFLICT DO NOTHING'}`,
      [
        column('eventId'),
        column('resolutionId'),
        column('communityId'),
        column('position'),
        column('ownerId'),
        column('voterIds'),
        column('choice'),
        column('ranking'),
        column('channel'),
        column('castBy'),
        column('proxyOwnerId'),
        column('evidenceSha256'),
        column('castAt'),
        column('late'),
        column('activatedBy'),
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
