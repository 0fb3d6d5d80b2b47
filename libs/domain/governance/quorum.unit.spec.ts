import fc from 'fast-check';
import { CHOICES, tally, tallyToJson, type Choice, type CountedBallot, type Weight } from './quorum.js';
import { MATTERS, RULEBOOKS, rulebookById, type Matter } from './rulebooks.js';
import { refusalCode } from '../../../test/support/decider-spec.js';

const civil = rulebookById('CN-CIVIL-CODE-2021');
const beijing = rulebookById('CN-BEIJING-2020');
const THREE_QUARTER_MATTERS: Matter[] = ['RAISE_MAINTENANCE_FUND', 'REBUILD', 'CHANGE_COMMON_USE'];

let nextId = 0;
/** `heads` ballots of one choice carrying `area` between them (the first carries the odd hundredths). */
function cast(choice: Choice, heads: number, area: bigint): CountedBallot[] {
  if (heads === 0) {
    if (area !== 0n) throw new Error('area needs a head');
    return [];
  }
  const each = area / BigInt(heads);
  return Array.from({ length: heads }, (_, i) => ({
    voterId: `v${nextId++}`,
    choice,
    area: i === 0 ? area - each * BigInt(heads - 1) : each,
  }));
}

type Split = [heads: number, area: bigint];
function ballots(f: Split, a: Split = [0, 0n], x: Split = [0, 0n]): CountedBallot[] {
  return [...cast('FOR', ...f), ...cast('AGAINST', ...a), ...cast('ABSTAIN', ...x)];
}

// 300 heads and 3000.00 m²: 2/3 is exactly 200 heads and 200000 hundredths, so each boundary is a whole number.
const ELIGIBLE: Weight = { heads: 300, area: 300000n };

describe('participation (rule 5: at least 2/3 of area and of heads)', () => {
  it('rule 5: exactly 2/3 of area and heads is a quorum', () => {
    const t = tally(civil, 'OTHER_MAJOR', ELIGIBLE, ballots([200, 200000n]));
    expect(t.participation).toEqual({ required: '>=2/3', headsMet: true, areaMet: true });
    expect(t.outcome).toBe('PASSED');
  });

  it('rule 5: one head short of 2/3 is NO_QUORUM even with the area', () => {
    const t = tally(civil, 'OTHER_MAJOR', ELIGIBLE, ballots([199, 200000n]));
    expect(t.participation).toEqual({ required: '>=2/3', headsMet: false, areaMet: true });
    expect(t.outcome).toBe('NO_QUORUM');
  });

  it('rule 5: one hundredth of a m² short of 2/3 of area is NO_QUORUM even with the heads', () => {
    const t = tally(civil, 'OTHER_MAJOR', ELIGIBLE, ballots([200, 199999n]));
    expect(t.participation).toEqual({ required: '>=2/3', headsMet: true, areaMet: false });
    expect(t.outcome).toBe('NO_QUORUM');
  });

  it('rule 5: 2/3 of a total that does not divide by 3 needs the next whole head and hundredth', () => {
    const eligible = { heads: 4, area: 1000n }; // 2/3 is 2.67 heads and 666.67 hundredths
    expect(tally(civil, 'OTHER_MAJOR', eligible, ballots([3, 667n])).participation).toMatchObject({
      headsMet: true,
      areaMet: true,
    });
    expect(tally(civil, 'OTHER_MAJOR', eligible, ballots([3, 666n])).participation.areaMet).toBe(false);
    expect(tally(civil, 'OTHER_MAJOR', eligible, ballots([2, 667n])).participation.headsMet).toBe(false);
  });

  it('rule 5: an empty roster has no quorum', () => {
    expect(tally(civil, 'SURVEY', { heads: 0, area: 0n }, []).outcome).toBe('NO_QUORUM');
  });

  it('rule 5: no ballots at all is NO_QUORUM', () => {
    const t = tally(civil, 'SURVEY', ELIGIBLE, []);
    expect(t.outcome).toBe('NO_QUORUM');
    expect(t.participated).toEqual({ heads: 0, area: 0n });
  });
});

