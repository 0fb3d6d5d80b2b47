import type { ResolutionState } from '../voting/resolution.js';
import type { VoteFacts } from './property-service.js';

/** What a contract (its menu vote) or an assessment (its surveys) reads of a vote: the recorded tally, as closed. */
export function voteFacts(resolutionId: string, state: ResolutionState): VoteFacts {
  if (state.status === 'none')
    return {
      resolutionId,
      matter: '',
      status: 'none',
      outcome: null,
      closedAt: null,
      optionIds: [],
      forHeads: 0,
      participatedHeads: 0,
    };
  const closed = state.status === 'closed' ? state.closed : null;
  return {
    resolutionId,
    matter: state.resolution.matter,
    status: state.status,
    outcome: closed?.tally.outcome ?? null,
    closedAt: closed?.closedAt ?? null,
    optionIds: (state.resolution.options ?? []).map((o) => o.optionId),
    forHeads: closed?.tally.for.heads ?? 0,
    participatedHeads: closed?.tally.participated.heads ?? 0,
  };
}
