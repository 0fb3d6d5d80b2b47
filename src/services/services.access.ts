import { type Actor, authorize, type Role } from '../platform/auth/principal.js';
import type { RequestContext } from '../platform/auth/request-context.js';

/**
 * Who may do what with a community's requests, its property company and its company's staff: the one place the
 * services module's handlers and controllers ask. Each entry is the roles of that community that may (the
 * regulator and the administrator hold theirs everywhere); anyone else is refused 401 (no token), 403 FORBIDDEN
 * or 403 OUTSIDE_JURISDICTION. The public views of requests and of the property service need no entry; a
 * property-company staff member also must still hold their company's desk (CompanyStaff.assertServing).
 */
export const SERVICES_ACCESS = {
  /** Rule 34: an owner files for themself, the committee for a resident at its desk, the community office for itself. */
  FileRequest: ['owner', 'committee', 'regulator'],
  /** Rule 34: dispatching stays with the committee and the community office. */
  DispatchRequest: ['committee', 'regulator'],
  /** Rule 34: the handler accepts and resolves: the committee's desk, the community office, the property company's staff. */
  AcceptRequest: ['committee', 'regulator', 'property_company'],
  ResolveRequest: ['committee', 'regulator', 'property_company'],
  /** Rule 34: the requester rates and reopens (the decider checks it is the one who filed). */
  RateRequest: ['owner', 'committee', 'regulator'],
  ReopenRequest: ['owner', 'committee', 'regulator'],
  /** Rule 36: the committee contracts for the owners. */
  RegisterCompany: ['committee'],
  SignContract: ['committee'],
  /** Rule 37: the committee publishes the assessment and releases the fee after it. */
  PublishAssessment: ['committee'],
  ReleaseFee: ['committee'],
  /** Rule 38: party-organisation coverage is as the street office records it. */
  RecordPartyOrganisation: ['regulator'],
  /** The committee contracts for the owners (rule 36), so it opens and closes the company's desk. */
  AddCompanyStaff: ['committee'],
  RemoveCompanyStaff: ['committee'],
  readCompanyStaff: ['committee', 'regulator'],
  /** What was dispatched to the property company: its staff's work queue, and the committee's and the office's view of it. */
  readCompanyQueue: ['property_company', 'committee', 'regulator'],
  /** Rule 38: the street office's 三率 and ranking (rule 31: a scoped regulator's own district only). */
  readStreetOffice: ['regulator', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type ServicesAction = keyof typeof SERVICES_ACCESS;

/** The caller, if `SERVICES_ACCESS` lets them do `action` (in this community; null: by a role held everywhere). */
export function authorizeServices(ctx: RequestContext, action: ServicesAction, communityId: string | null): Actor {
  return authorize(ctx.principal, SERVICES_ACCESS[action], communityId);
}

/** The role a property company's staff member acts in: its subject is the staff id, its desk the company's. */
export const COMPANY_STAFF: Role = 'property_company';

/** Whether the actor acts as the property company's staff (and so for the company, while it serves: rule 34). */
export const actsForCompany = (actor: Pick<Actor, 'role'>): boolean => actor.role === COMPANY_STAFF;
