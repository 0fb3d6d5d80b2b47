import { DataSource } from 'typeorm';
import { electionStream } from '@gongzhi/domain/elections/election.events.js';
import { governanceStream } from '@gongzhi/domain/elections/governance.events.js';
import { communityStream } from '@gongzhi/domain/registry/community.events.js';
import type { EventStore } from '@gongzhi/event-store/event-store.js';
import { CommitteeProjection } from '../../src/elections/projections/committee.projection.js';
import { ElectionsProjection } from '../../src/elections/projections/elections.projection.js';
import { EVENT_STORE } from '../../src/platform/event-sourcing/event-sourcing.service.js';
import type { Projection } from '../../src/platform/projections/projection.js';
import { smallCommunity } from '../support/small-community.js';
import { TestServer } from '../support/test-server.js';
import { csvRows, DAY, LONG_TOKENS, refusedWritingNothing, regulatorToken, sha } from './support.js';

/**
 * The committee's life through HTTP (DOMAIN.md rules 14–17), on the small roster (6 units, so a
 * 3-member committee is lawful): an election refused on its quorum record, another filed late after
 * showing as overdue, members resigning and an alternate stepping up, and the term running out —
 * the server's clock is moved, and the committee role goes with the term.
 */
const CANDIDATES = [
  { candidateId: 'C1', name: '张伟', ownerId: 'O1' },
  { candidateId: 'C2', name: '李娜', ownerId: 'O2' },
  { candidateId: 'C4', name: '刘洋', ownerId: 'O4' },
  { candidateId: 'C5', name: '陈静', ownerId: 'O5' },
];
// Areas: O1 150, O2 80, O4 90, O5 60, D 120 (500 m², 5 heads). Approving: C2 440 m², C4 410, C1 380 (4 heads
// each); C5 270 m², 3 heads: more than half of 500 m² and of 5 heads, so it passes, fourth: the alternate.
const ONLINE: Record<string, string[]> = {
  O1: ['C1', 'C2', 'C4'],
  O2: ['C1', 'C2', 'C4'],
  O4: ['C1', 'C2', 'C5'],
  O5: ['C1', 'C4', 'C5'],
};
const DEVELOPER_ON_PAPER = [{ ownerId: 'D', selections: ['C2', 'C4', 'C5'], evidenceSha256: sha('d') }];

const iso = (ms: number) => new Date(ms).toISOString();

