import { electionDecider, type ElectionCommand, type ElectionState } from '@gongzhi/domain/elections/election.js';
import {
  ELECTION_EVENT_TYPES,
  type ElectionBallotData,
  type ElectionEvent,
} from '@gongzhi/domain/elections/election.events.js';
import { ELECTION_VOTE } from '@gongzhi/receipts/counted-ballots.js';
import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import { RecountAtClose } from './recount-at-close.js';
import { type ClosedVote, VoteChecker } from './vote-checker.js';

const LISTED = 5;

/**
 * Every closed election's result (rule 15): each candidate's approving heads and area, who passed,
 * who is elected or an alternate, the seats left unfilled — recounted from the ballots.
 */
export class ElectionResultChecker extends VoteChecker<ElectionCommand, ElectionEvent, ElectionState> {
  readonly check = 'election results';
  readonly eventTypes = ELECTION_EVENT_TYPES;
  protected readonly votes = 'election(s)';
  protected readonly recount = new RecountAtClose<ElectionCommand, ElectionEvent, ElectionState>(
    electionDecider,
    this.check,
    'ElectionClosed',
    (now, counted) => ({ type: 'CloseElection', data: { now, counted } }),
    'result',
    (event) => {
      if (event.type !== 'ElectionBallotCast') return null;
      const d = event.data as ElectionBallotData;
      return {
        type: 'CastElectionBallot',
        data: {
          ownerId: d.ownerId,
          selections: d.selections,
          channel: d.channel,
          castBy: d.castBy,
          evidenceSha256: d.evidenceSha256 ?? undefined,
          activatedBy: d.activatedBy,
          now: new Date(d.castAt),
        },
      };
    },
    ELECTION_VOTE,
  );
  private readonly summaries: string[] = [];

  protected closed(event: BundleEvent, state: ClosedVote<ElectionState>): void {
    const { election, closed: close } = state;
    this.derived.elections.set(election.electionId, {
      electionId: election.electionId,
      title: election.title,
      closedAt: close.closedAt,
      closeEventId: event.eventId,
      termYears: election.termYears,
      result: close.result,
      byElection: election.byElection,
    });
    const r = close.result;
    this.summaries.push(
      `election "${election.title}": ${r.outcome}, ${r.elected.length} of ${r.seats} seats filled (${r.elected.map((c) => c.name).join(', ') || 'nobody'}), ${r.unfilledSeats} unfilled`,
    );
  }

  figures(): string[] {
    const more = this.summaries.length - LISTED;
    return [...this.summaries.slice(0, LISTED), ...(more > 0 ? [`… and ${more} more elections`] : [])];
  }
}
