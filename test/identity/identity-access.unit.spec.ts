import { authorizeIdentity, grantsAllow, IDENTITY_ACCESS } from '../../src/identity/identity.access.js';
import { committeeActivator } from '../../src/identity/on-behalf.js';
import { CID, ctxOf, describeAccessTable, grantOf, OTHER_CID } from '../support/access-tables.js';

/** src/identity/identity.access.ts: the one table the identity module asks. */
describe('IDENTITY_ACCESS', () => {
  describeAccessTable(IDENTITY_ACCESS, authorizeIdentity);

  it("marks an owner's code activated by the committee of that community, and only that (rule 33)", () => {
    const ownerCode = grantOf('owner', CID, 'o-1');
    const committee = ctxOf(grantOf('committee', CID, 'm-1')).principal;
    const otherCommittee = ctxOf(grantOf('committee', OTHER_CID, 'm-2')).principal;
    const regulator = ctxOf(grantOf('regulator')).principal;
    expect(committeeActivator(ownerCode, committee, null)).toBe('acc-1');
    expect(committeeActivator(ownerCode, otherCommittee, null)).toBeUndefined();
    expect(committeeActivator(ownerCode, regulator, null)).toBeUndefined();
    expect(committeeActivator(ownerCode, null, { id: 'acc-9', grants: [grantOf('committee', CID)] })).toBe('acc-9');
    expect(grantsAllow([grantOf('owner', CID, 'o-2')], 'ActivateOnOwnersBehalf', CID)).toBe(false);
  });
});
