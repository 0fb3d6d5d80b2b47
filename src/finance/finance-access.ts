import { forbidden, notFound } from '../../libs/domain/shared/domain-error.js';
import { grantsFor, ownerIdsOf, requireSignedIn, type Principal } from '../platform/auth/principal.js';
import type { LedgerFilter } from './queries/finance.queries.js';
import type { LedgerQueryDto } from './finance.dto.js';
import type { FinanceLookups } from './finance-lookups.js';

/** Rule 24: the committee and the regulator see every unit's fund balance. */
export const seesEveryUnit = (principal: Principal | null, communityId: string) =>
  grantsFor(principal, ['committee', 'regulator'], communityId).length > 0;

/** Rule 24: a unit's balance is for its owners, the committee and the regulator, nobody else. */
export async function authorizeUnitView(
  principal: Principal | null,
  communityId: string,
  unitId: string,
  lookups: FinanceLookups,
): Promise<void> {
  const signedIn = requireSignedIn(principal);
  const staff = seesEveryUnit(signedIn, communityId);
  const unit = (await lookups.community(communityId)).units.get(unitId);
  if (staff) {
    if (!unit) throw notFound('UNIT_NOT_FOUND', `community ${communityId} has no unit ${unitId}`);
    return;
  }
  const mine = ownerIdsOf(signedIn, communityId);
  // The same 403 whether the unit exists or not: a stranger learns nothing about the roster.
  if (!unit || !unit.ownerIds.some((o) => mine.includes(o))) {
    throw forbidden(
      'FORBIDDEN',
      `only the owners of unit ${unitId}, the committee and the regulator see its fund balance`,
    );
  }
}

/** Rule 32: an auditor sees the unit balances of the statement it was invited to audit, and no others. */
export const auditsStatement = (principal: Principal | null, communityId: string, statementId: string) =>
  grantsFor(principal, ['auditor'], communityId).some((g) => g.subjectId === statementId);

/**
 * Rules 24, 32 for what lists unit balances (a fund statement): all of them for the committee, the
 * regulator and the auditor of this very statement; to an owner, the units they own; to anyone else, none.
 */
export async function visibleUnits(
  principal: Principal | null,
  communityId: string,
  lookups: FinanceLookups,
  statementId: string,
): Promise<'ALL' | ReadonlySet<string>> {
  if (seesEveryUnit(principal, communityId) || auditsStatement(principal, communityId, statementId)) return 'ALL';
  const mine = ownerIdsOf(principal, communityId);
  if (mine.length === 0) return new Set();
  const community = await lookups.community(communityId);
  return new Set(
    [...community.units.values()].filter((u) => u.ownerIds.some((o) => mine.includes(o))).map((u) => u.unitId),
  );
}

/** A statement with only the unit balances its reader may see, and how many are withheld; its seal covers them all. */
export function withVisibleUnits<T extends { content: { unitBalances: { unitId: string }[] | null } }>(
  statement: T,
  visible: 'ALL' | ReadonlySet<string>,
): T & { unitBalancesWithheld: number } {
  const all = statement.content.unitBalances;
  if (visible === 'ALL' || all === null) return { ...statement, unitBalancesWithheld: 0 };
  const shown = all.filter((u) => visible.has(u.unitId));
  return {
    ...statement,
    content: { ...statement.content, unitBalances: shown },
    unitBalancesWithheld: all.length - shown.length,
  };
}

export function ledgerFilter(query: LedgerQueryDto, all = false): LedgerFilter {
  return {
    from: query.from ? new Date(query.from).toISOString() : undefined,
    to: query.to ? new Date(query.to).toISOString() : undefined,
    source: query.source,
    purpose: query.purpose,
    resolutionId: query.resolutionId,
    kind: query.kind,
    // A CSV download is the whole (filtered) ledger: residents audit it in a spreadsheet.
    limit: all ? 1_000_000 : Number(query.limit ?? 100),
    offset: all ? 0 : Number(query.offset ?? 0),
  };
}

export const LEDGER_CSV_FIELDS = [
  'entryId',
  'occurredAt',
  'kind',
  'category',
  'amount',
  'source',
  'description',
  'payee',
  'purpose',
  'authority',
  'resolutionId',
  'resolutionOutcome',
  'resolutionTitle',
  'resolutionLink',
  'emergency',
  'emergencyReason',
  'evidenceSha256',
  'invoiceSha256',
  'reverses',
  'reversedBy',
  'position',
];

export function ledgerCsvRow(
  e: {
    resolution: { id: string; outcome: string | null; title: string | null; href: string } | null;
    emergency: { reason: string | null } | null;
  } & Record<string, unknown>,
) {
  return {
    ...e,
    resolutionId: e.resolution?.id ?? '',
    resolutionOutcome: e.resolution?.outcome ?? '',
    resolutionTitle: e.resolution?.title ?? '',
    resolutionLink: e.resolution?.href ?? '',
    emergency: e.emergency ? 'EMERGENCY' : '',
    emergencyReason: e.emergency?.reason ?? '',
  };
}
