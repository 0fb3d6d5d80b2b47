import { communityWithCommittee, TestServer } from '../support/test-server.js';

const sha = 'a'.repeat(64);

/**
 * DOMAIN.md rules 5 and 6 at their edges, through HTTP: a community of voters of equal area, so heads and
 * area move together, and paper ballots to place each voter's choice exactly.
 */
describe('quorum and approval thresholds at their edges (DOMAIN.md rules 5, 6)', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  let counter = 0;

  beforeAll(async () => {
    server = await TestServer.start('thresholds', { GONGZHI_TOKEN_TTL_SECONDS: '31536000' });
    ({ communityId: cid, committee } = await communityWithCommittee(server, '门槛小区', 'CN-CIVIL-CODE-2021'));
    const ids = Array.from({ length: 12 }, (_, i) => `T${String(i + 1).padStart(2, '0')}`);
    await server.post(
      `/api/v1/communities/${cid}/owners`,
      ids.map((ownerId) => ({ ownerId, name: ownerId, kind: 'PERSON' })),
      { token: committee },
    );
    await server.post(
      `/api/v1/communities/${cid}/units`,
      ids.map((id) => ({ unitId: `U-${id}`, building: '1', areaM2: '100.00', ownerIds: [id] })),
      { token: committee },
    );
  });
  afterAll(() => server.stop());

  /** Opens a vote on `matter`, enters the given choices for T01, T02, … and closes it. */
  async function vote(matter: string, choices: string[]) {
    const day = String(++counter).padStart(2, '0');
    server.clock.set(`2026-03-${day}T08:00:00+08:00`);
    const drafted = await server.post(
      `/api/v1/communities/${cid}/resolutions`,
      {
        title: `${matter} ${choices.join(',')}`,
        description: '',
        matter,
        opensAt: `2026-03-${day}T09:00:00+08:00`,
        closesAt: `2026-03-${day}T18:00:00+08:00`,
      },
      { token: committee },
    );
    const base = `/api/v1/communities/${cid}/resolutions/${drafted.body.id}`;
    await server.post(`${base}/post`, undefined, { token: committee });
    server.clock.set(`2026-03-${day}T09:00:00+08:00`);
    await server.post(`${base}/open`, undefined, { token: committee });
    const ballots = choices.map((choice, i) => ({
      ownerId: `T${String(i + 1).padStart(2, '0')}`,
      choice,
      evidenceSha256: sha,
    }));
    if (ballots.length)
      expect((await server.post(`${base}/paper-ballots`, ballots, { token: committee })).status).toBe(201);
    server.clock.set(`2026-03-${day}T18:00:00+08:00`);
    const closed = await server.post(`${base}/close`, undefined, { token: committee });
    expect(closed.status).toBe(200);
    return closed.body;
  }

  const all = (n: number, choice: string) => Array.from({ length: n }, () => choice);

  it('exactly 2/3 of heads and area taking part is a quorum (8 of 12)', async () => {
    const tally = await vote('OTHER_MAJOR', all(8, 'FOR'));
    expect(tally.participation).toMatchObject({ required: '>=2/3', headsMet: true, areaMet: true });
    expect(tally.outcome).toBe('PASSED');
  });

  it('one head and 100 m² fewer than 2/3 is NO_QUORUM (7 of 12)', async () => {
    const tally = await vote('OTHER_MAJOR', all(7, 'FOR'));
    expect(tally.participation).toMatchObject({ headsMet: false, areaMet: false });
    expect(tally.outcome).toBe('NO_QUORUM');
  });

  it('exactly half approving is not more than half: REJECTED (4 FOR, 4 AGAINST)', async () => {
    const tally = await vote('HIRE_OR_FIRE_MANAGER', [...all(4, 'FOR'), ...all(4, 'AGAINST')]);
    expect(tally.approval).toMatchObject({ required: '>1/2', headsMet: false, areaMet: false });
    expect(tally.outcome).toBe('REJECTED');
  });

  it('abstentions take part and count against approval (5 FOR, 3 ABSTAIN passes; 4 FOR, 1 AGAINST, 3 ABSTAIN does not)', async () => {
    expect((await vote('HIRE_OR_FIRE_MANAGER', [...all(5, 'FOR'), ...all(3, 'ABSTAIN')])).outcome).toBe('PASSED');
    expect((await vote('HIRE_OR_FIRE_MANAGER', [...all(4, 'FOR'), 'AGAINST', ...all(3, 'ABSTAIN')])).outcome).toBe(
      'REJECTED',
    );
  });

  it('exactly 3/4 of the participants approving passes a CHANGE_COMMON_USE; one fewer does not', async () => {
    const passed = await vote('CHANGE_COMMON_USE', [...all(6, 'FOR'), ...all(2, 'AGAINST')]);
    expect(passed.approval).toMatchObject({ required: '>=3/4', headsMet: true, areaMet: true });
    expect(passed.outcome).toBe('PASSED');
    expect((await vote('CHANGE_COMMON_USE', [...all(5, 'FOR'), ...all(3, 'AGAINST')])).outcome).toBe('REJECTED');
  });

  it('a SURVEY is counted and published like any vote (rule 7: it authorises nothing)', async () => {
    const tally = await vote('SURVEY', [...all(7, 'FOR'), ...all(2, 'AGAINST')]);
    expect(tally).toMatchObject({
      matter: 'SURVEY',
      for: { heads: 7, areaM2: '700.00' },
      against: { heads: 2, areaM2: '200.00' },
    });
  });
});
