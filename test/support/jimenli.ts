import { readFileSync } from 'node:fs';

const fixture = (name: string) => readFileSync(`test/fixtures/jimenli/${name}`, 'utf8');

/** owners.csv as the JSON body of POST /communities/{cid}/owners. */
export function jimenliOwners() {
  const [, ...lines] = fixture('owners.csv').trim().split(/\r?\n/);
  return lines.map((line) => {
    const [ownerId, name, kind] = line.split(',');
    return { ownerId, name, kind };
  });
}

/** units.csv as sent to units:import. */
export const jimenliUnitsCsv = () => fixture('units.csv');

/** units.csv parsed, with area in hundredths of m². */
export function jimenliUnits() {
  const [, ...lines] = fixture('units.csv').trim().split(/\r?\n/);
  return lines.map((line) => {
    const [unitId, building, areaM2, ownerIds, representativeId] = line.split(',');
    const [whole, fraction = ''] = areaM2.split('.');
    return {
      unitId,
      building,
      area: BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0')),
      ownerIds: ownerIds.split(';'),
      representativeId,
    };
  });
}
