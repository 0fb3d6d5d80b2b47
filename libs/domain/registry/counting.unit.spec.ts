import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { formatArea, parseArea } from '../shared/quantities.js';
import { rosterTotals, voterFor, votersOf, type OwnerKind, type RosterOwner, type RosterUnit } from './counting.js';
import { refusalCode } from '../../../test/support/decider-spec.js';

function rows(file: string): string[][] {
  const text = readFileSync(join(process.cwd(), 'test/fixtures/jimenli', file), 'utf8');
  return text
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .slice(1)
    .map((line) => line.split(','));
}

function jimenli(): { owners: Map<string, RosterOwner>; units: RosterUnit[] } {
  const owners = new Map(
    rows('owners.csv').map(([ownerId, name, kind]) => [ownerId, { ownerId, name, kind: kind as OwnerKind }]),
  );
  const units = rows('units.csv').map(([unitId, building, areaM2, ownerIds, representativeId]) => ({
    unitId,
    building,
    area: parseArea(areaM2),
    ownerIds: ownerIds.split(';'),
    representativeId,
  }));
  return { owners, units };
}

const person = (ownerId: string): RosterOwner => ({ ownerId, name: ownerId, kind: 'PERSON' });
const developer = (ownerId: string): RosterOwner => ({ ownerId, name: ownerId, kind: 'DEVELOPER' });
const ownersOf = (...list: RosterOwner[]) => new Map(list.map((o) => [o.ownerId, o]));
const unit = (unitId: string, area: bigint, ownerIds: string[], representativeId = ownerIds[0]): RosterUnit => ({
  unitId,
  building: '1',
  area,
  ownerIds,
  representativeId,
});

describe('the jimenli roster (rules 1–3)', () => {
  const { owners, units } = jimenli();
  const voters = votersOf(owners, units);

  it('rules 2–3: 3100 units, 2844 heads, 288268.82 m²', () => {
    const totals = rosterTotals(voters);
    expect(totals).toEqual({ units: 3100, heads: 2844, area: 28826882n });
    expect(formatArea(totals.area)).toBe('288268.82');
    expect(owners.size).toBe(3785);
  });

  it("rule 2: the developer's 39 units are one head", () => {
    const dev = voters.find((v) => v.voterId === 'O00001');
    expect(dev?.unitIds).toHaveLength(39);
    expect(dev?.ownerIds).toEqual(['O00001']);
    expect(voterFor(voters, 'O00001')).toEqual([dev]);
  });

  it('rule 2: each of the 15 organisations is one head for all its units', () => {
    const orgs = [...owners.values()].filter((o) => o.kind === 'ORGANISATION');
    expect(orgs).toHaveLength(15);
    for (const org of orgs) {
      const mine = voters.filter((v) => v.ownerIds.includes(org.ownerId));
      expect(mine).toHaveLength(1);
      expect(mine[0].unitIds.length).toBeGreaterThan(1);
    }
  });

  it('rule 3: a co-owned unit is one head, cast by its representative only', () => {
    const [first] = units.filter((u) => u.ownerIds.length > 1);
    const voter = voters.find((v) => v.unitIds.includes(first.unitId))!;
    expect(voter.voterId).toBe([...first.ownerIds].sort().join('+'));
    expect(voter.representativeId).toBe(first.representativeId);
    const other = first.ownerIds.find((id) => id !== first.representativeId)!;
    expect(voterFor(voters, first.representativeId)).toContainEqual(voter);
    expect(voterFor(voters, other)).not.toContainEqual(voter);
  });

  it('rule 3: every unit belongs to exactly one voter', () => {
    const all = voters.flatMap((v) => v.unitIds);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(units.length);
  });

  it('rule 4: the voters do not depend on the order of the roster', () => {
    expect(votersOf(owners, [...units].reverse())).toEqual(voters);
  });
});

