import { deciderSpec } from '../../../test/support/decider-spec.js';
import { communityDecider } from './community.js';
import type { CommunityEvent } from './community.events.js';

const given = deciderSpec(communityDecider);

const registered: CommunityEvent = {
  type: 'CommunityRegistered',
  data: {
    communityId: 'lzy',
    name: '龙泽苑',
    district: '昌平区',
    street: '回龙观街道',
    rulebook: 'CN-BEIJING-2020',
    rulebookVersion: expect.any(String),
  },
};
const owners: CommunityEvent = {
  type: 'OwnersRegistered',
  data: {
    owners: [
      { ownerId: 'O1', name: '张伟', kind: 'PERSON' },
      { ownerId: 'O2', name: '李娜', kind: 'PERSON' },
      { ownerId: 'D', name: '开发商', kind: 'DEVELOPER' },
    ],
  },
};
const unit101: CommunityEvent = {
  type: 'UnitsRegistered',
  data: {
    units: [
      {
        unitId: '1-101',
        building: '1',
        area: '89.37',
        areaSource: 'REGISTERED',
        ownerIds: ['O1', 'O2'],
        representativeId: 'O1',
      },
    ],
  },
};

describe('a community roster (DOMAIN.md rules 1–4)', () => {
  it('registers a community under a known rulebook, recording its version', () => {
    given([])
      .when({
        type: 'RegisterCommunity',
        data: {
          communityId: 'lzy',
          name: '龙泽苑',
          district: '昌平区',
          street: '回龙观街道',
          rulebook: 'CN-BEIJING-2020',
        },
      })
      .then([registered]);
  });

  it('refuses an unknown rulebook', () => {
    given([])
      .when({
        type: 'RegisterCommunity',
        data: { communityId: 'x', name: 'x', district: 'x', street: null, rulebook: 'CN-MARS-2099' },
      })
      .thenRefuses('UNKNOWN_RULEBOOK');
  });

  it('refuses to register the same community twice', () => {
    given([registered])
      .when({
        type: 'RegisterCommunity',
        data: { communityId: 'lzy', name: 'x', district: 'x', street: null, rulebook: 'CN-BEIJING-2020' },
      })
      .thenRefuses('COMMUNITY_EXISTS');
  });

  it('registers units with areas written exactly as given', () => {
    given([registered, owners])
      .when({
        type: 'RegisterUnits',
        data: {
          units: [
            { unitId: '1-101', building: '1', area: 8937n, ownerIds: ['O1', 'O2'], representativeId: 'O1', row: 2 },
          ],
        },
      })
      .then([unit101]);
  });

  it('names the row and the owner when a unit names an unregistered owner', () => {
    given([registered, owners])
      .when({
        type: 'RegisterUnits',
        data: { units: [{ unitId: '1-102', building: '1', area: 100n, ownerIds: ['O9'], row: 7 }] },
      })
      .thenRefuses('UNKNOWN_OWNER', /row 7 .*O9/);
  });

  it('refuses a unit listed twice, naming both rows', () => {
    const unit = { unitId: '1-102', building: '1', area: 100n, ownerIds: ['O1'] };
    given([registered, owners])
      .when({
        type: 'RegisterUnits',
        data: {
          units: [
            { ...unit, row: 2 },
            { ...unit, row: 5 },
          ],
        },
      })
      .thenRefuses('DUPLICATE_UNIT', /row 5.*row 2/);
  });

  it('refuses a unit that is already registered', () => {
    given([registered, owners, unit101])
      .when({
        type: 'RegisterUnits',
        data: { units: [{ unitId: '1-101', building: '1', area: 100n, ownerIds: ['O1'] }] },
      })
      .thenRefuses('UNIT_ALREADY_REGISTERED');
  });

  it('needs a representative, one of the owners, for a co-owned unit (rule 3)', () => {
    const unit = { unitId: '1-102', building: '1', area: 100n, ownerIds: ['O1', 'O2'] };
    given([registered, owners])
      .when({ type: 'RegisterUnits', data: { units: [unit] } })
      .thenRefuses('REPRESENTATIVE_REQUIRED');
    given([registered, owners])
      .when({ type: 'RegisterUnits', data: { units: [{ ...unit, representativeId: 'D' }] } })
      .thenRefuses('REPRESENTATIVE_NOT_AN_OWNER');
  });

  it('transfers a unit to new owners, keeping who held it before', () => {
    const effectiveAt = new Date('2026-03-01T00:00:00+08:00');
    given([registered, owners, unit101])
      .when({ type: 'TransferUnit', data: { unitId: '1-101', ownerIds: ['O2'], effectiveAt } })
      .then([
        {
          type: 'UnitTransferred',
          data: {
            unitId: '1-101',
            from: { ownerIds: ['O1', 'O2'], representativeId: 'O1' },
            to: { ownerIds: ['O2'], representativeId: 'O2' },
            effectiveAt: effectiveAt.toISOString(),
          },
        },
      ]);
  });

  it('refuses commands for a community that was never registered', () => {
    given([])
      .when({ type: 'RegisterOwners', data: { owners: [{ ownerId: 'O1', name: 'x', kind: 'PERSON' }] } })
      .thenRefuses('COMMUNITY_NOT_FOUND');
  });

  describe('rule 30: one governing body at a time', () => {
    const now = new Date('2027-01-01T00:00:00Z');
    const pmc = [
      'CHAIR_RESIDENTS_COMMITTEE',
      'OWNER_REPRESENTATIVE',
      'OWNER_REPRESENTATIVE',
      'OWNER_REPRESENTATIVE',
      'OWNER_REPRESENTATIVE',
      'OTHER',
      'OTHER',
    ] as const;
    it('appoints no preparatory group while a filed committee is in office', () => {
      given([registered])
        .when({
          type: 'AppointManagingBody',
          data: { kind: 'PREPARATORY_GROUP', members: [{ memberId: 'm1', name: '甲' }], now, committeeInOffice: true },
        })
        .thenRefuses('COMMITTEE_IN_OFFICE', /one governing body at a time/);
    });
    it('forms no PMC while a filed committee is in office', () => {
      given([registered])
        .when({
          type: 'AppointManagingBody',
          data: {
            kind: 'PMC',
            members: pmc.map((role, i) => ({ memberId: `m${i}`, name: `委员${i}`, role })),
            now,
            committeeInOffice: true,
          },
        })
        .thenRefuses('COMMITTEE_IN_OFFICE');
    });
    it('appoints a preparatory group where no committee is in office (its term ended)', () => {
      given([registered])
        .when({
          type: 'AppointManagingBody',
          data: { kind: 'PREPARATORY_GROUP', members: [{ memberId: 'm1', name: '甲' }], now, committeeInOffice: false },
        })
        .then([
          {
            type: 'ManagingBodyAppointed',
            data: {
              kind: 'PREPARATORY_GROUP',
              members: [{ memberId: 'm1', name: '甲' }],
              appointedAt: '2027-01-01T00:00:00.000Z',
            },
          },
        ]);
    });
  });
});
