import { resolutionFacts } from '../../../libs/domain/finance/authorisation.js';
import { voteFacts } from '../../../libs/domain/services/vote-facts.js';
import {
  resolutionDecider,
  type ResolutionCommand,
  type ResolutionState,
} from '../../../libs/domain/voting/resolution.js';
import {
  RESOLUTION_EVENT_TYPES,
  type BallotData,
  type ResolutionEvent,
} from '../../../libs/domain/voting/resolution.events.js';
import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import type { DerivedFacts } from './derived-facts.js';
import type { Findings } from './findings.js';
import { RESOLUTION_VOTE } from '../../../libs/receipts/counted-ballots.js';
import { RecountAtClose } from './recount-at-close.js';
import type { StreamChecker } from './stream-checker.js';

/** Every closed resolution's tally (rule 13), recounted from its ballots; the recount's outcome is what spending is judged by. */
export class ResolutionTallyChecker implements StreamChecker {
  readonly check = 'resolution tallies';
  readonly eventTypes = RESOLUTION_EVENT_TYPES;
  private readonly recount = new RecountAtClose<ResolutionCommand, ResolutionEvent, ResolutionState>(
    resolutionDecider,
    this.check,
    'ResolutionClosed',
    (now, counted) => ({ type: 'CloseResolution', data: { now, counted } }),
    'tally',
    (event) => (event.type === 'BallotCast' ? castAgain(event.data as BallotData) : null),
    RESOLUTION_VOTE,
  );
  private readonly outcomes = new Map<string, number>();

  constructor(private readonly derived: DerivedFacts) {}

  add(event: BundleEvent, findings: Findings): void {
    const closed = this.recount.add(event, findings);
    if (!closed || closed.state.status !== 'closed') return;
    const { resolutionId } = closed.state.resolution;
    const facts = resolutionFacts(resolutionId, closed.state);
    this.derived.resolutions.set(resolutionId, facts);
    this.derived.votes.set(resolutionId, voteFacts(resolutionId, closed.state));
    const removal = closed.state.resolution.removal;
    if (removal)
      this.derived.removals.set(resolutionId, {
        ownerId: removal.ownerId,
        outcome: facts.outcome,
        closeEventId: event.eventId,
      });
    this.outcomes.set(String(facts.outcome), (this.outcomes.get(String(facts.outcome)) ?? 0) + 1);
  }

  finish(findings: Findings): void {
    if (this.recount.open > 0)
      findings.note(`${this.recount.open} resolution(s) not closed yet: no tally to re-derive`);
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