describe('counting heads (rules 2–3)', () => {
  const owners = ownersOf(person('A'), person('B'), person('C'), developer('D'), developer('D2'));

  it('rule 2: units held by one sole owner count as one head with their summed area', () => {
    const voters = votersOf(owners, [unit('1-101', 8000n, ['A']), unit('1-102', 9000n, ['A'])]);
    expect(voters).toEqual([
      { voterId: 'A', representativeId: 'A', ownerIds: ['A'], unitIds: ['1-101', '1-102'], area: 17000n },
    ]);
  });

  it('rule 3: units co-owned by exactly the same owners count once together, whatever order the owners are listed in', () => {
    const voters = votersOf(owners, [unit('1-101', 100n, ['B', 'A'], 'B'), unit('1-102', 200n, ['A', 'B'], 'B')]);
    expect(voters).toEqual([
      { voterId: 'A+B', representativeId: 'B', ownerIds: ['A', 'B'], unitIds: ['1-101', '1-102'], area: 300n },
    ]);
  });

  it('rule 3: a sole holding and a co-owned holding of the same person are two heads (two buyers)', () => {
    const voters = votersOf(owners, [unit('1-101', 100n, ['A']), unit('1-102', 200n, ['A', 'B'], 'A')]);
    expect(voters.map((v) => v.voterId)).toEqual(['A', 'A+B']);
    expect(voterFor(voters, 'A').map((v) => v.voterId)).toEqual(['A', 'A+B']);
    expect(voterFor(voters, 'B')).toEqual([]);
  });

  it('rule 2: every unit the developer holds, even one listed with a buyer, is in the one developer head', () => {
    const voters = votersOf(owners, [
      unit('1-101', 100n, ['D']),
      unit('1-102', 200n, ['D', 'C'], 'C'),
      unit('1-103', 300n, ['D2']),
      unit('1-104', 400n, ['C']),
    ]);
    expect(voters).toEqual([
      { voterId: 'C', representativeId: 'C', ownerIds: ['C'], unitIds: ['1-104'], area: 400n },
      {
        voterId: 'D+D2',
        representativeId: 'D',
        ownerIds: ['D', 'D2'],
        unitIds: ['1-101', '1-102', '1-103'],
        area: 600n,
      },
    ]);
    expect(rosterTotals(voters)).toEqual({ units: 4, heads: 2, area: 1000n });
  });

  it('rule 3: where one set of co-owners names different representatives, the one named on its first unit casts', () => {
    const voters = votersOf(owners, [unit('1-102', 100n, ['A', 'B'], 'B'), unit('1-101', 100n, ['A', 'B'], 'A')]);
    expect(voters[0].representativeId).toBe('A');
  });

  it('an empty roster has no heads and no area', () => {
    expect(rosterTotals(votersOf(owners, []))).toEqual({ units: 0, heads: 0, area: 0n });
  });

  it.each([
    ['DUPLICATE_UNIT', [unit('1', 1n, ['A']), unit('1', 1n, ['B'])]],
    ['UNKNOWN_OWNER', [unit('1', 1n, ['Z'])]],
    ['UNIT_WITHOUT_OWNER', [unit('1', 1n, [], 'A')]],
    ['REPRESENTATIVE_NOT_OWNER', [unit('1', 1n, ['A', 'B'], 'C')]],
    ['INVALID_AREA', [unit('1', 0n, ['A'])]],
  ])('a roster that cannot be counted is refused with %s', (code, units) => {
    expect(refusalCode(() => votersOf(owners, units))).toBe(code);
  });

  it('an owner id containing "+" is refused, as it would pass for a set of co-owners', () => {
    expect(refusalCode(() => votersOf(ownersOf(person('A+B')), [unit('1', 1n, ['A+B'])]))).toBe('INVALID_OWNER_ID');
  });

  it('rules 2–3: heads never exceed units, area is conserved, and the roster order does not matter', () => {
    const ids = ['A', 'B', 'C', 'D', 'D2'];
    const arbUnit = fc.record({
      area: fc.bigInt({ min: 1n, max: 100000n }),
      ownerIds: fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 3 }),
    });
    const arbRoster = fc
      .array(arbUnit, { maxLength: 30 })
      .map((raw) => raw.map((u, i) => unit(`u${i}`, u.area, u.ownerIds)))
      .chain((units) =>
        fc.tuple(fc.constant(units), fc.shuffledSubarray(units, { minLength: units.length, maxLength: units.length })),
      );
    fc.assert(
      fc.property(arbRoster, ([units, shuffled]) => {
        const voters = votersOf(owners, units);
        const totals = rosterTotals(voters);
        expect(totals.units).toBe(units.length);
        expect(totals.heads).toBeLessThanOrEqual(units.length);
        expect(totals.area).toBe(units.reduce((s, u) => s + u.area, 0n));
        expect(votersOf(owners, shuffled)).toEqual(voters);
      }),
    );
  });
});