describe('approval, more than 1/2 (rule 6: 超过/过半数 excludes exactly half)', () => {
  // 200 heads and 200000 hundredths take part: a quorum, so only approval decides.
  it('rule 6: exactly 1/2 of participating area and heads is REJECTED', () => {
    const t = tally(civil, 'USE_MAINTENANCE_FUND', ELIGIBLE, ballots([100, 100000n], [100, 100000n]));
    expect(t.approval).toEqual({ required: '>1/2', headsMet: false, areaMet: false });
    expect(t.outcome).toBe('REJECTED');
  });

  it('rule 6: one head and one hundredth over 1/2 is PASSED', () => {
    const t = tally(civil, 'USE_MAINTENANCE_FUND', ELIGIBLE, ballots([101, 100001n], [99, 99999n]));
    expect(t.approval).toEqual({ required: '>1/2', headsMet: true, areaMet: true });
    expect(t.outcome).toBe('PASSED');
  });

  it('rule 6: a majority of heads with exactly half the area is REJECTED', () => {
    const t = tally(civil, 'USE_MAINTENANCE_FUND', ELIGIBLE, ballots([101, 100000n], [99, 100000n]));
    expect(t.approval).toMatchObject({ headsMet: true, areaMet: false });
    expect(t.outcome).toBe('REJECTED');
  });

  it('rule 6: a majority of area with exactly half the heads is REJECTED', () => {
    const t = tally(civil, 'USE_MAINTENANCE_FUND', ELIGIBLE, ballots([100, 100001n], [100, 99999n]));
    expect(t.approval).toMatchObject({ headsMet: false, areaMet: true });
    expect(t.outcome).toBe('REJECTED');
  });

  it('rule 6: abstentions participate, so they count against a majority', () => {
    expect(tally(civil, 'OTHER_MAJOR', ELIGIBLE, ballots([100, 100000n], [0, 0n], [100, 100000n])).outcome).toBe(
      'REJECTED',
    );
    expect(tally(civil, 'OTHER_MAJOR', ELIGIBLE, ballots([101, 100001n], [0, 0n], [99, 99999n])).outcome).toBe(
      'PASSED',
    );
  });
});

describe('approval, at least 3/4 (rule 6: items 6–8, 以上 includes exactly 3/4)', () => {
  it.each(THREE_QUARTER_MATTERS)('rule 6: exactly 3/4 of participating area and heads passes %s', (matter) => {
    const t = tally(civil, matter, ELIGIBLE, ballots([150, 150000n], [50, 50000n]));
    expect(t.approval).toEqual({ required: '>=3/4', headsMet: true, areaMet: true });
    expect(t.outcome).toBe('PASSED');
  });

  it.each(THREE_QUARTER_MATTERS)('rule 6: one head short of 3/4 rejects %s', (matter) => {
    const t = tally(civil, matter, ELIGIBLE, ballots([149, 150000n], [51, 50000n]));
    expect(t.approval).toMatchObject({ headsMet: false, areaMet: true });
    expect(t.outcome).toBe('REJECTED');
  });

  it.each(THREE_QUARTER_MATTERS)('rule 6: one hundredth of a m² short of 3/4 rejects %s', (matter) => {
    const t = tally(civil, matter, ELIGIBLE, ballots([150, 149999n], [50, 50001n]));
    expect(t.approval).toMatchObject({ headsMet: true, areaMet: false });
    expect(t.outcome).toBe('REJECTED');
  });
});

describe('every matter under every rulebook (rules 6–7)', () => {
  const cases = RULEBOOKS.flatMap((r) => MATTERS.map((m) => [r.id, m] as const));

  it.each(cases)('rule 6: %s %s passes at its threshold and not one head below it', (id, matter) => {
    const rulebook = rulebookById(id);
    const three = THREE_QUARTER_MATTERS.includes(matter);
    // Participation: 200 heads, 200000 hundredths.
    const at: Split = three ? [150, 150000n] : [101, 100001n];
    const below: Split = three ? [149, 150000n] : [100, 100001n];
    const pass = tally(rulebook, matter, ELIGIBLE, ballots(at, [200 - at[0], 200000n - at[1]]));
    const fail = tally(rulebook, matter, ELIGIBLE, ballots(below, [200 - below[0], 200000n - below[1]]));
    expect(pass.approval.required).toBe(three ? '>=3/4' : '>1/2');
    expect(pass.outcome).toBe('PASSED');
    expect(fail.outcome).toBe('REJECTED');
    expect(pass.rulebook).toBe(id);
    expect(pass.rulebookVersion).toBe(rulebook.version);
  });
});

