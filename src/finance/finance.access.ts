import { forbidden, notFound } from '@gongzhi/domain/shared/domain-error.js';
import {
  type Actor,
  authorize,
  type Grant,
  grantsFor,
  type Principal,
  requireSignedIn,
  type Role,
} from '../platform/auth/principal.js';
import type { RequestContext } from '../platform/auth/request-context.js';
import type { FinanceLookups } from './finance-lookups.js';

/**
 * Who may do what with a community's money: the one place the finance module's handlers and controllers ask.
 * Each entry is the roles of that community that may; anyone else is refused 401 (no token), 403 FORBIDDEN or
 * 403 OUTSIDE_JURISDICTION (a scoped regulator outside its district). The ledgers, the fund's totals and the
 * published statements are public (rule 24) and need no entry.
 */
export const FINANCE_ACCESS = {
  /** Rule 19: the committee books public revenue and pays from it. */
  RecordIncome: ['committee'],
  PayExpense: ['committee'],
  /** Rule 27: the committee puts in force the caps the owners adopted; it can neither set nor raise them. */
  SetCovenantDelegation: ['committee'],
  /** Rule 20: the committee records what owners paid into their units' sub-accounts and pays from the fund. */
  DepositToFund: ['committee'],
  WithdrawFromFund: ['committee'],
  /** Rule 22: the committee moves public revenue into a fund below 30% of its initial total. */
  TopUpFund: ['committee'],
  /** Rule 23: a correction is a new entry, made by the committee. */
  ReverseEntry: ['committee'],
  /** Rule 23: the committee drafts and publishes the statements. */
  DraftStatement: ['committee'],
  PublishStatement: ['committee'],
  /** Rule 23: the community's auditor gives the opinion; rule 32: on the statement it was invited for. */
  AuditStatement: ['auditor'],
  /** A draft is the committee's working paper: the committee, the regulator and the auditor see it; others a 404. */
  readDraftStatements: ['committee', 'regulator', 'auditor'],
  /** Rule 24: every unit's fund balance is for the committee and the regulator. */
  readEveryUnit: ['committee', 'regulator'],
  /** Rule 24: an owner sees the balances of the units they own (the grant's subject is the owner id). */
  readOwnUnits: ['owner'],
  /** Rule 32: an auditor sees the unit balances of the statement it was invited to audit (its grant's subject). */
  readAuditedUnits: ['auditor'],
} as const satisfies Record<string, readonly Role[]>;

export type FinanceAction = keyof typeof FINANCE_ACCESS;

/** The caller, if `FINANCE_ACCESS` lets them do `action` in this community; refused otherwise. */
export function authorizeFinance(ctx: RequestContext, action: FinanceAction, communityId: string): Actor {
  return authorize(ctx.principal, FINANCE_ACCESS[action], communityId);
}

/** The principal's grants in this community that `FINANCE_ACCESS` lets do `action` (none: it may not). */
export function financeGrants(principal: Principal | null, action: FinanceAction, communityId: string): Grant[] {
  return grantsFor(principal, FINANCE_ACCESS[action], communityId);
}

/** Whether `FINANCE_ACCESS` lets the principal do `action` in this community, for what is shown rather than refused. */
export const mayFinance = (principal: Principal | null, action: FinanceAction, communityId: string) =>
  financeGrants(principal, action, communityId).length > 0;

/** The subjects (owner ids, audited statement ids) of the principal's grants for `action` in this community. */
const subjectsOf = (principal: Principal | null, action: FinanceAction, communityId: string) =>
  financeGrants(principal, action, communityId).flatMap((g) => (g.subjectId ? [g.subjectId] : []));

/**
 * The caller, if they may audit this statement: rule 32, an auditor invited for one statement audits that
 * one; one invited before rule 32 named none and audits any of its community's.
 */
export function authorizeAudit(ctx: RequestContext, communityId: string, statementId: string): Actor {
  const actor = authorizeFinance(ctx, 'AuditStatement', communityId);
  const invited = financeGrants(ctx.principal, 'AuditStatement', communityId).some(
    (g) => g.subjectId === null || g.subjectId === statementId,
  );
  if (!invited)
    throw forbidden(
      'NOT_INVITED_FOR_STATEMENT',
      `this auditor was invited to audit another statement, not ${statementId}`,
    );
  return actor;
}

/** Rule 24: a unit's balance is for its owners, the committee and the regulator, nobody else. */
export async function authorizeUnitView(
  principal: Principal | null,
  communityId: string,
  unitId: string,
  lookups: FinanceLookups,
): Promise<void> {
  const signedIn = requireSignedIn(principal);
  const staff = mayFinance(signedIn, 'readEveryUnit', communityId);
  const unit = (await lookups.community(communityId)).units.get(unitId);
  if (staff) {
    if (!unit) throw notFound('UNIT_NOT_FOUND', `community ${communityId} has no unit ${unitId}`);
    return;
  }
  const mine = subjectsOf(signedIn, 'readOwnUnits', communityId);
  // The same 403 whether the unit exists or not: a stranger learns nothing about the roster.
  if (!unit || !unit.ownerIds.some((o) => mine.includes(o))) {
    throw forbidden(
      'FORBIDDEN',
      `only the owners of unit ${unitId}, the committee and the regulator see its fund balance`,
    );
  }
}

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
  if (
    mayFinance(principal, 'readEveryUnit', communityId) ||
    subjectsOf(principal, 'readAuditedUnits', communityId).includes(statementId)
  )
    return 'ALL';
  const mine = subjectsOf(principal, 'readOwnUnits', communityId);
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
