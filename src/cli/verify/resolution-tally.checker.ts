import { resolutionFacts } from '@gongzhi/domain/finance/authorisation.js';
import { voteFacts } from '@gongzhi/domain/services/vote-facts.js';
import { resolutionDecider, type ResolutionCommand, type ResolutionState } from '@gongzhi/domain/voting/resolution.js';
import {
  RESOLUTION_EVENT_TYPES,
  type BallotData,
  type ResolutionEvent,
} from '@gongzhi/domain/voting/resolution.events.js';
import { RESOLUTION_VOTE } from '@gongzhi/receipts/counted-ballots.js';
import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import { RecountAtClose } from './recount-at-close.js';
import { type ClosedVote, VoteChecker } from './vote-checker.js';

/** Every closed resolution's tally (rule 13), recounted from its ballots; the recount's outcome is what spending is judged by. */
export class ResolutionTallyChecker extends VoteChecker<ResolutionCommand, ResolutionEvent, ResolutionState> {
  readonly check = 'resolution tallies';
  readonly eventTypes = RESOLUTION_EVENT_TYPES;
  protected readonly votes = 'resolution(s)';
  protected readonly recount = new RecountAtClose<ResolutionCommand, ResolutionEvent, ResolutionState>(
    resolutionDecider,
    this.check,
    'ResolutionClosed',
    (now, counted) => ({ type: 'CloseResolution', data: { now, counted } }),
    'tally',
    (event) => (event.type === 'BallotCast' ? castAgain(event.data as BallotData) : null),
    RESOLUTION_VOTE,
  );
  private readonly outcomes = new Map<string, number>();

  protected closed(event: BundleEvent, state: ClosedVote<ResolutionState>): void {
    const { resolutionId } = state.resolution;
    const facts = resolutionFacts(resolutionId, state);
    this.derived.resolutions.set(resolutionId, facts);
    this.derived.votes.set(resolutionId, voteFacts(resolutionId, state));
    const removal = state.resolution.removal;
    if (removal)
      this.derived.removals.set(resolutionId, {
        ownerId: removal.ownerId,
        outcome: facts.outcome,
        closeEventId: event.eventId,
      });
    this.outcomes.set(String(facts.outcome), (this.outcomes.get(String(facts.outcome)) ?? 0) + 1);
  }

  figures(): string[] {
    const closed = [...this.outcomes.values()].reduce((a, b) => a + b, 0);
    if (closed === 0) return [];
    const by = [...this.outcomes].map(([outcome, n]) => `${n} ${outcome}`).join(', ');
    return [`resolutions: ${closed} recounted (${by})`];
  }
}

/** The command that casts the ballot a BallotCast records (src/voting's handlers build the same). */
function castAgain(d: BallotData): ResolutionCommand {
  return {
    type: 'CastBallot',
    data: {
      ownerId: d.ownerId,
      choice: d.choice,
      ranking: d.ranking,
      channel: d.channel,
      castBy: d.castBy,
      proxyOwnerId: d.proxyOwnerId ?? undefined,
      evidenceSha256: d.evidenceSha256 ?? undefined,
      activatedBy: d.activatedBy,
      now: new Date(d.castAt),
    },
  };
}
