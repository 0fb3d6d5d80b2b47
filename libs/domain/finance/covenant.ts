import { conflict, invalid } from '../shared/domain-error.js';
import { formatYuan } from '../shared/quantities.js';
import type { ResolutionFacts } from './authorisation.js';
import { overLimit } from './refusals.js';

/** A delegation the management covenant gives the committee (rule 19): a cap per item and per year, as the owners adopted them (rule 27). */
export interface CovenantDelegation {
  resolutionId: string;
  perItemCap: bigint;
  yearlyCap: bigint;
  /** When the covenant vote closed: nothing paid under it is dated earlier (rule 26); null on events older than rule 26. */
  closedAt: string | null;
}

// China keeps one offset all year round (no daylight saving): a year runs from 00:00 +08:00 on 1 January.
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

export function beijingYear(isoTime: string): number {
  return new Date(Date.parse(isoTime) + BEIJING_OFFSET_MS).getUTCFullYear();
}

/**
 * Rules 19, 27: only a PASSED MANAGEMENT_COVENANT vote delegates spending, and only with the caps its
 * draft carried: the committee neither sets nor raises them. A later covenant replaces an earlier one,
 * never the other way round. Answers the delegation to record.
 */
export function delegationFrom(facts: ResolutionFacts, current: CovenantDelegation | null): CovenantDelegation {
  if (facts.status !== 'closed' || facts.outcome !== 'PASSED') {
    throw conflict(
      'RESOLUTION_NOT_PASSED',
      `resolution ${facts.resolutionId} has not PASSED; only an adopted covenant delegates spending (DOMAIN.md rule 19)`,
      {
        rule: 19,
        resolutionId: facts.resolutionId,
      },
    );
  }
  if (facts.matter !== 'MANAGEMENT_COVENANT') {
    throw invalid(
      'NOT_A_COVENANT',
      `resolution ${facts.resolutionId} is a ${facts.matter} vote; a delegation comes from a MANAGEMENT_COVENANT vote (DOMAIN.md rule 19)`,
      {
        rule: 19,
        resolutionId: facts.resolutionId,
      },
    );
  }
  if (!facts.covenant) {
    throw conflict(
      'COVENANT_HAS_NO_CAPS',
      `the covenant adopted by resolution ${facts.resolutionId} carried no caps, so it delegates no spending (DOMAIN.md rule 27)`,
      {
        rule: 27,
        resolutionId: facts.resolutionId,
      },
    );
  }
  if (
    current &&
    current.resolutionId !== facts.resolutionId &&
    current.closedAt &&
    facts.closedAt &&
    Date.parse(facts.closedAt) < Date.parse(current.closedAt)
  ) {
    throw conflict(
      'COVENANT_SUPERSEDED',
      `resolution ${facts.resolutionId} closed ${facts.closedAt}, before the covenant in force (resolution ${current.resolutionId}, closed ${current.closedAt}); a later covenant replaces an earlier one (DOMAIN.md rule 27)`,
      { rule: 27, resolutionId: facts.resolutionId, inForce: current.resolutionId },
    );
  }
  return { resolutionId: facts.resolutionId, ...facts.covenant, closedAt: facts.closedAt };
}

/** Refuses a delegated spend over either cap, saying which and by how many yuan. */
export function checkCaps(
  delegation: CovenantDelegation | null,
  fen: bigint,
  spentThisYear: bigint,
  year: number,
): void {
  if (!delegation) {
    throw conflict(
      'NO_COVENANT_DELEGATION',
      'the management covenant delegates no spending to the committee; name a PASSED resolution instead',
    );
  }
  if (fen > delegation.perItemCap) {
    throw overLimit(
      'PER_ITEM_CAP_EXCEEDED',
      `${formatYuan(fen)} yuan exceeds the covenant's per-item cap of ${formatYuan(delegation.perItemCap)}`,
      delegation.perItemCap,
      fen - delegation.perItemCap,
      {
        cap: formatYuan(delegation.perItemCap),
      },
    );
  }
  const total = spentThisYear + fen;
  if (total > delegation.yearlyCap) {
    throw overLimit(
      'YEARLY_CAP_EXCEEDED',
      `${formatYuan(fen)} yuan, with ${formatYuan(spentThisYear)} already spent in ${year}, exceeds the covenant's yearly cap of ${formatYuan(delegation.yearlyCap)} for ${year}`,
      delegation.yearlyCap,
      total - delegation.yearlyCap,
      { cap: formatYuan(delegation.yearlyCap), year, alreadySpent: formatYuan(spentThisYear) },
    );
  }
}