describe('refusals', () => {
  it('rule 9: a voter counted twice is refused with DUPLICATE_BALLOT', () => {
    const b: CountedBallot[] = [
      { voterId: 'A', choice: 'FOR', area: 1n },
      { voterId: 'A', choice: 'AGAINST', area: 1n },
    ];
    expect(refusalCode(() => tally(civil, 'SURVEY', ELIGIBLE, b))).toBe('DUPLICATE_BALLOT');
  });

  it('rule 4: ballots carrying more than the frozen roster are refused', () => {
    expect(refusalCode(() => tally(civil, 'SURVEY', { heads: 1, area: 10n }, ballots([2, 10n])))).toBe(
      'BALLOTS_EXCEED_ROSTER',
    );
    expect(refusalCode(() => tally(civil, 'SURVEY', { heads: 1, area: 10n }, ballots([1, 11n])))).toBe(
      'BALLOTS_EXCEED_ROSTER',
    );
  });

  it('rule 7: an unknown matter or choice is refused', () => {
    expect(refusalCode(() => tally(civil, 'PARTY' as Matter, ELIGIBLE, []))).toBe('UNKNOWN_MATTER');
    expect(
      refusalCode(() => tally(civil, 'SURVEY', ELIGIBLE, [{ voterId: 'A', choice: 'YES' as Choice, area: 1n }])),
    ).toBe('INVALID_CHOICE');
  });
});

describe('the tally as JSON (API.md, rule 13)', () => {
  it('rule 13: areas are m² strings and the rulebook version is recorded', () => {
    const t = tally(
      beijing,
      'USE_MAINTENANCE_FUND',
      { heads: 3100, area: 25123456n },
      ballots([1500, 13000000n], [600, 5200000n], [100, 800000n]),
    );
    expect(JSON.parse(JSON.stringify(tallyToJson(t)))).toEqual({
      rulebook: 'CN-BEIJING-2020',
      rulebookVersion: beijing.version,
      matter: 'USE_MAINTENANCE_FUND',
      eligible: { heads: 3100, areaM2: '251234.56' },
      participated: { heads: 2200, areaM2: '190000.00' },
      for: { heads: 1500, areaM2: '130000.00' },
      against: { heads: 600, areaM2: '52000.00' },
      abstain: { heads: 100, areaM2: '8000.00' },
      participation: { required: '>=2/3', headsMet: true, areaMet: true },
      approval: { required: '>1/2', headsMet: true, areaMet: true },
      outcome: 'PASSED',
    });
  });
});

