import { conflict } from '../shared/domain-error.js';

/**
 * A late ballot is recorded so its caster has proof they tried (rule 12); one per voter is that proof,
 * and more would let anyone grow the log without bound after the close.
 */
export function refuseSecondLateBallot(
  late: { ballot: { voterIds: string[] }; next: unknown } | null,
  voterIds: readonly string[],
  closedAt: string,
): void {
  for (let node = late; node; node = node.next as typeof node) {
    if (node.ballot.voterIds.some((id) => voterIds.includes(id))) {
      throw conflict(
        'LATE_BALLOT_ALREADY_RECORDED',
        `the vote closed at ${closedAt} and a late ballot for this voter is already recorded; nothing more is recorded`,
      );
    }
  }
}
