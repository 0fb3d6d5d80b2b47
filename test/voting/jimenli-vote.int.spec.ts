import { jimenliOwners, jimenliUnits, jimenliUnitsCsv } from '../support/jimenli.js';
import { communityWithCommittee, TestServer } from '../support/test-server.js';

const m2 = (hundredths: bigint) => `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
const CHOICES = ['FOR', 'FOR', 'FOR', 'FOR', 'FOR', 'FOR', 'AGAINST', 'AGAINST', 'ABSTAIN', null] as const;

describe('a vote of the whole jimenli roster (3100 units, 2844 voters)', () => {
  let server: TestServer;
  afterAll(() => server.stop());

  it('tallies paper ballots of every representative to the totals the roster CSV implies', async () => {
    server = await TestServer.start('jimenli_vote', { GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600) });
    const { communityId: cid, committee } = await communityWithCommittee(server, '蓟门里', 'CN-CIVIL-CODE-2021');
    expect((await server.post(`/api/v1/communities/${cid}/owners`, jimenliOwners(), { token: committee })).status).toBe(
      201,
    );
    const imported = await server.request('POST', `/api/v1/communities/${cid}/units:import`, {
      token: committee,
      raw: { contentType: 'text/csv', text: jimenliUnitsCsv() },
    });
    expect(imported.status).toBe(201);

    const drafted = await server.post(
      `/api/v1/communities/${cid}/resolutions`,
      {
        title: '架空线缆整治',
        description: '修复下垂的架空线缆',
        matter: 'OTHER_MAJOR',
        opensAt: '2026-01-05T10:00:00+08:00',
        closesAt: '2026-01-20T18:00:00+08:00',
      },
      { token: committee },
    );
    const rid = drafted.body.id;
    const base = `/api/v1/communities/${cid}/resolutions/${rid}`;
    expect((await server.post(`${base}/post`, undefined, { token: committee })).status).toBe(200);
    server.clock.set('2026-01-05T10:00:00+08:00');
    const opened = await server.post(`${base}/open`, undefined, { token: committee });
    expect(opened.body).toMatchObject({ eligible: { heads: 2844, areaM2: '288268.82' } });

    // Each representative's choice by their place in the list; every tenth does not vote.
    const units = jimenliUnits();
    const representatives = [...new Set(units.map((u) => u.representativeId))].sort();
    const choiceOf = new Map(representatives.map((id, i) => [id, CHOICES[i % CHOICES.length]]));
    const ballots = representatives
      .filter((id) => choiceOf.get(id))
      .map((ownerId) => ({ ownerId, choice: choiceOf.get(ownerId)!, evidenceSha256: 'e'.repeat(64) }));
    for (let i = 0; i < ballots.length; i += 1000) {
      const entered = await server.post(`${base}/paper-ballots`, ballots.slice(i, i + 1000), { token: committee });
      expect(entered.status).toBe(201);
    }

    // Expected from the CSV alone: a head per distinct owner set (rules 2–3), area summed per choice.
    const expected = {
      FOR: { sets: new Set<string>(), area: 0n },
      AGAINST: { sets: new Set<string>(), area: 0n },
      ABSTAIN: { sets: new Set<string>(), area: 0n },
    };
    for (const unit of units) {
      const choice = choiceOf.get(unit.representativeId);
      if (!choice) continue;
      expected[choice].sets.add([...unit.ownerIds].sort().join('+'));
      expected[choice].area += unit.area;
    }
    const weight = (c: keyof typeof expected) => ({ heads: expected[c].sets.size, areaM2: m2(expected[c].area) });

    server.clock.set('2026-01-20T18:00:00+08:00');
    const closed = await server.post(`${base}/close`, undefined, { token: committee });
    expect(closed.status).toBe(200);
    expect(closed.body.for).toEqual(weight('FOR'));
    expect(closed.body.against).toEqual(weight('AGAINST'));
    expect(closed.body.abstain).toEqual(weight('ABSTAIN'));
    expect(closed.body.eligible).toEqual({ heads: 2844, areaM2: '288268.82' });
    expect(closed.body.outcome).toBe('PASSED');

    const record = await server.get(`${base}/quorum-record?after=${closed.body.position}`, { token: committee });
    expect(record.body.voters).toHaveLength(2844);
    expect(record.body.voters.filter((v: { participated: boolean }) => v.participated)).toHaveLength(
      closed.body.participated.heads,
    );
  });
});
