import type { GovernanceCommand } from '@gongzhi/domain/elections/governance.js';
import type { ResolutionFacts } from '@gongzhi/domain/finance/authorisation.js';
import type { Ledger } from '@gongzhi/domain/finance/ledger-lines.js';
import type { MaintenanceFundState } from '@gongzhi/domain/finance/maintenance-fund.js';
import type { VoteFacts } from '@gongzhi/domain/services/property-service.js';

/**
 * What one checker re-derived and another needs. Everything here comes from the verifier's own
 * recount, never from what the server recorded: a payment under a vote whose recorded outcome was
 * forged is judged against the outcome the ballots give.
 */
export class DerivedFacts {
  /** Closed resolutions, by id, as spending rules read them (outcome from the recount). */
  readonly resolutions = new Map<string, ResolutionFacts>();
  /** Closed elections, by id: what the committee's record must say of each, with the recounted result. */
  readonly elections = new Map<string, Extract<GovernanceCommand, { type: 'RecordElection' }>['data']>();
  /** Each fund's ledger as folded so far, by the fund's stream id: what a statement is recomputed from. */
  readonly ledgers = new Map<string, Ledger>();
  /** Each maintenance fund as folded so far, by stream id: what a public-revenue top-up is judged by (rule 22). */
  readonly funds = new Map<string, MaintenanceFundState>();
  /** Rule 29: closed removal votes (罢免), by resolution id: whom each asked to remove, its recounted outcome and close event. */
  readonly removals = new Map<string, { ownerId: string; outcome: string | null; closeEventId: string }>();
  /** Closed votes, by id, as a service contract (its menu vote) and an assessment (its surveys) read them, from the recount. */
  readonly votes = new Map<string, VoteFacts>();
}
