import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@gongzhi/domain/shared/domain-error.js';
import { resolutionStream } from '@gongzhi/domain/voting/resolution.events.js';
import type { EventStore } from '@gongzhi/event-store/event-store.js';
import { EVENT_STORE } from '../../platform/event-sourcing/event-sourcing.service.js';
import { countedReceipt, RESOLUTION_VOTE } from '@gongzhi/receipts/counted-ballots.js';
import { formatArea } from '@gongzhi/domain/shared/quantities.js';
import { bearersOf, type BearerLists } from '@gongzhi/domain/voting/bearers.js';
import { liveBallotsSql } from '../../platform/database/live-ballots.js';
import { firstRow, oneRow, rows } from '../../platform/database/rows.js';
import type { BallotRow, OwnersBallotRow, ResolutionRow, VoterWithBallotRow } from './rows.js';
import { eligibleOf, loggedBallots, rosterVoter } from './vote-record.js';

/** Rule 25: a vote whose budget names bearers is theirs alone; every other vote is the whole community's. */
function rosterScopeOf(budget: BearerLists | null) {
  const bearers = bearersOf(budget);
  return { rosterScope: bearers ? ('BEARERS' as const) : ('COMMUNITY' as const), bearers };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The ballot that counts for each voter (rules 9, 10, 12); the integration tests check these rows add up to the close's tally. */
const LIVE_BALLOTS = liveBallotsSql({
  table: 'voting_ballots',
  voteColumn: 'resolution_id',
  columns: [
    'event_id',
    'owner_id',
    'choice',
    'ranking',
    'channel',
    'cast_at',
    'position',
    'proxy_owner_id',
    'evidence_sha256',
    'activated_by',
  ],
});

@Injectable()
export class VotingQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * What became of the ballot with this log leaf: counted, superseded (by which), late. Read from the
   * stored events, not a read model, so the answer is the one the close itself committed to.
   */
  async counted(communityId: string, resolutionId: string, leafHash: string) {
    const events = await this.store.readStream(resolutionStream(resolutionId));
    if (
      events[0]?.type !== 'ResolutionDrafted' ||
      (events[0].data as { communityId?: string }).communityId !== communityId
    ) {
      throw notFound('RESOLUTION_NOT_FOUND', `community ${communityId} has no resolution ${resolutionId}`);
    }
    return countedReceipt(RESOLUTION_VOTE, events, leafHash);
  }

  private async row(communityId: string, resolutionId: string): Promise<ResolutionRow> {
    const row = await firstRow<ResolutionRow>(
      this.dataSource,
      'SELECT * FROM voting_resolutions WHERE resolution_id = $1 AND community_id = $2',
      [resolutionId, communityId],
    );
    if (!row) throw notFound('RESOLUTION_NOT_FOUND', `community ${communityId} has no resolution ${resolutionId}`);
    return row;
  }

  private summary(row: ResolutionRow) {
    // Rule 25: whose vote it is shows wherever the vote does.
    return {
      id: row.resolution_id,
      communityId: row.community_id,
      title: row.title,
      description: row.description,
      matter: row.matter,
      status: row.status,
      opensAt: iso(row.opens_at),
      closesAt: iso(row.closes_at),
      budget: row.budget,
      ...rosterScopeOf(row.budget as BearerLists | null),
      ...(row.options ? { options: row.options } : {}),
      postedAt: iso(row.posted_at),
      openedAt: iso(row.opened_at),
      closedAt: iso(row.closed_at),
      outcome: row.outcome,
      resultsDueBy: iso(row.results_due_by),
      resultsLate: row.results_late,
    };
  }

  async list(communityId: string) {
    const found = await rows<ResolutionRow>(
      this.dataSource,
      'SELECT * FROM voting_resolutions WHERE community_id = $1 ORDER BY drafted_at DESC, resolution_id',
      [communityId],
    );
    return found.map((r) => ({ ...this.summary(r), tally: r.tally }));
  }

  /** Public: while open, only how many took part; the choices are counted once, at close. */
  async detail(communityId: string, resolutionId: string) {
    const row = await this.row(communityId, resolutionId);
    return {
      ...this.summary(row),
      rulebook: row.rulebook,
      rulebookVersion: row.rulebook_version,
      eligible: eligibleOf(row),
      participated: await this.participated(resolutionId),
      tally: row.tally,
    };
  }

  private async participated(resolutionId: string) {
    const row = await oneRow<{ heads: number; area: string }>(
      this.dataSource,
      `SELECT count(*)::int AS heads, coalesce(sum(v.area), 0)::text AS area
       FROM voting_voters v WHERE v.resolution_id = $1 AND EXISTS (
         SELECT 1 FROM voting_ballots b WHERE b.resolution_id = v.resolution_id AND NOT b.late AND v.voter_id = ANY(b.voter_ids))`,
      [resolutionId],
    );
    return { heads: row.heads, areaM2: formatArea(BigInt(row.area)) };
  }

  /** Owners of the community: which units took part, never how (DOMAIN.md rule 24). */
  async participation(communityId: string, resolutionId: string) {
    await this.row(communityId, resolutionId);
    const units = await rows<{ unit_id: string; voter_id: string; channel: string }>(
      this.dataSource,
      `SELECT unnest(v.unit_ids) AS unit_id, v.voter_id, l.channel
       FROM voting_voters v JOIN (${LIVE_BALLOTS}) l ON l.voter_id = v.voter_id
       WHERE v.resolution_id = $1 ORDER BY unit_id`,
      [resolutionId],
    );
    return { resolutionId, units: units.map((r) => ({ unitId: r.unit_id, channel: r.channel })) };
  }

  /** Committee and regulator: every voter, their units and area, and the ballot that counts. */
  async quorumRecord(communityId: string, resolutionId: string) {
    const row = await this.row(communityId, resolutionId);
    const voters = await rows<VoterWithBallotRow>(
      this.dataSource,
      `SELECT v.voter_id, v.representative_id, v.owner_ids, v.unit_ids, v.area, l.event_id, l.owner_id AS ballot_owner_id, l.choice, l.ranking, l.channel, l.cast_at,
              l.proxy_owner_id, l.evidence_sha256, l.activated_by
       FROM voting_voters v LEFT JOIN (${LIVE_BALLOTS}) l ON l.voter_id = v.voter_id
       WHERE v.resolution_id = $1 ORDER BY v.voter_id`,
      [resolutionId],
    );
    const ballots = await rows<Omit<BallotRow, 'resolution_id' | 'community_id'>>(
      this.dataSource,
      `SELECT event_id, owner_id, voter_ids, choice, ranking, channel, cast_by, proxy_owner_id, evidence_sha256, cast_at, late, position::text, activated_by
       FROM voting_ballots WHERE resolution_id = $1 ORDER BY position`,
      [resolutionId],
    );
    return {
      ...this.summary(row),
      rulebook: row.rulebook,
      rulebookVersion: row.rulebook_version,
      roster: {
        hash: row.roster_hash,
        eligible: eligibleOf(row),
      },
      voters: voters.map((v) => ({
        ...rosterVoter(v),
        choice: v.choice,
        ...(v.ranking ? { ranking: v.ranking } : {}),
        channel: v.channel,
        castAt: v.cast_at ? new Date(v.cast_at).toISOString() : null,
        ballotEventId: v.event_id,
        proxyOwnerId: v.proxy_owner_id,
        evidenceSha256: v.evidence_sha256,
        // Rule 33: the ballot came through an account the committee activated on the owner's behalf.
        activatedByCommittee: v.activated_by ?? null,
      })),
      ballots: ballots.map((b) => ({
        eventId: b.event_id,
        ownerId: b.owner_id,
        voterIds: b.voter_ids,
        choice: b.choice,
        ...(b.ranking ? { ranking: b.ranking } : {}),
        channel: b.channel,
        castBy: b.cast_by,
        proxyOwnerId: b.proxy_owner_id,
        evidenceSha256: b.evidence_sha256,
        castAt: new Date(b.cast_at).toISOString(),
        late: b.late,
        position: b.position,
        activatedByCommittee: b.activated_by ?? null,
      })),
      close: row.close_event_id
        ? { eventId: row.close_event_id, position: row.close_position, tally: row.tally }
        : null,
    };
  }

  /** Every ballot recorded in these owners' names or cast by them as proxy (rule 11: forgeries get noticed). */
  async ballotsOf(communityId: string, ownerIds: string[]) {
    const found = await rows<OwnersBallotRow>(
      this.dataSource,
      `SELECT b.resolution_id, r.title, b.event_id, b.owner_id, b.choice, b.ranking, b.channel, b.cast_by, b.proxy_owner_id, b.evidence_sha256, b.cast_at, b.late, b.position::text
       FROM voting_ballots b JOIN voting_resolutions r USING (resolution_id)
       WHERE b.community_id = $1 AND (b.owner_id = ANY($2) OR b.proxy_owner_id = ANY($2)) ORDER BY b.position`,
      [communityId, ownerIds],
    );
    const loggedOf = await loggedBallots(this.store, found, (b) => resolutionStream(b.resolution_id));
    return found.map((b) => ({
      resolutionId: b.resolution_id,
      title: b.title,
      eventId: b.event_id,
      ownerId: b.owner_id,
      choice: b.choice,
      ...(b.ranking ? { ranking: b.ranking } : {}),
      channel: b.channel,
      enteredBy: b.cast_by,
      proxyOwnerId: b.proxy_owner_id,
      evidenceSha256: b.evidence_sha256,
      castAt: new Date(b.cast_at).toISOString(),
      late: b.late,
      position: b.position,
      ...loggedOf(b.event_id),
    }));
  }
}
