import { rulebookById } from '../governance/rulebooks.js';
import { countElection, type ElectionBallot } from './election-count.js';

const beijing = rulebookById('CN-BEIJING-2020');
const cand = (id: string) => ({ candidateId: id, name: `候选人${id}`, ownerId: `O-${id}` });
const ballot = (voterId: string, area: bigint, ...selections: string[]): ElectionBallot => ({
  voterId,
  area,
  selections,
});

describe('counting an election (DOMAIN.md rules 5, 15)', () => {
  it('rule 5: below 2/3 of heads taking part, nobody is elected (NO_QUORUM)', () => {
    const r = countElection(beijing, 3, 0, [cand('A')], { heads: 4, area: 400n }, [
      ballot('v1', 100n, 'A'),
      ballot('v2', 100n, 'A'),
    ]);
    expect(r.outcome).toBe('NO_QUORUM');
    expect(r.elected).toEqual([]);
    expect(r.unfilledSeats).toBe(3);
  });

  it('rule 5: exactly 2/3 of heads and area is a quorum ("以上" includes the number)', () => {
    const r = countElection(beijing, 3, 0, [cand('A')], { heads: 3, area: 300n }, [
      ballot('v1', 100n, 'A'),
      ballot('v2', 100n, 'A'),
    ]);
    expect(r.participation).toEqual({ required: '>=2/3', headsMet: true, areaMet: true });
    expect(r.outcome).toBe('ELECTED');
  });

  it('rule 15: exactly half of participating heads is not a majority ("过半数" excludes it)', () => {
    const ballots = [ballot('v1', 100n, 'A'), ballot('v2', 100n, 'A'), ballot('v3', 100n), ballot('v4', 100n)];
    const r = countElection(beijing, 3, 0, [cand('A')], { heads: 4, area: 400n }, ballots);
    expect(r.candidates[0]).toMatchObject({
      approving: { heads: 2, areaM2: '2.00' },
      approval: { required: '>1/2', headsMet: false, areaMet: false },
      passed: false,
    });
    expect(r.outcome).toBe('NONE_ELECTED');
  });

  it('rule 15: a majority of heads but exactly half the area fails; one hundredth more passes', () => {
    const eligible = { heads: 3, area: 400n };
    const half = countElection(beijing, 3, 0, [cand('A')], eligible, [
      ballot('v1', 100n, 'A'),
      ballot('v2', 100n, 'A'),
      ballot('v3', 200n),
    ]);
    expect(half.candidates[0].approval).toEqual({ required: '>1/2', headsMet: true, areaMet: false });
    const more = countElection(beijing, 3, 0, [cand('A')], { heads: 3, area: 401n }, [
      ballot('v1', 100n, 'A'),
      ballot('v2', 101n, 'A'),
      ballot('v3', 200n),
    ]);
    expect(more.candidates[0].passed).toBe(true);
  });

  it('rule 15: seats go by most approving area, then heads; the rest of the passing become alternates; empty seats are reported', () => {
    const candidates = ['A', 'B', 'C', 'D'].map(cand);
    const ballots = [
      ballot('v1', 300n, 'A', 'B', 'C'),
      ballot('v2', 200n, 'A', 'B', 'D'),
      ballot('v3', 100n, 'B', 'C', 'D'),
    ];
    // A: 500 m², 2 heads; B: 600, 3; C: 400, 2; D: 300, 2 — all pass on heads; area > 300 needed.
    const r = countElection(beijing, 3, 1, candidates, { heads: 3, area: 600n }, ballots);
    expect(r.elected.map((c) => c.candidateId)).toEqual(['B', 'A', 'C']);
    expect(r.tieBreak).toBe('AREA_THEN_HEADS');
    expect(r.alternates).toEqual([]);
    expect(r.candidates.find((c) => c.candidateId === 'D')).toMatchObject({ passed: false, seat: null });
    expect(r.unfilledSeats).toBe(0);
  });

  it('rule 15: equal approving area is decided by approving heads', () => {
    const ballots = [
      ballot('v1', 300n, 'A', 'B'),
      ballot('v2', 100n, 'A'),
      ballot('v3', 60n, 'B'),
      ballot('v4', 40n, 'B'),
      ballot('v5', 50n, 'A', 'B'),
    ];
    // A: 450 m², 3 heads; B: 450 m², 4 heads; participating 550 m², 5 heads: both pass.
    const r = countElection(beijing, 1, 1, [cand('A'), cand('B')], { heads: 5, area: 550n }, ballots);
    expect(r.candidates.map((c) => [c.candidateId, c.passed, c.rank])).toEqual([
      ['A', true, 2],
      ['B', true, 1],
    ]);
    expect(r.elected.map((c) => c.candidateId)).toEqual(['B']);
    expect(r.alternates.map((c) => c.candidateId)).toEqual(['A']);
  });

  it('rule 15: a passing candidate beyond the seats and alternate places gets no seat', () => {
    const ballots = [ballot('v1', 100n, 'A', 'C'), ballot('v2', 90n, 'A', 'C'), ballot('v3', 80n, 'A')];
    // A: 270 m², 3 heads; C: 190 m², 2 heads — both pass; one seat and no alternate places.
    const r = countElection(beijing, 1, 0, [cand('C'), cand('A')], { heads: 3, area: 270n }, ballots);
    expect(r.elected.map((c) => c.candidateId)).toEqual(['A']);
    expect(r.candidates.find((c) => c.candidateId === 'C')).toMatchObject({ passed: true, rank: 2, seat: null });
  });

  it('rule 15: candidates equal in area and heads across the last seat take none of it, and it is reported', () => {
    const ballots = [ballot('v1', 100n, 'A', 'B'), ballot('v2', 100n, 'A', 'B'), ballot('v3', 100n, 'C')];
    const r = countElection(beijing, 1, 2, [cand('A'), cand('B'), cand('C')], { heads: 3, area: 300n }, ballots);
    expect(r.elected).toEqual([]);
    expect(r.tiedAtCutoff).toEqual(['A', 'B']);
    expect(r.unfilledSeats).toBe(1);
    expect(r.alternates.map((c) => c.candidateId)).toEqual(['A', 'B']);
  });
});
