import { smallCommunity } from '../support/small-community.js';
import { TestServer } from '../support/test-server.js';
import { DAY, LONG_TOKENS, refusedWritingNothing, regulatorToken } from './support.js';

/**
 * Rules 29–31 and 33 through HTTP, tried the way a committee that wants to get around the owners would
 * (issue 12): on the small roster (6 units: 3 members are lawful), in 昌平区 回龙观街道. A committee of
 * three is elected and filed; a member resigns and a by-election fills the seat; the owners remove a
 * member by vote; nobody is appointed beside the committee; street offices act only in their
 * jurisdiction; a letter the committee activated itself is marked on every ballot, and re-keyed.
 */
const CANDIDATES = [
  { candidateId: 'C1', name: '张伟', ownerId: 'O1' },
  { candidateId: 'C2', name: '李娜', ownerId: 'O2' },
  { candidateId: 'C4', name: '刘洋', ownerId: 'O4' },
];
const iso = (ms: number) => new Date(ms).toISOString();

describe('governance a committee cannot bend (DOMAIN.md rules 29, 30, 31, 33)', () => {
  let server: TestServer;
  let cid: string;
  let preparatory: string;
  let admin: string;
  let owners: Record<string, string>;
  let codes: Record<string, string>;
  let streetOffice: string;
  let otherDistrict: string;
  let otherStreet: string;
  let eid: string;
  let termUntil: string;
  let closedAt: string;
  const api = (path = '') => `/api/v1/communities/${cid}${path}`;

  /** Drafts, posts, opens, takes every listed owner's ballot and closes: the close's answer. */
  async function holdElection(body: Record<string, unknown>, token: string, ballots: Record<string, string[]>) {
    const opensAt = server.clock.now().getTime() + 20 * DAY;
    const closesAt = opensAt + 10 * DAY;
    const drafted = await server.post(
      api('/elections'),
      { title: '选举', ...body, opensAt: iso(opensAt), closesAt: iso(closesAt) },
      { token },
    );
    expect(drafted.status).toBe(201);
    const base = api(`/elections/${drafted.body.id}`);
    expect((await server.post(`${base}/post`, undefined, { token })).status).toBe(200);
    server.clock.set(new Date(opensAt));
    expect((await server.post(`${base}/open`, undefined, { token })).status).toBe(200);
    for (const [ownerId, selections] of Object.entries(ballots))
      expect((await server.post(`${base}/ballots`, { selections }, { token: owners[ownerId] })).status).toBe(201);
    server.clock.set(new Date(closesAt));
    const closed = await server.post(`${base}/close`, undefined, { token });
    expect(closed.status).toBe(200);
    return { id: drafted.body.id as string, closed: closed.body };
  }

  // fetch, not server.get: a bundle is NDJSON, many JSON values, not one.
  const exportStatus = async (token: string) =>
    (await fetch(`${server.baseUrl}${api('/export')}`, { headers: { authorization: `Bearer ${token}` } })).status;

  const file = async (electionId: string, closeEventId: string, token = streetOffice) =>
    server.post(api('/committee/filing'), { electionId, closeEventId, decision: 'FILED' }, { token });

  beforeAll(async () => {
    server = await TestServer.start('governance_rules', LONG_TOKENS);
    ({
      communityId: cid,
      committee: preparatory,
      admin,
      ownerTokens: owners,
      activationCodes: codes,
    } = await smallCommunity(server));
    streetOffice = await regulatorToken(server, 'hlg-street-office', { district: '昌平区', street: '回龙观街道' });
    otherDistrict = await regulatorToken(server, 'haidian-office', { district: '海淀区' });
    otherStreet = await regulatorToken(server, 'chengnan-office', { district: '昌平区', street: '城南街道' });
    const held = await holdElection({ seats: 3, alternates: 0, candidates: CANDIDATES }, preparatory, {
      O1: ['C1', 'C2', 'C4'],
      O2: ['C1', 'C2', 'C4'],
      O4: ['C1', 'C2', 'C4'],
      O5: ['C1', 'C2', 'C4'],
    });
    eid = held.id;
    closedAt = held.closed.position;
    expect(held.closed.elected).toHaveLength(3);
  });
  afterAll(() => server.stop());

  describe('rule 31: a regulator acts only in its district and street', () => {
    it('an invitation carries the scope: a street without its district, or a scope for an auditor, is refused', async () => {
      const invite = (body: Record<string, unknown>) =>
        server.post('/api/v1/accounts/invitations', body, { token: admin });
      expect(await invite({ role: 'regulator', street: '回龙观街道' })).toMatchObject({
        status: 400,
        body: { code: 'DISTRICT_REQUIRED' },
      });
      expect(await invite({ role: 'auditor', communityId: cid, district: '昌平区' })).toMatchObject({
        status: 400,
        body: { code: 'SCOPE_NOT_ALLOWED' },
      });
      expect((await server.get('/api/v1/auth/me', { token: streetOffice })).body.grants).toEqual([
        { role: 'regulator', communityId: null, subjectId: null, district: '昌平区', street: '回龙观街道' },
      ]);
    });

    it("another district's or another street's office neither files, reads the quorum record, nor exports here: 403 OUTSIDE_JURISDICTION, nothing written", async () => {
      const record = await server.get(api(`/elections/${eid}/quorum-record?after=${closedAt}`), {
        token: streetOffice,
      });
      expect(record.status).toBe(200);
      for (const token of [otherDistrict, otherStreet]) {
        await refusedWritingNothing(
          server,
          () => file(eid, record.body.closeEventId, token),
          403,
          'OUTSIDE_JURISDICTION',
        );
        expect(await server.get(api(`/elections/${eid}/quorum-record`), { token })).toMatchObject({
          status: 403,
          body: { code: 'OUTSIDE_JURISDICTION' },
        });
        expect(await server.get(api('/export'), { token })).toMatchObject({
          status: 403,
          body: { code: 'OUTSIDE_JURISDICTION' },
        });
        await refusedWritingNothing(
          server,
          () => server.post(api('/pmc/dissolution'), undefined, { token }),
          403,
          'OUTSIDE_JURISDICTION',
        );
      }
      await refusedWritingNothing(
        server,
        () =>
          server.post(
            '/api/v1/communities',
            { name: '别区小区', district: '朝阳区', rulebook: 'CN-BEIJING-2020' },
            { token: streetOffice },
          ),
        403,
        'OUTSIDE_JURISDICTION',
      );
    });

    it('its own street office files the committee and exports; the administrator stays global', async () => {
      const record = await server.get(api(`/elections/${eid}/quorum-record?after=${closedAt}`), {
        token: streetOffice,
      });
      const filed = await file(eid, record.body.closeEventId);
      expect(filed.status).toBe(200);
      const view = await server.get(api(`/committee?after=${filed.body.position}`));
      expect(view.body).toMatchObject({ kind: 'COMMITTEE', byElectionDue: false, street: '回龙观街道' });
      termUntil = view.body.term.until;
      expect(await exportStatus(streetOffice)).toBe(200);
      expect(await exportStatus(admin)).toBe(200);
    });

    it('the district view filters by street and groups by street; a scoped office sees only its own', async () => {
      const other = await server.post(
        '/api/v1/communities',
        { name: '城南小区', district: '昌平区', street: '城南街道', rulebook: 'CN-BEIJING-2020' },
        { token: admin },
      );
      const view = (query: string, token = admin) =>
        server.get(`/api/v1/regulator/communities?${query}&after=${other.body.position}`, { token });
      const whole = await view(`district=${encodeURIComponent('昌平区')}`);
      expect(whole.status).toBe(200);
      expect(whole.body.byStreet).toEqual([
        {
          street: '回龙观街道',
          formationRate: { formed: 1, total: 1, fraction: '1/1', percent: '100.0%' },
          communityIds: [cid],
        },
        {
          street: '城南街道',
          formationRate: { formed: 0, total: 1, fraction: '0/1', percent: '0.0%' },
          communityIds: [other.body.id],
        },
      ]);
      const street = await view(`district=${encodeURIComponent('昌平区')}&street=${encodeURIComponent('城南街道')}`);
      expect(street.body.communities.map((c: { communityId: string }) => c.communityId)).toEqual([other.body.id]);
      const own = await view(`district=${encodeURIComponent('昌平区')}`, streetOffice);
      expect(own.body).toMatchObject({ district: '昌平区', street: '回龙观街道' });
      expect(own.body.communities.map((c: { communityId: string }) => c.communityId)).toEqual([cid]);
      expect(await view(`district=${encodeURIComponent('昌平区')}`, otherDistrict)).toMatchObject({
        status: 403,
        body: { code: 'OUTSIDE_JURISDICTION' },
      });
      expect((await view(`district=${encodeURIComponent('海淀区')}`, otherDistrict)).body.communities).toEqual([]);
    });
  });

  describe('rule 30: one governing body at a time', () => {
    it('no preparatory group is appointed beside a filed committee in office: 409 COMMITTEE_IN_OFFICE, nothing written, the committee keeps the role alone', async () => {
      const members = [{ name: '赵敏', login: 'lzy-rival-group' }];
      await refusedWritingNothing(
        server,
        () => server.post(api('/managing-body'), { kind: 'PREPARATORY_GROUP', members }, { token: admin }),
        409,
        'COMMITTEE_IN_OFFICE',
      );
      await refusedWritingNothing(
        server,
        () => server.post(api('/managing-body'), { kind: 'PREPARATORY_GROUP', members }, { token: streetOffice }),
        409,
        'COMMITTEE_IN_OFFICE',
      );
      expect((await server.get(api('/committee'))).body.kind).toBe('COMMITTEE');
    });
  });

  describe('rule 29: resignation, the size flag, the by-election, removal by vote', () => {
    it('a member resigns themself; the committee of two is flagged, and a by-election of exactly its one empty seat is due', async () => {
      await refusedWritingNothing(
        server,
        () => server.post(api('/committee/resignations'), { ownerId: 'O2' }, { token: owners.O4 }),
        403,
        'RESIGNATION_OF_ANOTHER',
      );
      const resigned = await server.post(api('/committee/resignations'), { ownerId: 'O4' }, { token: owners.O4 });
      expect(resigned.status).toBe(200);
      const view = await server.get(api(`/committee?after=${resigned.body.position}`));
      expect(view.body).toMatchObject({ byElectionDue: true, committee: { vacancies: 1, byElectionDue: true } });
      const district = await server.get(`/api/v1/regulator/communities?district=${encodeURIComponent('昌平区')}`, {
        token: streetOffice,
      });
      expect(district.body.communities).toEqual([expect.objectContaining({ communityId: cid, byElectionDue: true })]);
    });

    it('a by-election is of exactly the empty seats, of candidates not sitting, and only while one is due', async () => {
      const body = (over: Record<string, unknown>) => ({
        title: '补选',
        seats: 1,
        alternates: 0,
        candidates: [{ candidateId: 'C5', name: '陈静', ownerId: 'O5' }],
        opensAt: '2027-06-01T09:00:00+08:00',
        closesAt: '2027-06-10T09:00:00+08:00',
        ...over,
      });
      await refusedWritingNothing(
        server,
        () => server.post(api('/elections'), body({}), { token: owners.O1 }),
        400,
        'COMMITTEE_TOO_SMALL',
      );
      await refusedWritingNothing(
        server,
        () =>
          server.post(
            api('/elections'),
            body({
              byElection: true,
              seats: 2,
              candidates: [...body({}).candidates, { candidateId: 'C4', name: '刘洋', ownerId: 'O4' }],
            }),
            { token: owners.O1 },
          ),
        400,
        'BY_ELECTION_SEATS',
      );
      await refusedWritingNothing(
        server,
        () =>
          server.post(api('/elections'), body({ byElection: true, candidates: [CANDIDATES[0]] }), { token: owners.O1 }),
        400,
        'CANDIDATE_ALREADY_A_MEMBER',
      );
    });

    it('the by-election, filed, adds the elected to the committee in office for the rest of its term', async () => {
      const held = await holdElection(
        {
          title: '补选',
          byElection: true,
          seats: 1,
          alternates: 0,
          candidates: [{ candidateId: 'C5', name: '陈静', ownerId: 'O5' }],
        },
        owners.O1,
        {
          O1: ['C5'],
          O2: ['C5'],
          O4: ['C5'],
          O5: ['C5'],
        },
      );
      expect(held.closed).toMatchObject({ outcome: 'ELECTED', seats: 1, unfilledSeats: 0 });
      const filed = await file(held.id, held.closed.closeEventId);
      expect(filed.status).toBe(200);
      const view = await server.get(api(`/committee?after=${filed.body.position}`));
      expect(view.body).toMatchObject({
        kind: 'COMMITTEE',
        byElectionDue: false,
        term: { until: termUntil },
        committee: { vacancies: 0, byElectionDue: false, electionId: eid },
      });
      expect(view.body.members.map((m: { ownerId: string }) => m.ownerId)).toEqual(['O1', 'O2', 'O5']);
      expect(view.body.history.slice(-1)[0]).toMatchObject({
        type: 'ByElectionFiled',
        detail: { electionId: held.id, members: 1 },
      });
      // O5 now acts for the committee.
      const opens = server.clock.now().getTime() + 20 * DAY;
      const resolution = {
        title: '测试',
        description: '',
        matter: 'RULES_OF_PROCEDURE',
        opensAt: iso(opens),
        closesAt: iso(opens + DAY),
      };
      expect((await server.post(api('/resolutions'), resolution, { token: owners.O5 })).status).toBe(201);
    });

    it("removing a member (罢免) is an owners' ELECT_COMMITTEE vote; recorded only once passed, and the committee below its size is flagged again", async () => {
      const opens = server.clock.now().getTime() + 16 * DAY;
      const draft = (over: Record<string, unknown>) => ({
        title: '罢免委员李娜',
        description: '',
        matter: 'ELECT_COMMITTEE',
        removal: { ownerId: 'O2' },
        opensAt: iso(opens),
        closesAt: iso(opens + 7 * DAY),
        ...over,
      });
      await refusedWritingNothing(
        server,
        () => server.post(api('/resolutions'), draft({ matter: 'OTHER_MAJOR' }), { token: owners.O1 }),
        400,
        'REMOVAL_MATTER',
      );
      const drafted = await server.post(api('/resolutions'), draft({}), { token: owners.O1 });
      expect(drafted.status).toBe(201);
      const rid = drafted.body.id;
      await refusedWritingNothing(
        server,
        () => server.post(api('/committee/removals'), { resolutionId: rid }, { token: owners.O1 }),
        409,
        'REMOVAL_NOT_PASSED',
      );
      expect((await server.post(api(`/resolutions/${rid}/post`), undefined, { token: owners.O1 })).status).toBe(200);
      server.clock.set(new Date(opens));
      expect((await server.post(api(`/resolutions/${rid}/open`), undefined, { token: owners.O1 })).status).toBe(200);
      for (const ownerId of ['O1', 'O4', 'O5', 'O2'])
        expect(
          (
            await server.post(
              api(`/resolutions/${rid}/ballots`),
              { choice: ownerId === 'O2' ? 'AGAINST' : 'FOR' },
              { token: owners[ownerId] },
            )
          ).status,
        ).toBe(201);
      server.clock.set(new Date(opens + 7 * DAY));
      expect((await server.post(api(`/resolutions/${rid}/close`), undefined, { token: owners.O1 })).body.outcome).toBe(
        'PASSED',
      );
      const removed = await server.post(api('/committee/removals'), { resolutionId: rid }, { token: owners.O5 });
      expect(removed.status).toBe(200);
      expect(removed.body).toMatchObject({ ownerId: 'O2', steppedUp: null });
      await refusedWritingNothing(
        server,
        () => server.post(api('/committee/removals'), { resolutionId: rid }, { token: owners.O5 }),
        409,
        'REMOVAL_ALREADY_RECORDED',
      );
      const view = await server.get(api(`/committee?after=${removed.body.position}`));
      expect(view.body.members.map((m: { ownerId: string }) => m.ownerId)).toEqual(['O1', 'O5']);
      expect(view.body).toMatchObject({ byElectionDue: true });
      expect(view.body.history.slice(-1)[0]).toMatchObject({
        type: 'CommitteeMemberRemoved',
        detail: { ownerId: 'O2', resolutionId: rid },
      });
      // O2 no longer acts for the committee.
      expect(
        (
          await server.post(api('/resolutions'), draft({ removal: undefined, matter: 'RULES_OF_PROCEDURE' }), {
            token: owners.O2,
          })
        ).status,
      ).toBe(403);
    });
  });

  describe('rule 33: letters the committee holds are delivered, not used', () => {
    let rid: string;
    let byCommittee: string;

    it("a ballot through an owner account a committee member activated is marked as such in the quorum record; the owner's own is not", async () => {
      // A committee member, signed in, turns the developer's letter into an account and votes with it.
      const activated = await server.post(
        '/api/v1/auth/activate',
        { activationCode: codes.D, login: 'not-really-the-developer', secret: 'secret-of-the-developer' },
        { token: owners.O1 },
      );
      expect(activated.status).toBe(204);
      byCommittee = await server.signIn('not-really-the-developer', 'secret-of-the-developer');
      const o1 = (await server.get('/api/v1/auth/me', { token: owners.O1 })).body.accountId;
      const opens = server.clock.now().getTime() + 16 * DAY;
      const drafted = await server.post(
        api('/resolutions'),
        {
          title: '修订管理规约',
          description: '',
          matter: 'RULES_OF_PROCEDURE',
          opensAt: iso(opens),
          closesAt: iso(opens + 7 * DAY),
        },
        { token: owners.O1 },
      );
      rid = drafted.body.id;
      expect((await server.post(api(`/resolutions/${rid}/post`), undefined, { token: owners.O1 })).status).toBe(200);
      server.clock.set(new Date(opens));
      expect((await server.post(api(`/resolutions/${rid}/open`), undefined, { token: owners.O1 })).status).toBe(200);
      expect(
        (await server.post(api(`/resolutions/${rid}/ballots`), { choice: 'FOR' }, { token: byCommittee })).status,
      ).toBe(201);
      const own = await server.post(api(`/resolutions/${rid}/ballots`), { choice: 'FOR' }, { token: owners.O4 });
      expect(own.status).toBe(201);
      const record = await server.get(api(`/resolutions/${rid}/quorum-record?after=${own.body.receipt.position}`), {
        token: streetOffice,
      });
      expect(record.status).toBe(200);
      const voter = (id: string) => record.body.voters.find((v: { voterId: string }) => v.voterId === id);
      expect(voter('D')).toMatchObject({ channel: 'ONLINE', activatedByCommittee: o1 });
      expect(voter('O4')).toMatchObject({ channel: 'ONLINE', activatedByCommittee: null });
      expect(
        record.body.ballots.map((b: { ownerId: string; activatedByCommittee: string | null }) => [
          b.ownerId,
          b.activatedByCommittee,
        ]),
      ).toEqual([
        ['D', o1],
        ['O4', null],
      ]);
    });

    it("an owner's letter added to an account that holds the committee role is marked as activated by that account", async () => {
      const login = `o5-${cid.slice(0, 6)}`;
      expect(
        (await server.post('/api/v1/auth/activate', { activationCode: codes.O3, login, secret: `secret-of-${login}` }))
          .status,
      ).toBe(204);
      const me = (await server.get('/api/v1/auth/me', { token: owners.O5 })).body;
      expect(me.grants).toContainEqual({ role: 'owner', communityId: cid, subjectId: 'O3', activatedBy: me.accountId });
      expect(me.grants).toContainEqual({ role: 'owner', communityId: cid, subjectId: 'O5' });
    });

    it("a new letter voids the old: the old account loses the owner's access, an unused old code no longer works, and the new one activates", async () => {
      await refusedWritingNothing(
        server,
        () => server.post(api('/owners/NOBODY/letters'), undefined, { token: streetOffice }),
        404,
        'OWNER_NOT_FOUND',
      );
      expect(await server.post(api('/owners/D/letters'), undefined, { token: otherDistrict })).toMatchObject({
        status: 403,
        body: { code: 'OUTSIDE_JURISDICTION' },
      });
      expect(await server.post(api('/owners/D/letters'), undefined, { token: owners.O4 })).toMatchObject({
        status: 403,
      });
      const reissued = await server.post(api('/owners/D/letters'), undefined, { token: streetOffice });
      expect(reissued.status).toBe(201);
      expect(reissued.body).toMatchObject({ ownerId: 'D', grantsEnded: 1, activationCode: expect.any(String) });
      expect(
        await server.post(api(`/resolutions/${rid}/ballots`), { choice: 'AGAINST' }, { token: byCommittee }),
      ).toMatchObject({ status: 403 });
      const developer = await server.activateAndSignIn(reissued.body.activationCode, 'the-real-developer');
      const cast = await server.post(api(`/resolutions/${rid}/ballots`), { choice: 'AGAINST' }, { token: developer });
      expect(cast.status).toBe(201);
      const record = await server.get(api(`/resolutions/${rid}/quorum-record?after=${cast.body.receipt.position}`), {
        token: streetOffice,
      });
      expect(record.body.voters.find((v: { voterId: string }) => v.voterId === 'D')).toMatchObject({
        choice: 'AGAINST',
        activatedByCommittee: null,
      });

      // O3's letter went into a committee member's account: the new letter ends that grant; a second new
      // letter voids the first one's code before anyone used it.
      const o3 = await server.post(api('/owners/O3/letters'), undefined, { token: owners.O1 });
      expect(o3.body).toMatchObject({ grantsEnded: 1, codesVoided: 0 });
      expect(
        (await server.get('/api/v1/auth/me', { token: owners.O5 })).body.grants.filter(
          (g: { subjectId: string }) => g.subjectId === 'O3',
        ),
      ).toEqual([]);
      const again = await server.post(api('/owners/O3/letters'), undefined, { token: owners.O1 });
      expect(again.body).toMatchObject({ grantsEnded: 0, codesVoided: 1 });
      expect(
        await server.post('/api/v1/auth/activate', {
          activationCode: o3.body.activationCode,
          login: 'o3-first-new-letter',
          secret: 'secret-of-o3-first',
        }),
      ).toMatchObject({
        status: 400,
        body: { code: 'ACTIVATION_FAILED' },
      });
      expect(
        (
          await server.post('/api/v1/auth/activate', {
            activationCode: again.body.activationCode,
            login: 'o3-himself',
            secret: 'secret-of-o3-himself',
          })
        ).status,
      ).toBe(204);
      // And an owner may re-key themself.
      expect((await server.post(api('/owners/O4/letters'), undefined, { token: owners.O4 })).status).toBe(201);
      expect(
        (await server.post(api(`/resolutions/${rid}/ballots`), { choice: 'FOR' }, { token: owners.O4 })).status,
      ).toBe(403);
    });
  });
});
