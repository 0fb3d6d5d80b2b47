import { createHash } from 'node:crypto';
import { rosterHash } from './roster-hash.js';

const voter = (id: string, area: bigint, units = [`U-${id}`]) => ({
  voterId: id,
  representativeId: `O-${id}`,
  ownerIds: [`O-${id}`],
  unitIds: units,
  area,
});

describe("a roster's fingerprint (rule 4: what an open event freezes)", () => {
  it('is the SHA-256 of the canonical JSON of the roster, area written as in the export', () => {
    // Written out by hand: keys in code-unit order, area as a decimal string of m² (formatArea).
    const text =
      '[{"area":"88.50","ownerIds":["O-a"],"representativeId":"O-a","unitIds":["U-a"],"voterId":"a"},' +
      '{"area":"120.00","ownerIds":["O-b"],"representativeId":"O-b","unitIds":["U-b1","U-b2"],"voterId":"b"}]';
    const hash = createHash('sha256').update(text).digest('hex');
    expect(rosterHash([voter('a', 8850n), voter('b', 12000n, ['U-b1', 'U-b2'])])).toBe(hash);
  });

  it('changes with any voter, area or order', () => {
    const base = rosterHash([voter('a', 8850n), voter('b', 12000n)]);
    expect(rosterHash([voter('a', 8851n), voter('b', 12000n)])).not.toBe(base);
    expect(rosterHash([voter('b', 12000n), voter('a', 8850n)])).not.toBe(base);
    expect(rosterHash([voter('a', 8850n)])).not.toBe(base);
  });
});
