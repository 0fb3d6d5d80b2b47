import {
  authorizeRegistry,
  authorizeRegistryAt,
  REGISTRY_ACCESS,
  registrySubjects,
} from '../../src/registry/registry.access.js';
import { answerOf, CID, ctxOf, describeAccessTable, grantOf } from '../support/access-tables.js';

/** src/registry/registry.access.ts: the one table the registry module's handlers and controller ask. */
describe('REGISTRY_ACCESS', () => {
  describeAccessTable(REGISTRY_ACCESS, authorizeRegistry);

  it('lets only the street office form a PMC, and the administrator too a preparatory group (rule 17)', () => {
    expect(answerOf(() => authorizeRegistry(ctxOf(grantOf('admin')), 'AppointPmc', null))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(answerOf(() => authorizeRegistry(ctxOf(grantOf('regulator')), 'AppointPmc', null))).toEqual({
      allowed: 'regulator',
    });
    expect(answerOf(() => authorizeRegistry(ctxOf(grantOf('admin')), 'AppointManagingBody', null))).toEqual({
      allowed: 'admin',
    });
    expect(answerOf(() => authorizeRegistry(ctxOf(grantOf('committee')), 'AppointManagingBody', null))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
  });

  it('lets a scoped street office register a community only within its district (rule 31)', () => {
    const scoped = ctxOf({ role: 'regulator', communityId: null, subjectId: null, district: '海淀区' });
    const inside = { district: '海淀区', street: '学院路街道' };
    const outside = { district: '朝阳区', street: null };
    expect(answerOf(() => authorizeRegistryAt(scoped, 'RegisterCommunity', inside))).toEqual({ allowed: 'regulator' });
    expect(answerOf(() => authorizeRegistryAt(scoped, 'RegisterCommunity', outside))).toEqual({
      status: 403,
      code: 'OUTSIDE_JURISDICTION',
    });
    expect(answerOf(() => authorizeRegistryAt(ctxOf(grantOf('committee')), 'RegisterCommunity', inside))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
  });

  it("knows an owner's own owner ids for a new letter, and no one else's (rule 33)", () => {
    const owner = ctxOf(grantOf('owner', CID, 'o-1'), grantOf('committee', CID, 'm-1'));
    expect(registrySubjects(owner, 'IssueOwnLetter', CID)).toEqual(['o-1']);
    expect(registrySubjects(ctxOf(grantOf('committee', CID, 'm-1')), 'IssueOwnLetter', CID)).toEqual([]);
    expect(registrySubjects(ctxOf(), 'IssueOwnLetter', CID)).toEqual([]);
  });
});
