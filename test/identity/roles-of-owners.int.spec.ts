import { regulatorToken, sha, DAY, LONG_TOKENS } from '../elections/support.js';
import { smallCommunity } from '../support/small-community.js';
import { TestServer } from '../support/test-server.js';

/**
 * Roles that come with an office rather than with an account (DOMAIN.md rules 14, 16, 17): an elected
 * member holds the committee role as an owner of the roster, even one who activates the letter's code
 * only after the filing; and a PMC's members hold it for the PMC's term, no longer.
 */
describe('the committee role follows the office: late activation, and the end of a term', () => {
  let server: TestServer;
  let cid: string;
  let preparatory: string;
  let regulator: string;
  let codes: Record<string, string>;
  let owners: Record<string, string>;
  const iso = (ms: number) => new Date(ms).toISOString();
  const committeeGrants = async (token: string) =>
    (await server.get('/api/v1/auth/me', { token })).body.grants.filter(
      (g: { role: string }) => g.role === 'committee',
    );
  const draftResolution = (communityId: string, token: string) => {
    const opens = server.clock.now().getTime() + 20 * DAY;
    return server.post(
      `/api/v1/communities/${communityId}/resolutions`,
      {
        title: '修订议事规则',
        description: '',
        matter: 'RULES_OF_PROCEDURE',
        opensAt: iso(opens),
        closesAt: iso(opens + 10 * DAY),
      },
      { token },
    );
  };

  beforeAll(async () => {
    server = await TestServer.start('roles_of_owners', LONG_TOKENS);
    // O4 has not activated their letter's code yet.
    ({
      communityId: cid,
      committee: preparatory,
      ownerTokens: owners,
      activationCodes: codes,
    } = await smallCommunity(server, ['O1', 'O2', 'O5']));
    regulator = await regulatorToken(server, 'roles-street-office');
  });
  afterAll(() => server.stop());

  it('an elected member who activates only after the filing holds the committee role, until the term ends', async () => {
    const elections = `/api/v1/communities/${cid}/elections`;
    const opensAt = server.clock.now().getTime() + 20 * DAY;
    const candidates = [
      { candidateId: 'C1', name: '张伟', ownerId: 'O1' },
      { candidateId: 'C2', name: '李娜', ownerId: 'O2' },
      { candidateId: 'C4', name: '刘洋', ownerId: 'O4' },
    ];
    const drafted = await server.post(
      elections,
      {
        title: '第一届业主委员会选举',
        seats: 3,
        termYears: 1,
        candidates,
        opensAt: iso(opensAt),
        closesAt: iso(opensAt + 10 * DAY),
      },
      { token: preparatory },
    );
    expect(drafted.status).toBe(201);
    const election = `${elections}/${drafted.body.id}`;
    expect((await server.post(`${election}/post`, undefined, { token: preparatory })).status).toBe(200);
    server.clock.set(new Date(opensAt));
    expect((await server.post(`${election}/open`, undefined, { token: preparatory })).status).toBe(200);
    const paper = ['O1', 'O2', 'O4', 'O5', 'D'].map((ownerId, i) => ({
      ownerId,
      selections: ['C1', 'C2', 'C4'],
      evidenceSha256: sha(String(i)),
    }));
    expect((await server.post(`${election}/paper-ballots`, paper, { token: preparatory })).status).toBe(201);
    server.clock.set(new Date(opensAt + 10 * DAY));
    const closed = await server.post(`${election}/close`, undefined, { token: preparatory });
    expect(closed.status).toBe(200);
    const filed = await server.post(
      `/api/v1/communities/${cid}/committee/filing`,
      { electionId: drafted.body.id, closeEventId: closed.body.closeEventId, decision: 'FILED' },
      { token: regulator },
    );
    expect(filed.status).toBe(200);

    // O4 opens the letter a week later.
    server.clock.set(new Date(opensAt + 17 * DAY));
    owners.O4 = await server.activateAndSignIn(codes.O4, `o4-late-${cid.slice(0, 6)}`);
    expect(await committeeGrants(owners.O4)).toEqual([{ role: 'committee', communityId: cid, subjectId: 'O4' }]);
    expect((await draftResolution(cid, owners.O4)).status).toBe(201);
    expect((await draftResolution(cid, owners.O5)).status).toBe(403);

    // One year after the election the term is over: the role ends by itself, for early and late activators alike.
    server.clock.set(new Date(opensAt + 10 * DAY + 366 * DAY));
    expect(await committeeGrants(owners.O4)).toEqual([]);
    expect(await committeeGrants(owners.O1)).toEqual([]);
    expect((await draftResolution(cid, owners.O4)).status).toBe(403);
  });

  it("a PMC's members hold the committee role for its 3-year term, no longer (rule 17)", async () => {
    const admin = await server.signIn('admin', 'admin-secret-for-tests');
    const formedAt = server.clock.now().getTime();
    const community = await server.post(
      '/api/v1/communities',
      { name: '双榆树', district: '海淀区', rulebook: 'CN-BEIJING-2020' },
      { token: admin },
    );
    const pmcId = community.body.id;
    const members = Array.from({ length: 7 }, (_, n) => ({
      name: `委员${n + 1}`,
      login: `syx-roles-${n + 1}`,
      role: n === 0 ? 'CHAIR_RESIDENTS_COMMITTEE' : n <= 4 ? 'OWNER_REPRESENTATIVE' : 'OTHER',
    }));
    const formed = await server.post(
      `/api/v1/communities/${pmcId}/managing-body`,
      { kind: 'PMC', members },
      { token: regulator },
    );
    expect(formed.status).toBe(201);
    const chair = await server.activateAndSignIn(formed.body.activationCodes['syx-roles-1'], 'syx-roles-1');
    expect((await draftResolution(pmcId, chair)).status).toBe(201);

    server.clock.set(new Date(formedAt + 3 * 366 * DAY));
    expect(await committeeGrants(chair)).toEqual([]);
    expect((await draftResolution(pmcId, chair)).status).toBe(403);
  });

  it('a newly appointed preparatory group replaces the one before: its members lose the role, and its unused codes are void', async () => {
    const admin = await server.signIn('admin', 'admin-secret-for-tests');
    const community = await server.post(
      '/api/v1/communities',
      { name: '北太平庄', district: '海淀区', rulebook: 'CN-BEIJING-2020' },
      { token: admin },
    );
    const id = community.body.id;
    const appoint = (logins: string[]) =>
      server.post(
        `/api/v1/communities/${id}/managing-body`,
        { kind: 'PREPARATORY_GROUP', members: logins.map((login) => ({ name: login, login })) },
        { token: admin },
      );
    const first = await appoint(['btpz-first-a', 'btpz-first-b']);
    const earlier = await server.activateAndSignIn(first.body.activationCodes['btpz-first-a'], 'btpz-first-a');
    expect((await draftResolution(id, earlier)).status).toBe(201);

    const second = await appoint(['btpz-second']);
    expect(second.status).toBe(201);
    const later = await server.activateAndSignIn(second.body.activationCodes['btpz-second'], 'btpz-second');
    expect((await draftResolution(id, later)).status).toBe(201);
    expect((await draftResolution(id, earlier)).status).toBe(403);
    expect(await committeeGrants(earlier)).toEqual([]);
    const unused = await server.post('/api/v1/auth/activate', {
      activationCode: first.body.activationCodes['btpz-first-b'],
      login: 'btpz-first-b',
      secret: 'a long secret',
    });
    expect({ status: unused.status, code: unused.body.code }).toEqual({ status: 400, code: 'ACTIVATION_FAILED' });
  });

  it('a role ended by another server process is refused there too once its one-second cache of grants lapses', async () => {
    const admin = await server.signIn('admin', 'admin-secret-for-tests');
    const community = await server.post(
      '/api/v1/communities',
      { name: '西三旗', district: '海淀区', rulebook: 'CN-BEIJING-2020' },
      { token: admin },
    );
    const id = community.body.id;
    const appoint = (login: string) =>
      server.post(
        `/api/v1/communities/${id}/managing-body`,
        { kind: 'PREPARATORY_GROUP', members: [{ name: login, login }] },
        { token: admin },
      );
    const member = await server.activateAndSignIn(
      (await appoint('xsq-first')).body.activationCodes['xsq-first'],
      'xsq-first',
    );
    const other = await TestServer.startOn(server.databaseUrl, LONG_TOKENS);
    try {
      other.clock.set(server.clock.now());
      const draft = () =>
        other.post(
          `/api/v1/communities/${id}/resolutions`,
          {
            title: '议题',
            description: '',
            matter: 'SURVEY',
            opensAt: iso(server.clock.now().getTime() + 20 * DAY),
            closesAt: iso(server.clock.now().getTime() + 30 * DAY),
          },
          { token: member },
        );
      expect((await draft()).status).toBe(201); // the other process now holds this account's grants
      expect((await appoint('xsq-second')).status).toBe(201); // this process ends them
      let status = 201;
      for (const deadline = Date.now() + 5000; status !== 403 && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await draft()).status;
      }
      expect(status).toBe(403);
    } finally {
      await other.stopKeepingDatabase();
    }
  });
});
