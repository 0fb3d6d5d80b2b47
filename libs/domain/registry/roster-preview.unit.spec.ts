import { fold } from '../shared/decider.js';
import { communityDecider, type UnitInput } from './community.js';
import type { CommunityEvent } from './community.events.js';
import { previewUnits } from './roster-preview.js';

const history: CommunityEvent[] = [
  {
    type: 'CommunityRegistered',
    data: {
      communityId: 'lzy',
      name: '龙泽苑',
      district: '昌平区',
      street: '回龙观街道',
      rulebook: 'CN-BEIJING-2020',
      rulebookVersion: '1',
    },
  },
  {
    type: 'OwnersRegistered',
    data: {
      owners: [
        { ownerId: 'O1', name: '张伟', kind: 'PERSON' },
        { ownerId: 'O2', name: '李娜', kind: 'PERSON' },
        { ownerId: 'O3', name: '刘洋', kind: 'PERSON' },
      ],
    },
  },
];
const state = fold(communityDecider, communityDecider.initialState(), history);
const unit = (row: number, unitId: string, ownerIds: string[], area = 8937n, representativeId?: string): UnitInput => ({
  row,
  unitId,
  building: '1',
  area,
  ownerIds,
  representativeId,
});

describe('the preview of a roster import', () => {
  it('gives the totals the import would leave: units, heads (same owner set is one head) and area', () => {
    const preview = previewUnits(state, [
      unit(2, '1-101', ['O1']),
      unit(3, '1-102', ['O1'], 5000n),
      unit(4, '1-103', ['O2']),
    ]);
    expect(preview.problems).toEqual([]);
    expect(preview.totals).toEqual({ units: 3, heads: 2, area: 8937n + 5000n + 8937n });
  });

  it('lists every bad row at once, in row order, with the code the import would refuse it with', () => {
    const preview = previewUnits(
      state,
      [
        unit(2, '1-101', ['O1']),
        unit(3, '1-102', ['O9']),
        unit(4, '1-101', ['O2']),
        unit(5, '1-104', ['O2', 'O3']),
        unit(6, '1-105', ['O3']),
      ],
      [{ row: 7, code: 'INVALID_ROSTER_ROW', message: 'row 7: areaM2 "x"' }],
    );
    expect(preview.problems.map((p) => [p.row, p.code])).toEqual([
      [3, 'UNKNOWN_OWNER'],
      [4, 'DUPLICATE_UNIT'],
      [5, 'REPRESENTATIVE_REQUIRED'],
      [7, 'INVALID_ROSTER_ROW'],
    ]);
    // The rows that would pass: 1-101 and 1-105.
    expect(preview.totals).toEqual({ units: 2, heads: 2, area: 2n * 8937n });
  });

  it('refuses a unit already registered, as the import would', () => {
    const after = fold(
      communityDecider,
      state,
      communityDecider.decide({ type: 'RegisterUnits', data: { units: [unit(2, '1-101', ['O1'])] } }, state),
    );
    const preview = previewUnits(after, [unit(2, '1-101', ['O2'])]);
    expect(preview.problems.map((p) => p.code)).toEqual(['UNIT_ALREADY_REGISTERED']);
    expect(preview.totals.units).toBe(1);
  });
});