describe('properties of the count', () => {
  interface RosterVoter {
    voterId: string;
    area: bigint;
    choice: Choice | undefined;
  }
  const arbVoters = fc
    .array(
      fc.record({
        area: fc.bigInt({ min: 1n, max: 20000n }),
        choice: fc.option(fc.constantFrom(...CHOICES), { nil: undefined, freq: 3 }),
      }),
      { minLength: 1, maxLength: 40 },
    )
    .map((list): RosterVoter[] => list.map((v, i) => ({ voterId: `v${i}`, ...v })));
  const arbRulebook = fc.constantFrom(...RULEBOOKS);
  const arbMatter = fc.constantFrom(...MATTERS);

  const eligibleOf = (voters: RosterVoter[]): Weight => ({
    heads: voters.length,
    area: voters.reduce((s, v) => s + v.area, 0n),
  });
  const ballotsOf = (voters: RosterVoter[]): CountedBallot[] =>
    voters.flatMap((v) => (v.choice ? [{ voterId: v.voterId, choice: v.choice, area: v.area }] : []));

  it('rules 5–6: the outcome is the statute written out in cross-multiplied integers', () => {
    fc.assert(
      fc.property(arbRulebook, arbMatter, arbVoters, (rulebook, matter, voters) => {
        const t = tally(rulebook, matter, eligibleOf(voters), ballotsOf(voters));
        const e = eligibleOf(voters);
        const p = t.participated;
        const f = t.for;
        const quorum = 3 * p.heads >= 2 * e.heads && 3n * p.area >= 2n * e.area;
        const approved = THREE_QUARTER_MATTERS.includes(matter)
          ? 4 * f.heads >= 3 * p.heads && 4n * f.area >= 3n * p.area
          : 2 * f.heads > p.heads && 2n * f.area > p.area;
        expect(t.outcome).toBe(!quorum ? 'NO_QUORUM' : approved ? 'PASSED' : 'REJECTED');
      }),
    );
  });

  it('rules 5–6: for, against and abstain add up to the participants', () => {
    fc.assert(
      fc.property(arbRulebook, arbMatter, arbVoters, (rulebook, matter, voters) => {
        const t = tally(rulebook, matter, eligibleOf(voters), ballotsOf(voters));
        expect(t.for.heads + t.against.heads + t.abstain.heads).toBe(t.participated.heads);
        expect(t.for.area + t.against.area + t.abstain.area).toBe(t.participated.area);
        expect(t.participated.heads).toBe(ballotsOf(voters).length);
      }),
    );
  });

  it('rule 13: the outcome does not depend on the order of the ballots', () => {
    const arb = arbVoters.chain((voters) =>
      fc.tuple(
        fc.constant(voters),
        fc.shuffledSubarray(voters, { minLength: voters.length, maxLength: voters.length }),
      ),
    );
    fc.assert(
      fc.property(arbRulebook, arbMatter, arb, (rulebook, matter, [voters, shuffled]) => {
        const e = eligibleOf(voters);
        expect(tally(rulebook, matter, e, ballotsOf(shuffled))).toEqual(tally(rulebook, matter, e, ballotsOf(voters)));
      }),
    );
  });

  it('rules 5–6: a new voter casting FOR never turns PASSED into anything else', () => {
    fc.assert(
      fc.property(
        arbRulebook,
        arbMatter,
        arbVoters,
        fc.bigInt({ min: 1n, max: 20000n }),
        (rulebook, matter, voters, area) => {
          const roster = [...voters, { voterId: 'newcomer', area, choice: undefined }];
          const before = tally(rulebook, matter, eligibleOf(roster), ballotsOf(roster));
          const after = tally(rulebook, matter, eligibleOf(roster), [
            ...ballotsOf(roster),
            { voterId: 'newcomer', choice: 'FOR', area },
          ]);
          if (before.outcome === 'PASSED') expect(after.outcome).toBe('PASSED');
          expect(after.for.heads).toBe(before.for.heads + 1);
        },
      ),
    );
  });

  it('rule 6: a voter moving from AGAINST to FOR never lowers approval nor undoes a PASSED outcome', () => {
    fc.assert(
      fc.property(arbRulebook, arbMatter, arbVoters, fc.nat(), (rulebook, matter, voters, pick) => {
        const against = voters.filter((v) => v.choice === 'AGAINST');
        fc.pre(against.length > 0);
        const mover = against[pick % against.length].voterId;
        const moved = voters.map((v) => (v.voterId === mover ? { ...v, choice: 'FOR' as const } : v));
        const e = eligibleOf(voters);
        const before = tally(rulebook, matter, e, ballotsOf(voters));
        const after = tally(rulebook, matter, e, ballotsOf(moved));
        expect(after.for.heads).toBeGreaterThan(before.for.heads);
        expect(after.for.area > before.for.area).toBe(true);
        expect(after.participated).toEqual(before.participated);
        if (before.approval.headsMet) expect(after.approval.headsMet).toBe(true);
        if (before.approval.areaMet) expect(after.approval.areaMet).toBe(true);
        if (before.outcome === 'PASSED') expect(after.outcome).toBe('PASSED');
        if (before.outcome === 'NO_QUORUM') expect(after.outcome).toBe('NO_QUORUM');
      }),
    );
  });
});
