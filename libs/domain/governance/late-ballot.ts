import { conflict } from '../shared/domain-error.js';

/**
 * A late ballot is recorded so its caster has proof they tried (rule 12); one per voter is that proof,
 * and more would let anyone grow the log without bound after the close.
 */
type LateBallots = { ballot: { voterIds: string[] }; next: unknown } | null;

export function refuseSecondLateBallot(late: LateBallots, voterIds: readonly string[], closedAt: string): void {
  for (let node = late; node; node = node.next as typeof node) {
    if (node.ballot.voterIds.some((id) => voterIds.includes(id))) {
      throw conflict(
        'LATE_BALLOT_ALREADY_RECORDED',
        `the vote closed at ${closedAt} and a late ballot for this voter is already recorded; nothing more is recorded`,
      );
    }
  }
}

/**
 * Rule 12: after the close a valid ballot is recorded as late and its caster told, never silently taken;
 * before it, the ballot is cast. Resolutions and elections name their two events and the late reason.
 */
export function castOrLate<
  B extends { voterIds: readonly string[] },
  C extends string,
  L extends string,
  R extends string,
>(
  vote: { status: 'open' } | { status: 'closed'; lateBallots: LateBallots; closed: { closedAt: string } },
  ballot: B,
  events: { cast: C; late: L; reason: R },
): [{ type: C; data: B }] | [{ type: L; data: B & { reason: R } }] {
  if (vote.status === 'closed') {
    refuseSecondLateBallot(vote.lateBallots, ballot.voterIds, vote.closed.closedAt);
    return [{ type: events.late, data: { ...ballot, reason: events.reason } }];
  }
  return [{ type: events.cast, data: ballot }];
}
