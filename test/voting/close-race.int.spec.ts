import { communityWithCommittee, TestServer } from '../support/test-server.js';

const N = 300;

describe('ballots racing the close of a vote (DOMAIN.md rule 12)', () => {
  let server: TestServer;
  afterAll(() => server.stop());

  it(`counts every ballot answered 201 and none answered 409, over ${N} concurrent ballots`, async () => {
    server = await TestServer.start('close_race');
    const { communityId: cid, committee } = await communityWithCommittee(server, '竞速小区', 'CN-CIVIL-CODE-2021');
    const ids = Array.from({ length: N }, (_, i) => `R${String(i).padStart(4, '0')}`);
    await server.post(
      `/api/v1/communities/${cid}/owners`,
      ids.map((ownerId) => ({ ownerId, name: ownerId, kind: 'PERSON' })),
      { token: committee },
    );
    await server.post(
      `/api/v1/communities/${cid}/units`,
      ids.map((id) => ({ unitId: `U-${id}`, building: '1', areaM2: '88.00', ownerIds: [id] })),
      { token: committee },
    );
    const drafted = await server.post(
      `/api/v1/communities/${cid}/resolutions`,
      {
        title: '竞速',
        description: '',
        matter: 'OTHER_MAJOR',
        opensAt: '2026-01-05T09:00:00+08:00',
        closesAt: '2026-01-05T09:00:01+08:00',
      },
      { token: committee },
    );
    const base = `/api/v1/communities/${cid}/resolutions/${drafted.body.id}`;
    await server.post(`${base}/post`, undefined, { token: committee });
    await server.post(`${base}/open`, undefined, { token: committee });
    server.clock.set('2026-01-05T09:00:01+08:00');

    // Each ballot is its own request. A first third is answered before the race; the close is sent
    // in the middle of the other two thirds, all in flight at once.
    const ballot = (ownerId: string) =>
      server.post(`${base}/paper-ballots`, [{ ownerId, choice: 'FOR', evidenceSha256: 'f'.repeat(64) }], {
        token: committee,
      });
    const early = await Promise.all(ids.slice(0, N / 3).map(ballot));
    const racing = ids.slice(N / 3, (2 * N) / 3).map(ballot);
    const close = server.post(`${base}/close`, undefined, { token: committee });
    const last = ids.slice((2 * N) / 3).map(ballot);
    const answers = [...early, ...(await Promise.all([...racing, ...last]))];
    const closed = await close;
    expect(closed.status).toBe(200);

    const accepted = ids.filter((_, i) => answers[i].status === 201);
    const refused = ids.filter((_, i) => answers[i].status === 409);
    expect(answers.every((a) => a.status === 201 || (a.status === 409 && a.body.code === 'RESOLUTION_CLOSED'))).toBe(
      true,
    );
    expect(accepted.length + refused.length).toBe(N);

    const lastPosition = answers
      .map((a) => BigInt(a.status === 201 ? a.body.position : a.body.details.position))
      .reduce((a, b) => (a > b ? a : b));
    const record = await server.get(`${base}/quorum-record?after=${lastPosition}`, { token: committee });
    const counted = new Set(
      record.body.voters
        .filter((v: { participated: boolean }) => v.participated)
        .map((v: { voterId: string }) => v.voterId),
    );
    expect(closed.body.participated.heads).toBe(accepted.length);
    // The counted root a close commits to covers exactly the acknowledged ballots, even when ballots race it.
    expect(closed.body.countedSize).toBe(accepted.length);
    const leafOf = (i: number) => answers[i].body.ballots[0].leafHash as string;
    for (const i of [0, ids.indexOf(accepted.at(-1)!)]) {
      expect((await server.get(`${base}/counted/${leafOf(i)}`)).body).toMatchObject({
        status: 'COUNTED',
        countedRoot: closed.body.countedRoot,
      });
    }
    expect(accepted.every((id) => counted.has(id))).toBe(true);
    expect(refused.some((id) => counted.has(id))).toBe(false);
    // Every refused ballot is still in the record, marked late.
    const late = record.body.ballots
      .filter((b: { late: boolean }) => b.late)
      .map((b: { ownerId: string }) => b.ownerId);
    expect(late.sort()).toEqual([...refused].sort());
    process.stdout.write(
      `close race: ${accepted.length} ballots acknowledged and counted, ${refused.length} refused as late and recorded\n`,
    );
  });
});
