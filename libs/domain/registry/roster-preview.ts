import { DomainError } from '../shared/domain-error.js';
import { fold } from '../shared/decider.js';
import { communityDecider, type CommunityState, type UnitInput } from './community.js';
import { type OwnerKind, type RosterOwner, rosterTotals, votersOf, type RosterTotals } from './counting.js';

/** One row a roster file cannot be imported with, as the decider or the file's parser would refuse it. */
export interface RowProblem {
  row?: number;
  unitId?: string;
  code: string;
  message: string;
  /** The refusal's details (the owner it names, say), for a sentence in the reader's language. */
  details?: Record<string, unknown>;
}

export interface RosterPreview {
  /** The roster as it would stand after the import of the rows that have no problem. */
  totals: RosterTotals;
  problems: RowProblem[];
}

const problemOf = (error: DomainError, unit: UnitInput): RowProblem => ({
  row: unit.row,
  unitId: unit.unitId,
  code: error.code,
  message: error.message,
  ...(error.details ? { details: error.details } : {}),
});

/**
 * What importing these units would do, every refused row listed at once: the import itself refuses
 * the whole file at its first bad row, so a committee would otherwise fix a 3,000-row file one row a try.
 * Each unit is judged by the decider as the import would judge it; a unit that repeats an earlier row is
 * refused here as the whole file's decision would refuse it. Nothing is written.
 */
export function previewUnits(
  state: CommunityState,
  units: readonly UnitInput[],
  parsed: RowProblem[] = [],
): RosterPreview {
  const problems = [...parsed];
  const accepted: UnitInput[] = [];
  const firstRow = new Map<string, number | undefined>();
  for (const unit of units) {
    if (firstRow.has(unit.unitId)) {
      const first = firstRow.get(unit.unitId);
      problems.push({
        row: unit.row,
        unitId: unit.unitId,
        code: 'DUPLICATE_UNIT',
        message: `row ${unit.row ?? '?'} (unit ${unit.unitId}): unit ${unit.unitId} appears twice${first ? ` (first at row ${first})` : ''}`,
      });
      continue;
    }
    firstRow.set(unit.unitId, unit.row);
    try {
      communityDecider.decide({ type: 'RegisterUnits', data: { units: [unit] } }, state);
      accepted.push(unit);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push(problemOf(error, unit));
    }
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const after = accepted.length
    ? fold(
        communityDecider,
        state,
        communityDecider.decide({ type: 'RegisterUnits', data: { units: accepted } }, state),
      )
    : state;
  const totals =
    after.status === 'registered'
      ? rosterTotals(votersOf(after.owners, [...after.units.values()]))
      : { units: 0, heads: 0, area: 0n };
  return { totals, problems };
}

export interface OwnersPreview {
  /** How many owners of each kind the good rows register. */
  kinds: Record<OwnerKind, number>;
  problems: RowProblem[];
}

/** What registering these owners would do, every refused row listed; nothing is written. */
export function previewOwners(
  state: CommunityState,
  owners: readonly (RosterOwner & { row?: number })[],
  parsed: RowProblem[] = [],
): OwnersPreview {
  const problems = [...parsed];
  const kinds: Record<OwnerKind, number> = { PERSON: 0, ORGANISATION: 0, DEVELOPER: 0 };
  const firstRow = new Map<string, number | undefined>();
  for (const { row, ...owner } of owners) {
    if (firstRow.has(owner.ownerId)) {
      const first = firstRow.get(owner.ownerId);
      problems.push({
        row,
        code: 'DUPLICATE_OWNER',
        message: `row ${row ?? '?'}: owner ${owner.ownerId} appears twice${first ? ` (first at row ${first})` : ''}`,
      });
      continue;
    }
    firstRow.set(owner.ownerId, row);
    try {
      communityDecider.decide({ type: 'RegisterOwners', data: { owners: [owner] } }, state);
      kinds[owner.kind] += 1;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push({ row, code: error.code, message: `row ${row ?? '?'}: ${error.message}` });
    }
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { kinds, problems };
}
