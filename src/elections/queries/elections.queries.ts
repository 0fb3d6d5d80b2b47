import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@gongzhi/domain/shared/domain-error.js';
import { formatArea } from '@gongzhi/domain/shared/quantities.js';
import { electionStream } from '@gongzhi/domain/elections/election.events.js';
import type { EventStore } from '@gongzhi/event-store/event-store.js';
import { EVENT_STORE } from '../../platform/event-sourcing/event-sourcing.service.js';
import { countedReceipt, ELECTION_VOTE } from '@gongzhi/receipts/counted-ballots.js';
import { liveBallotsSql } from '../../platform/database/live-ballots.js';
import { firstRow, oneRow, rows } from '../../platform/database/rows.js';
import type { BallotRow, ElectionRow, OwnersBallotRow, VoterWithBallotRow } from './rows.js';
import { eligibleOf, loggedBallots, rosterVoter } from '../../voting/queries/vote-record.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The ballot that counts for each voter (rules 9, 12), as liveElectionBallots counts. */
const LIVE_BALLOTS = liveBallotsSql({
  table: 'elections_ballots',
  voteColumn: 'election_id',
  columns: ['event_id', 'owner_id', 'selections', 'channel', 'cast_at', 'position', 'evidence_sha256', 'activated_by'],
});

