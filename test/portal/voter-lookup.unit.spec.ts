// @ts-expect-error plain JS browser module without type declarations
import { ballotCode, ballotOf, findVoters, readBallotCode } from '../../src/portal/public/lib/voter-lookup.js';
import { SMALL_ROSTER } from '../support/small-community.js';

/** The paper-ballot station finds the voter from what the paper says, as test/support's roster has it. */
describe('finding the voter a paper ballot names', () => {
  const roster = {
    owners: SMALL_ROSTER.owners,
    units: SMALL_ROSTER.units.map((u) => ({ ...u, representativeId: u.representativeId ?? u.ownerIds[0] })),
  };

  it("finds a unit's owner by its number, whatever dash or spaces were typed", () => {
    expect(findVoters(roster, ' 2－101 ')).toEqual([{ ownerId: 'O4', name: '刘洋', unitIds: ['2-101'] }]);
  });

  it("finds a co-owned unit's representative, who casts for it", () => {
    expect(findVoters(roster, '1-201')).toEqual([{ ownerId: 'O2', name: '李娜', unitIds: ['1-201'] }]);
  });

  it('finds an owner by name with all their units, and by owner id', () => {
    expect(findVoters(roster, '张伟')).toEqual([{ ownerId: 'O1', name: '张伟', unitIds: ['1-101', '1-102'] }]);
    expect(findVoters(roster, 'O5')).toEqual([{ ownerId: 'O5', name: '陈静', unitIds: ['2-102'] }]);
  });

  it('offers every owner a part of a name fits, and no one for what fits nobody', () => {
    expect(findVoters(roster, '北京').map((p: { ownerId: string }) => p.ownerId)).toEqual(['D']);
    expect(findVoters(roster, '31-7-602')).toEqual([]);
    expect(findVoters(roster, '  ')).toEqual([]);
  });

  it('tells the ballot that counts for an owner, and none when they have not voted', () => {
    const record = {
      voters: [
        { voterId: 'O2', representativeId: 'O2', ownerIds: ['O2', 'O3'], participated: true, choice: 'FOR' },
        { voterId: 'O4', representativeId: 'O4', ownerIds: ['O4'], participated: false, choice: null },
      ],
    };
    expect(ballotOf(record, 'O3')).toMatchObject({ voterId: 'O2', choice: 'FOR' });
    expect(ballotOf(record, 'O4')).toBeNull();
    expect(ballotOf(null, 'O4')).toBeNull();
  });

  it("reads back the vote and unit a printed ballot's QR code holds, and nothing from a typed unit number", () => {
    const code = ballotCode('resolutions', '3f1c0d9e-1111-4222-8333-444455556666', '31-7-602');
    expect(readBallotCode(` ${code}\n`)).toEqual({
      kind: 'resolutions',
      id: '3f1c0d9e-1111-4222-8333-444455556666',
      unitId: '31-7-602',
    });
    expect(readBallotCode(ballotCode('elections', 'e1', '1-201'))).toEqual({
      kind: 'elections',
      id: 'e1',
      unitId: '1-201',
    });
    expect(readBallotCode('31-7-602')).toBeNull();
    expect(readBallotCode('gongzhi:paper:proxies:x:1-101')).toBeNull();
  });
});
