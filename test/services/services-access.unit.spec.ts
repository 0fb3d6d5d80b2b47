import { actsForCompany, authorizeServices, SERVICES_ACCESS } from '../../src/services/services.access.js';
import { answerOf, CID, ctxOf, describeAccessTable, grantOf } from '../support/access-tables.js';

/** src/services/services.access.ts: the one table the services module's handlers and controllers ask. */
describe('SERVICES_ACCESS', () => {
  describeAccessTable(SERVICES_ACCESS, authorizeServices);

  it("lets the property company's staff accept and resolve, never dispatch, file or rate (rule 34)", () => {
    const staff = ctxOf(grantOf('property_company', CID, 'staff-1'));
    for (const action of ['AcceptRequest', 'ResolveRequest', 'readCompanyQueue'] as const)
      expect(answerOf(() => authorizeServices(staff, action, CID))).toEqual({ allowed: 'property_company' });
    for (const action of [
      'DispatchRequest',
      'FileRequest',
      'RateRequest',
      'ReopenRequest',
      'readCompanyStaff',
    ] as const)
      expect(answerOf(() => authorizeServices(staff, action, CID))).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it('tells a staff member, who acts for the company, from the desks that do not', () => {
    expect(actsForCompany({ role: 'property_company' })).toBe(true);
    expect(actsForCompany({ role: 'committee' })).toBe(false);
    expect(actsForCompany({ role: 'regulator' })).toBe(false);
  });
});
