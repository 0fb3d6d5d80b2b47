import type { RegisterOwners } from '../../src/registry/commands/register-owners.js';
import { type CommandAnswer, communityWithCommittee, type TestServer } from './test-server.js';

/**
 * Six units, five voters: O1 holds two flats (one head), O2+O3 co-own one (O2 represents it),
 * O4 and O5 one each, the developer D one unsold flat. Areas in m².
 */
export const SMALL_ROSTER = {
  owners: [
    { ownerId: 'O1', name: '张伟', kind: 'PERSON' },
    { ownerId: 'O2', name: '李娜', kind: 'PERSON' },
    { ownerId: 'O3', name: '王芳', kind: 'PERSON' },
    { ownerId: 'O4', name: '刘洋', kind: 'PERSON' },
    { ownerId: 'O5', name: '陈静', kind: 'PERSON' },
    { ownerId: 'D', name: '北京城建开发有限公司', kind: 'DEVELOPER' },
  ],
  units: [
    { unitId: '1-101', building: '1', areaM2: '100.00', ownerIds: ['O1'] },
    { unitId: '1-102', building: '1', areaM2: '50.00', ownerIds: ['O1'] },
    { unitId: '1-201', building: '1', areaM2: '80.00', ownerIds: ['O2', 'O3'], representativeId: 'O2' },
    { unitId: '2-101', building: '2', areaM2: '90.00', ownerIds: ['O4'] },
    { unitId: '2-102', building: '2', areaM2: '60.00', ownerIds: ['O5'] },
    { unitId: '2-201', building: '2', areaM2: '120.00', ownerIds: ['D'] },
  ],
  totals: { heads: 5, areaM2: '500.00' },
};

/** A registered community with the small roster, an activated committee, and activated owner accounts. */
export async function smallCommunity(
  server: TestServer,
  activate: string[] = ['O1', 'O2', 'O4', 'O5'],
  rulebook = 'CN-BEIJING-2020',
) {
  const base = await communityWithCommittee(server, '龙泽苑', rulebook);
  const owners = await server.post<CommandAnswer<RegisterOwners>>(
    `/api/v1/communities/${base.communityId}/owners`,
    SMALL_ROSTER.owners,
    {
      token: base.committee,
    },
  );
  if (owners.status !== 201) throw new Error(owners.text);
  const units = await server.post<unknown>(`/api/v1/communities/${base.communityId}/units`, SMALL_ROSTER.units, {
    token: base.committee,
  });
  if (units.status !== 201) throw new Error(units.text);
  const tokens: Record<string, string> = {};
  for (const ownerId of activate) {
    tokens[ownerId] = await server.activateAndSignIn(
      owners.body.activationCodes[ownerId],
      `${ownerId.toLowerCase()}-${base.communityId.slice(0, 6)}`,
    );
  }
  return { ...base, ownerTokens: tokens, activationCodes: owners.body.activationCodes };
}