@Injectable()
export class ElectionsQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** What became of the ballot with this log leaf, from the stored events the close committed to. */
  async counted(communityId: string, electionId: string, leafHash: string) {
    const events = await this.store.readStream(electionStream(electionId));
    if (
      events[0]?.type !== 'ElectionDrafted' ||
      (events[0].data as { communityId?: string }).communityId !== communityId
    ) {
      throw notFound('ELECTION_NOT_FOUND', `community ${communityId} has no election ${electionId}`);
    }
    return countedReceipt(ELECTION_VOTE, events, leafHash);
  }

  private async row(communityId: string, electionId: string): Promise<ElectionRow> {
    const row = await firstRow<ElectionRow>(
      this.dataSource,
      'SELECT * FROM elections_elections WHERE election_id = $1 AND community_id = $2',
      [electionId, communityId],
    );
    if (!row) throw notFound('ELECTION_NOT_FOUND', `community ${communityId} has no election ${electionId}`);
    return row;
  }

  private summary(row: ElectionRow) {
    return {
      id: row.election_id,
      communityId: row.community_id,
      title: row.title,
      seats: row.seats,
      alternates: row.alternates,
      status: row.status,
      opensAt: iso(row.opens_at),
      closesAt: iso(row.closes_at),
      postedAt: iso(row.posted_at),
      openedAt: iso(row.opened_at),
      closedAt: iso(row.closed_at),
      outcome: row.result?.outcome ?? null,
      elected: row.result?.elected ?? null,
    };
  }

  async list(communityId: string) {
    const found = await rows<ElectionRow>(
      this.dataSource,
      'SELECT * FROM elections_elections WHERE community_id = $1 ORDER BY drafted_at DESC, election_id',
      [communityId],
    );
    return found.map((r) => this.summary(r));
  }

  /** Public (rule 24): per-candidate approving area and heads once closed; before, only turnout. */
  async detail(communityId: string, electionId: string) {
    const row = await this.row(communityId, electionId);
    const turnout = await oneRow<{ heads: number; area: string }>(
      this.dataSource,
      `SELECT count(*)::int AS heads, coalesce(sum(v.area), 0)::text AS area FROM elections_voters v
       WHERE v.election_id = $1 AND v.voter_id IN (SELECT voter_id FROM (${LIVE_BALLOTS}) l)`,
      [electionId],
    );
    const r = row.result;
    return {
      ...this.summary(row),
      rulebook: row.rulebook,
      rulebookVersion: row.rulebook_version,
      eligible: eligibleOf(row),
      participated: r ? r.participated : { heads: turnout.heads, areaM2: formatArea(BigInt(turnout.area)) },
      participation: r?.participation ?? null,
      candidates: r ? r.candidates : row.candidates,
      alternatesElected: r?.alternates ?? null,
      unfilledSeats: r?.unfilledSeats ?? null,
      tiedAtCutoff: r?.tiedAtCutoff ?? null,
      // Rule 29: candidates tied on area and heads for the last seat took none of it; the owners hold a run-off.
      runOffDue: r ? r.tiedAtCutoff.length > 0 : null,
      closeEventId: row.close_event_id,
    };
  }

  /** Committee and regulator (rule 24): every voter of the frozen roster and the ballot that counts. */
  async quorumRecord(communityId: string, electionId: string) {
    const row = await this.row(communityId, electionId);
    const voters = await rows<VoterWithBallotRow>(
      this.dataSource,
      `SELECT v.voter_id, v.representative_id, v.owner_ids, v.unit_ids, v.area, l.event_id, l.selections, l.channel, l.cast_at, l.evidence_sha256, l.activated_by
       FROM elections_voters v LEFT JOIN (${LIVE_BALLOTS}) l ON l.voter_id = v.voter_id
       WHERE v.election_id = $1 ORDER BY v.voter_id`,
      [electionId],
    );
    const ballots = await rows<BallotRow>(
      this.dataSource,
      `SELECT event_id, owner_id, voter_ids, selections, channel, cast_by, evidence_sha256, cast_at, late, position::text, activated_by
       FROM elections_ballots WHERE election_id = $1 ORDER BY position`,
      [electionId],
    );
    return {
      electionId,
      rulebook: row.rulebook,
      rulebookVersion: row.rulebook_version,
      rosterHash: row.roster_hash,
      eligible: eligibleOf(row),
      closeEventId: row.close_event_id,
      result: row.result,
      voters: voters.map((v) => ({
        ...rosterVoter(v),
        selections: v.selections ?? null,
        channel: v.channel ?? null,
        castAt: iso(v.cast_at ?? null),
        ballotEventId: v.event_id ?? null,
        evidenceSha256: v.evidence_sha256 ?? null,
        // Rule 33: the ballot came through an account the committee activated on the owner's behalf.
        activatedByCommittee: v.activated_by ?? null,
      })),
      // Every ballot, replaced and late ones too (rules 9, 12): the record keeps them all.
      ballots: ballots.map((b) => ({
        eventId: b.event_id,
        ownerId: b.owner_id,
        voterIds: b.voter_ids,
        selections: b.selections,
        channel: b.channel,
        castBy: b.cast_by,
        evidenceSha256: b.evidence_sha256,
        castAt: iso(b.cast_at),
        late: b.late,
        position: b.position,
        activatedByCommittee: b.activated_by ?? null,
      })),
    };
  }

  /** Rule 11: which units took part and how (online or on paper), never whom they chose. */
  async participation(communityId: string, electionId: string) {
    await this.row(communityId, electionId);
    const units = await rows<{ unit_id: string; channel: string }>(
      this.dataSource,
      `SELECT unnest(v.unit_ids) AS unit_id, l.channel
       FROM elections_voters v JOIN (${LIVE_BALLOTS}) l ON l.voter_id = v.voter_id
       WHERE v.election_id = $1 ORDER BY unit_id`,
      [electionId],
    );
    return { electionId, units: units.map((r) => ({ unitId: r.unit_id, channel: r.channel })) };
  }

  /** Every election ballot recorded in these owners' names (rule 11: a forged paper ballot gets noticed). */
  async ballotsOf(communityId: string, ownerIds: string[]) {
    const found = await rows<OwnersBallotRow>(
      this.dataSource,
      `SELECT b.election_id, e.title, e.candidates, b.event_id, b.owner_id, b.selections, b.channel, b.cast_by, b.evidence_sha256, b.cast_at, b.late, b.position::text
       FROM elections_ballots b JOIN elections_elections e USING (election_id)
       WHERE e.community_id = $1 AND b.owner_id = ANY($2) ORDER BY b.position`,
      [communityId, ownerIds],
    );
    const loggedOf = await loggedBallots(this.store, found, (b) => electionStream(b.election_id));
    return found.map((b) => ({
      electionId: b.election_id,
      title: b.title,
      eventId: b.event_id,
      ownerId: b.owner_id,
      selections: b.selections,
      selectedNames: b.selections.map((id) => b.candidates.find((c) => c.candidateId === id)?.name ?? id),
      channel: b.channel,
      enteredBy: b.cast_by,
      evidenceSha256: b.evidence_sha256,
      castAt: iso(b.cast_at),
      late: b.late,
      position: b.position,
      ...loggedOf(b.event_id),
    }));
  }
}