describe("the committee's life through HTTP: refusal, overdue filing, resignations, the term's end (rules 14–16)", () => {
  let server: TestServer;
  let cid: string;
  let preparatory: string;
  let admin: string;
  let regulator: string;
  let owners: Record<string, string>;
  let refusedId: string;
  let eid: string;
  let closeEventId: string;
  let closedAt: string;
  let pmcCommunity: string;
  let lastPosition: string;
  const committeeUrl = () => `/api/v1/communities/${cid}/committee`;
  const elections = () => `/api/v1/communities/${cid}/elections`;
  const district = (name = '昌平区') => `/api/v1/regulator/communities?district=${encodeURIComponent(name)}`;
  const resolution = () => {
    const opens = server.clock.now().getTime() + 20 * DAY;
    return {
      title: '修订议事规则',
      description: '',
      matter: 'RULES_OF_PROCEDURE',
      opensAt: iso(opens),
      closesAt: iso(opens + 10 * DAY),
    };
  };
  const draftResolution = (token: string) =>
    server.post(`/api/v1/communities/${cid}/resolutions`, resolution(), { token });

  /** Drafts, posts 20 days ahead, opens, takes the ballots and closes: the close's answer. */
  async function holdElection(title: string, online = ONLINE, paper = DEVELOPER_ON_PAPER) {
    const start = server.clock.now().getTime();
    const opensAt = start + 20 * DAY;
    const closesAt = opensAt + 10 * DAY;
    const drafted = await server.post(
      elections(),
      {
        title,
        seats: 3,
        alternates: 1,
        termYears: 3,
        candidates: CANDIDATES,
        opensAt: iso(opensAt),
        closesAt: iso(closesAt),
      },
      { token: preparatory },
    );
    expect(drafted.status).toBe(201);
    const base = `${elections()}/${drafted.body.id}`;
    expect((await server.post(`${base}/post`, undefined, { token: preparatory })).status).toBe(200);
    server.clock.set(new Date(opensAt));
    expect((await server.post(`${base}/open`, undefined, { token: preparatory })).body.eligible).toEqual({
      heads: 5,
      areaM2: '500.00',
    });
    for (const [ownerId, selections] of Object.entries(online)) {
      expect((await server.post(`${base}/ballots`, { selections }, { token: owners[ownerId] })).status).toBe(201);
    }
    expect((await server.post(`${base}/paper-ballots`, paper, { token: preparatory })).status).toBe(201);
    server.clock.set(new Date(closesAt));
    const closed = await server.post(`${base}/close`, undefined, { token: preparatory });
    expect(closed.status).toBe(200);
    return { id: drafted.body.id as string, closed: closed.body };
  }

  beforeAll(async () => {
    server = await TestServer.start('committee_life', LONG_TOKENS);
    ({ communityId: cid, committee: preparatory, admin, ownerTokens: owners } = await smallCommunity(server));
    regulator = await regulatorToken(server, 'huilongguan-street');
    // Another district's community under a PMC, formed now: its 3-year term runs out in January 2029.
    const other = await server.post(
      '/api/v1/communities',
      { name: '双榆树', district: '海淀区', rulebook: 'CN-BEIJING-2020' },
      { token: admin },
    );
    pmcCommunity = other.body.id;
    const members = Array.from({ length: 7 }, (_, n) => ({
      name: `委员${n + 1}`,
      login: `syx-pmc-${n + 1}`,
      role: n === 0 ? 'CHAIR_RESIDENTS_COMMITTEE' : n <= 4 ? 'OWNER_REPRESENTATIVE' : 'OTHER',
    }));
    expect(
      (
        await server.post(
          `/api/v1/communities/${pmcCommunity}/managing-body`,
          { kind: 'PMC', members },
          { token: regulator },
        )
      ).status,
    ).toBe(201);
  });
  afterAll(() => server.stop());

  it.each([
    ['a term longer than 5 years', { termYears: 6 }, 'TERM_TOO_LONG'],
    ['a single seat (3 at least here, 6 households)', { seats: 1, alternates: 0 }, 'COMMITTEE_TOO_SMALL'],
    ['an even number of seats', { seats: 4 }, 'COMMITTEE_SIZE_EVEN'],
    ['more alternates than seats', { alternates: 4 }, 'TOO_MANY_ALTERNATES'],
    [
      'a candidate who is not an owner',
      { candidates: [...CANDIDATES, { candidateId: 'X', name: '外人', ownerId: 'NOBODY' }] },
      'CANDIDATE_NOT_AN_OWNER',
    ],
  ])('refuses an election with %s, writing nothing', async (_what, over, code) => {
    const body = {
      title: '选举',
      seats: 3,
      alternates: 1,
      candidates: CANDIDATES,
      opensAt: '2026-02-01T09:00:00+08:00',
      closesAt: '2026-02-10T09:00:00+08:00',
      ...over,
    };
    await refusedWritingNothing(server, () => server.post(elections(), body, { token: preparatory }), 400, code);
  });

  it('rule 15: three seats go by approving area, the fourth passing candidate is the alternate; per-candidate area and heads are public', async () => {
    const held = await holdElection('第一届业主委员会选举');
    refusedId = held.id;
    expect(held.closed).toMatchObject({
      outcome: 'ELECTED',
      tieBreak: 'AREA_THEN_HEADS',
      unfilledSeats: 0,
      participated: { heads: 5, areaM2: '500.00' },
    });
    expect(held.closed.elected.map((c: { candidateId: string }) => c.candidateId)).toEqual(['C2', 'C4', 'C1']);
    expect(held.closed.alternates.map((c: { candidateId: string }) => c.candidateId)).toEqual(['C5']);
    const detail = await server.get(`${elections()}/${refusedId}?after=${held.closed.position}`);
    expect(
      detail.body.candidates.map((c: Record<string, unknown>) => [c.candidateId, c.approving, c.rank, c.seat]),
    ).toEqual([
      ['C1', { heads: 4, areaM2: '380.00' }, 3, 'MEMBER'],
      ['C2', { heads: 4, areaM2: '440.00' }, 1, 'MEMBER'],
      ['C4', { heads: 4, areaM2: '410.00' }, 2, 'MEMBER'],
      ['C5', { heads: 3, areaM2: '270.00' }, 4, 'ALTERNATE'],
    ]);
    const rows = await csvRows(server, `${elections()}/${refusedId}.csv`);
    expect(rows[0]).toEqual([
      'candidateId',
      'name',
      'ownerId',
      'approvingHeads',
      'approvingAreaM2',
      'passed',
      'rank',
      'seat',
    ]);
    expect(rows).toContainEqual(['C5', '陈静', 'O5', '3', '270.00', 'true', '4', 'ALTERNATE']);
    expect((await csvRows(server, `/api/v1/communities/${cid}/elections.csv`))[1]).toEqual(
      expect.arrayContaining([refusedId, 'CLOSED', 'ELECTED', '李娜;刘洋;张伟']),
    );
  });

  it("rule 11: owners see which units took part and how, the developer's flat on paper, never whom they chose", async () => {
    const participation = await server.get(`${elections()}/${refusedId}/participation`, { token: owners.O1 });
    expect(participation.body.units).toEqual([
      { unitId: '1-101', channel: 'ONLINE' },
      { unitId: '1-102', channel: 'ONLINE' },
      { unitId: '1-201', channel: 'ONLINE' },
      { unitId: '2-101', channel: 'ONLINE' },
      { unitId: '2-102', channel: 'ONLINE' },
      { unitId: '2-201', channel: 'PAPER' },
    ]);
    expect((await csvRows(server, `${elections()}/${refusedId}/participation.csv`, owners.O1)).slice(-1)).toEqual([
      ['2-201', 'PAPER'],
    ]);
    expect((await server.get(`${elections()}/${refusedId}/participation`)).status).toBe(401);
  });

  it('the quorum record, with every ballot and the close event, is for the committee and the regulator only; its CSV has a row per voter', async () => {
    expect((await server.get(`${elections()}/${refusedId}/quorum-record`, { token: owners.O1 })).status).toBe(403);
    const record = await server.get(`${elections()}/${refusedId}/quorum-record`, { token: regulator });
    expect(record.body).toMatchObject({
      eligible: { heads: 5, areaM2: '500.00' },
      closeEventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(record.body.ballots).toHaveLength(5);
    expect(record.body.voters.find((v: { voterId: string }) => v.voterId === 'D')).toMatchObject({
      channel: 'PAPER',
      selections: ['C2', 'C4', 'C5'],
      evidenceSha256: sha('d'),
    });
    const rows = await csvRows(server, `${elections()}/${refusedId}/quorum-record.csv`, preparatory);
    expect(rows).toHaveLength(6);
    expect(rows[0].slice(0, 7)).toEqual([
      'voterId',
      'representativeId',
      'ownerIds',
      'unitIds',
      'areaM2',
      'participated',
      'selections',
    ]);
    expect(rows.find((r) => r[0] === 'O2+O3')!.slice(1, 7)).toEqual([
      'O2',
      'O2;O3',
      '1-201',
      '80.00',
      'true',
      'C1;C2;C4',
    ]);
  });

  it('rule 16: the street office refuses to file, with its reason, on the record it reviewed; the preparatory group stays', async () => {
    server.clock.set('2026-02-20T10:00:00+08:00');
    const url = `${committeeUrl()}/filing`;
    const record = await server.get(`${elections()}/${refusedId}/quorum-record`, { token: regulator });
    await refusedWritingNothing(
      server,
      () => server.post(url, { electionId: refusedId, decision: 'REFUSED', reason: '签名存疑' }, { token: regulator }),
      400,
      'VALIDATION_FAILED',
    );
    await refusedWritingNothing(
      server,
      () =>
        server.post(
          url,
          { electionId: refusedId, closeEventId: '00000000-0000-4000-8000-000000000000', decision: 'FILED' },
          { token: regulator },
        ),
      409,
      'QUORUM_RECORD_MISMATCH',
    );
    const refused = await server.post(
      url,
      {
        electionId: refusedId,
        closeEventId: record.body.closeEventId,
        decision: 'REFUSED',
        reason: '部分书面选票签名存疑',
      },
      { token: regulator },
    );
    expect(refused.status).toBe(200);
    const view = await server.get(`${committeeUrl()}?after=${refused.body.position}`);
    expect(view.body).toMatchObject({
      kind: 'PREPARATORY_GROUP',
      committee: null,
      overdue: [],
      filing: { electionId: refusedId, status: 'REFUSED', reason: '部分书面选票签名存疑' },
    });
    expect(view.body.history.map((h: { type: string }) => h.type)).toEqual([
      'ManagingBodyAppointed',
      'ElectionHeld',
      'CommitteeFilingRefused',
    ]);
  });

  it('rule 16: a second election is held; unfiled, it shows as overdue after 30 days, to the public and the regulator', async () => {
    const held = await holdElection('第一届业主委员会选举（重新选举）');
    eid = held.id;
    closeEventId = held.closed.closeEventId;
    closedAt = held.closed.closedAt;
    const dueBy = Date.parse(closedAt) + 30 * DAY;
    server.clock.set(new Date(dueBy));
    const onTime = await server.get(`${committeeUrl()}?after=${held.closed.position}`);
    expect(onTime.body).toMatchObject({
      kind: 'PREPARATORY_GROUP',
      filing: { electionId: eid, status: 'PENDING', dueBy: iso(dueBy) },
      overdue: [],
    });
    server.clock.set(new Date(dueBy + 1000));
    expect((await server.get(committeeUrl())).body.overdue).toEqual(['COMMITTEE_FILING_OVERDUE']);
    const view = await server.get(district(), { token: regulator });
    expect(view.body.communities).toEqual([
      expect.objectContaining({
        communityId: cid,
        governingBody: 'PREPARATORY_GROUP',
        filingStatus: 'PENDING',
        filingDueBy: iso(dueBy),
        overdue: ['COMMITTEE_FILING_OVERDUE'],
        formed: false,
      }),
    ]);
    expect(view.body.formationRate).toEqual({ formed: 0, total: 1, fraction: '0/1', percent: '0.0%' });
  });

  it('the regulator view is for regulators and administrators: 200 for both, 403 for a committee or an owner, 401 without a token', async () => {
    expect((await server.get(district(), { token: admin })).status).toBe(200);
    expect((await server.get(district(), { token: preparatory })).status).toBe(403);
    expect((await server.get(district(), { token: owners.O1 })).status).toBe(403);
    expect((await server.get(district())).status).toBe(401);
    const rows = await csvRows(
      server,
      `/api/v1/regulator/communities.csv?district=${encodeURIComponent('昌平区')}`,
      admin,
    );
    expect(rows[0]).toEqual([
      'communityId',
      'name',
      'district',
      'street',
      'governingBody',
      'termEndsAt',
      'filingStatus',
      'filingDueBy',
      'overdue',
      'byElectionDue',
      'formed',
    ]);
    expect(rows[1]).toEqual([
      cid,
      '龙泽苑',
      '昌平区',
      '回龙观街道',
      'PREPARATORY_GROUP',
      '',
      'PENDING',
      iso(Date.parse(closedAt) + 30 * DAY),
      'COMMITTEE_FILING_OVERDUE',
      'false',
      'false',
    ]);
    expect((await server.get('/api/v1/regulator/communities.csv', { token: preparatory })).status).toBe(403);
  });

  it('rule 16: filed late, the committee holds the role for its 3-year term: members act, the alternate and the preparatory group do not', async () => {
    const filed = await server.post(
      `${committeeUrl()}/filing`,
      { electionId: eid, closeEventId, decision: 'FILED' },
      { token: regulator },
    );
    expect(filed.status).toBe(200);
    const view = await server.get(`${committeeUrl()}?after=${filed.body.position}`);
    const until = closedAt.replace(/^2026-/, '2029-');
    expect(view.body).toMatchObject({
      kind: 'COMMITTEE',
      overdue: [],
      formed: true,
      term: { from: closedAt, until },
      filing: { electionId: eid, status: 'FILED', late: true },
      committee: {
        status: 'IN_OFFICE',
        closeEventId,
        seats: 3,
        vacancies: 0,
        alternates: [{ candidateId: 'C5', ownerId: 'O5' }],
      },
    });
    expect(view.body.members.map((m: { ownerId: string }) => m.ownerId)).toEqual(['O2', 'O4', 'O1']);
    expect((await draftResolution(owners.O2)).status).toBe(201);
    expect((await draftResolution(owners.O5)).status).toBe(403);
    expect((await draftResolution(preparatory)).status).toBe(403);
    expect((await csvRows(server, `${committeeUrl()}.csv`)).slice(1).map((r) => r.slice(0, 4))).toEqual([
      ['COMMITTEE', 'MEMBER', '李娜', 'O2'],
      ['COMMITTEE', 'MEMBER', '刘洋', 'O4'],
      ['COMMITTEE', 'MEMBER', '张伟', 'O1'],
      ['COMMITTEE', 'ALTERNATE', '陈静', 'O5'],
    ]);
  });

  it('refuses resignations from someone without the committee role (403 FORBIDDEN), writing nothing', async () => {
    const url = `${committeeUrl()}/resignations`;
    await refusedWritingNothing(
      server,
      () => server.post(url, { ownerId: 'O2' }, { token: owners.O5 }),
      403,
      'FORBIDDEN',
    );
  });

  it('rule 29: a member resigns only themself: one member resigning a colleague (or a non-member) is refused with 403 RESIGNATION_OF_ANOTHER, writing nothing', async () => {
    const url = `${committeeUrl()}/resignations`;
    await refusedWritingNothing(
      server,
      () => server.post(url, { ownerId: 'O4' }, { token: owners.O2 }),
      403,
      'RESIGNATION_OF_ANOTHER',
    );
    await refusedWritingNothing(
      server,
      () => server.post(url, { ownerId: 'O5' }, { token: owners.O2 }),
      403,
      'RESIGNATION_OF_ANOTHER',
    );
    expect((await server.get(committeeUrl())).body.members.map((m: { ownerId: string }) => m.ownerId)).toEqual([
      'O2',
      'O4',
      'O1',
    ]);
  });

  it('rule 14: a member resigns, the alternate steps up and takes the role; the next resignation leaves a vacancy, and the committee of two is flagged (rule 29)', async () => {
    const url = `${committeeUrl()}/resignations`;
    const first = await server.post(url, { ownerId: 'O2' }, { token: owners.O2 });
    expect(first.status).toBe(200);
    expect(first.body.steppedUp).toBe('O5');
    expect((await draftResolution(owners.O5)).status).toBe(201);
    expect((await draftResolution(owners.O2)).status).toBe(403);

    expect((await server.get(committeeUrl())).body).toMatchObject({
      byElectionDue: false,
      committee: { byElectionDue: false },
    });
    // The caller's own owner id when none is given.
    const second = await server.post(url, {}, { token: owners.O4 });
    expect(second.status).toBe(200);
    expect(second.body.steppedUp).toBeNull();
    const view = await server.get(`${committeeUrl()}?after=${second.body.position}`);
    expect(view.body.members.map((m: { ownerId: string }) => m.ownerId)).toEqual(['O1', 'O5']);
    expect(view.body.committee).toMatchObject({ alternates: [], vacancies: 1, byElectionDue: true });
    expect(view.body.byElectionDue).toBe(true);
    const regulatorView = await server.get(district(), { token: regulator });
    expect(regulatorView.body.communities).toEqual([
      expect.objectContaining({ communityId: cid, governingBody: 'COMMITTEE', byElectionDue: true }),
    ]);
    expect(view.body.history.slice(-2)).toEqual([
      expect.objectContaining({ type: 'CommitteeMemberResigned', detail: { ownerId: 'O2', steppedUp: 'O5' } }),
      expect.objectContaining({ type: 'CommitteeMemberResigned', detail: { ownerId: 'O4', steppedUp: null } }),
    ]);
    const summary = (await server.get(`/api/v1/communities/${cid}?after=${second.body.position}`)).body;
    expect(summary.managingBody.members.map((m: { memberId: string }) => m.memberId).sort()).toEqual(['O1', 'O5']);
  });

  it('rule 14: when the term ends the committee no longer holds the role, and every view shows it expired', async () => {
    const until = Date.parse((await server.get(committeeUrl())).body.term.until);
    server.clock.set(new Date(until - 1000));
    expect((await draftResolution(owners.O1)).status).toBe(201);

    server.clock.set(new Date(until));
    expect((await draftResolution(owners.O1)).status).toBe(403);
    expect((await server.post(`${committeeUrl()}/resignations`, { ownerId: 'O1' }, { token: owners.O1 })).status).toBe(
      403,
    );
    const view = await server.get(committeeUrl());
    expect(view.body).toMatchObject({
      kind: 'NONE',
      members: [],
      term: null,
      formed: false,
      overdue: ['COMMITTEE_TERM_EXPIRED'],
      committee: { status: 'TERM_EXPIRED', term: { until: iso(until) } },
    });
    const regulatorView = await server.get(district(), { token: regulator });
    expect(regulatorView.body.communities).toEqual([
      expect.objectContaining({ communityId: cid, governingBody: 'NONE', overdue: ['COMMITTEE_TERM_EXPIRED'] }),
    ]);
    expect(regulatorView.body.formationRate).toMatchObject({ fraction: '0/1', percent: '0.0%' });
  });

  it('then a new preparatory group may be appointed to organise the next election', async () => {
    const appointed = await server.post(
      `/api/v1/communities/${cid}/managing-body`,
      { kind: 'PREPARATORY_GROUP', members: [{ name: '赵敏', login: 'lzy-next-chair' }] },
      { token: admin },
    );
    expect(appointed.status).toBe(201);
    const view = await server.get(`${committeeUrl()}?after=${appointed.body.position}`);
    expect(view.body).toMatchObject({
      kind: 'PREPARATORY_GROUP',
      members: [{ name: '赵敏' }],
      committee: { status: 'TERM_EXPIRED' },
    });
    preparatory = await server.activateAndSignIn(appointed.body.activationCodes['lzy-next-chair'], 'lzy-next-chair');
  });

  it('rule 15: candidates tied in area and heads across the last seat take none of it; the empty seat is reported, and no committee of two is filed', async () => {
    // C1 500 m², 5 heads; C2 420 m², 4; C4 (O1, O2, O5) and C5 (O2, O4, D) both 290 m², 3 heads.
    const online = { O1: ['C1', 'C2', 'C4'], O2: ['C1', 'C4', 'C5'], O4: ['C1', 'C2', 'C5'], O5: ['C1', 'C2', 'C4'] };
    const held = await holdElection('第二届业主委员会选举', online, [
      { ownerId: 'D', selections: ['C1', 'C2', 'C5'], evidenceSha256: sha('e') },
    ]);
    expect(held.closed).toMatchObject({
      outcome: 'ELECTED',
      unfilledSeats: 1,
      tiedAtCutoff: ['C4', 'C5'],
      alternates: [],
    });
    // Rule 29: the result says a run-off between the tied is due, publicly and in the committee's life.
    expect((await server.get(`${elections()}/${held.id}?after=${held.closed.position}`)).body).toMatchObject({
      runOffDue: true,
      tiedAtCutoff: ['C4', 'C5'],
    });
    expect(
      (await server.get(`${committeeUrl()}?after=${held.closed.position}`)).body.history.slice(-1)[0],
    ).toMatchObject({ type: 'ElectionHeld', detail: { unfilledSeats: 1 } });
    expect(held.closed.elected.map((c: { candidateId: string }) => c.candidateId)).toEqual(['C1', 'C2']);
    const tied = held.closed.candidates.filter((c: { candidateId: string }) => ['C4', 'C5'].includes(c.candidateId));
    expect(tied.map((c: Record<string, unknown>) => [c.approving, c.passed, c.seat])).toEqual([
      [{ heads: 3, areaM2: '290.00' }, true, null],
      [{ heads: 3, areaM2: '290.00' }, true, null],
    ]);
    const filing = { electionId: held.id, closeEventId: held.closed.closeEventId, decision: 'FILED' };
    const incomplete = await refusedWritingNothing(
      server,
      () => server.post(`${committeeUrl()}/filing`, filing, { token: regulator }),
      409,
      'COMMITTEE_INCOMPLETE',
    );
    expect(incomplete.body.message).toMatch(/2 of 3 seats/);
    const refused = await server.post(
      `${committeeUrl()}/filing`,
      { ...filing, decision: 'REFUSED', reason: '当选人数不足，须补选' },
      { token: regulator },
    );
    expect(refused.status).toBe(200);
    lastPosition = refused.body.position;
    expect((await server.get(`${committeeUrl()}?after=${lastPosition}`)).body).toMatchObject({
      kind: 'PREPARATORY_GROUP',
      filing: { status: 'REFUSED' },
    });
  });

  it("serves the whole history as CSV, one row per step of the committee's life", async () => {
    const rows = await csvRows(server, `${committeeUrl()}/history.csv`);
    expect(rows[0]).toEqual([
      'at',
      'type',
      'kind',
      'members',
      'electionId',
      'outcome',
      'elected',
      'unfilledSeats',
      'supersedes',
      'late',
      'reason',
      'ownerId',
      'steppedUp',
      'resolutionId',
    ]);
    expect(rows.slice(1).map((r) => r[1])).toEqual([
      'ManagingBodyAppointed',
      'ElectionHeld',
      'CommitteeFilingRefused',
      'ElectionHeld',
      'CommitteeFiled',
      'CommitteeMemberResigned',
      'CommitteeMemberResigned',
      'ManagingBodyAppointed',
      'ElectionHeld',
      'CommitteeFilingRefused',
    ]);
    expect(rows[5]).toEqual([
      expect.any(String),
      'CommitteeFiled',
      '',
      '3',
      eid,
      '',
      '',
      '',
      'PREPARATORY_GROUP',
      'true',
      '',
      '',
      '',
      '',
    ]);
    expect(rows[6].slice(-3)).toEqual(['O2', 'O5', '']);
  });

  it('rule 17: a PMC past its 3-year term is shown as expired to the public and the regulator; rule 30: it no longer counts as formed in the formation rate', async () => {
    const view = await server.get(`/api/v1/communities/${pmcCommunity}/committee`);
    expect(view.body).toMatchObject({
      kind: 'PMC',
      formed: false,
      pmc: { status: 'TERM_EXPIRED', termEndsAt: '2029-01-05T01:00:00.000Z' },
      overdue: ['PMC_TERM_EXPIRED'],
    });
    const regulatorView = await server.get(district('海淀区'), { token: regulator });
    expect(regulatorView.body.communities).toEqual([
      expect.objectContaining({
        communityId: pmcCommunity,
        governingBody: 'PMC',
        overdue: ['PMC_TERM_EXPIRED'],
        formed: false,
      }),
    ]);
    expect(regulatorView.body.formationRate).toEqual({ formed: 0, total: 1, fraction: '0/1', percent: '0.0%' });
  });

  it("projects idempotently: the community's, its governance's and its elections' events applied again change no row", async () => {
    const db = server.app.get(DataSource);
    const rows = async () => ({
      view: await db.query('SELECT * FROM elections_committee_views WHERE community_id = $1', [cid]),
      elections: await db.query('SELECT * FROM elections_elections WHERE community_id = $1 ORDER BY election_id', [
        cid,
      ]),
      voters: await db.query(
        'SELECT * FROM elections_voters WHERE election_id = ANY($1) ORDER BY election_id, voter_id',
        [[refusedId, eid]],
      ),
      ballots: await db.query('SELECT * FROM elections_ballots WHERE election_id = ANY($1) ORDER BY position', [
        [refusedId, eid],
      ]),
    });
    expect((await server.get(`${committeeUrl()}?after=${lastPosition}`)).status).toBe(200);
    const before = await rows();
    const store = server.app.get<EventStore>(EVENT_STORE);
    const streams = [communityStream(cid), governanceStream(cid), electionStream(refusedId), electionStream(eid)];
    const events = (await Promise.all(streams.map((stream) => store.readStream(stream)))).flat();
    const projections: Projection[] = [server.app.get(CommitteeProjection), server.app.get(ElectionsProjection)];
    await db.transaction(async (manager) => {
      for (const event of events) {
        for (const projection of projections)
          if (projection.eventTypes.includes(event.type)) await projection.apply(event, manager);
      }
    });
    expect(await rows()).toEqual(before);
    expect(before.ballots).toHaveLength(10);
  });
});
