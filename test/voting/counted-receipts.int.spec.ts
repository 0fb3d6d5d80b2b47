import { eventLeafHash, type LogEvent } from '@gongzhi/ledger-log/event-leaf.js';
import { rootOf } from '@gongzhi/ledger-log/merkle.js';
import { verifyInclusion } from '@gongzhi/ledger-log/proofs.js';
import { refusedWritingNothing, sha } from '../elections/support.js';
import { smallCommunity } from '../support/small-community.js';
import type { TestServer as Server } from '../support/test-server.js';
import { TestServer } from '../support/test-server.js';

interface Receipt {
  eventId: string;
  leafHash: string;
  position: string;
}
interface Counted {
  status: string;
  supersededBy?: { eventId: string; leafHash: string };
  countedRoot: string;
  countedSize: number;
  leafIndex: number | null;
  proof: string[];
  closeEventId: string;
}
interface MyBallot {
  eventId: string;
  channel: string;
  late: boolean;
  position: string;
  leafHash: string;
  loggedEvent: LogEvent;
}

/** The owner's own check, as their device does it: the proof must put `leafHash` into the root the close committed to. */
function proves(answer: Counted, leafHash: string): boolean {
  return (
    answer.leafIndex !== null &&
    verifyInclusion(leafHash, answer.leafIndex, answer.countedSize, answer.proof, answer.countedRoot)
  );
}

/** Every ballot an owner sees in /my-ballots, with the leaf hash rebuilt here from the logged event alone. */
async function myBallots(server: Server, path: string, token: string, after: string): Promise<MyBallot[]> {
  const mine = await server.get(`${path}?after=${after}`, { token });
  expect(mine.status).toBe(200);
  for (const b of mine.body as MyBallot[]) {
    expect(b.loggedEvent.eventId).toBe(b.eventId);
    expect(eventLeafHash(b.loggedEvent)).toBe(b.leafHash);
  }
  return mine.body;
}

describe('receipts that prove counting: GET …/counted/{leafHash} after the close (issue 11, Helios/Belenios "counted as cast")', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  let owners: Record<string, string>;

  beforeAll(async () => {
    server = await TestServer.start('counted_receipts', {
      GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600),
      GONGZHI_CHECKPOINT_EVERY: '1',
    });
    ({ communityId: cid, committee, ownerTokens: owners } = await smallCommunity(server));
  });
  afterAll(() => server.stop());

  describe('a resolution: online, replaced, proxy, paper, late', () => {
    let rid: string;
    const base = () => `/api/v1/communities/${cid}/resolutions/${rid}`;
    const counted = (leafHash: string) => server.get(`${base()}/counted/${leafHash}`);
    const r: Record<string, Receipt> = {};
    let closeAnswer: Record<string, any>;
    let paperLeaf: string;

    beforeAll(async () => {
      server.clock.set('2026-01-05T09:00:00+08:00');
      const drafted = await server.post(
        `/api/v1/communities/${cid}/resolutions`,
        {
          title: '聘用新物业',
          description: '更换物业服务企业',
          matter: 'HIRE_OR_FIRE_MANAGER',
          opensAt: '2026-01-25T09:00:00+08:00',
          closesAt: '2026-02-04T18:00:00+08:00',
        },
        { token: committee },
      );
      rid = drafted.body.id;
      expect((await server.post(`${base()}/post`, undefined, { token: committee })).status).toBe(200);
      server.clock.set('2026-01-25T09:00:00+08:00');
      expect((await server.post(`${base()}/open`, undefined, { token: committee })).status).toBe(200);
      const cast = async (name: string, token: string, body: object) => {
        const answer = await server.post(`${base()}/ballots`, body, { token });
        expect(answer.status).toBe(201);
        r[name] = answer.body.receipt;
      };
      await cast('o1First', owners.O1, { choice: 'AGAINST' });
      await cast('o1Last', owners.O1, { choice: 'FOR' });
      // O4 and O5 name O1 their proxy; O5 then votes in person, which beats the proxy whatever the order (rule 10).
      expect(
        (await server.post(`${base()}/proxies`, { proxyOwnerId: 'O1', evidenceSha256: sha('a') }, { token: owners.O4 }))
          .status,
      ).toBe(201);
      expect(
        (await server.post(`${base()}/proxies`, { proxyOwnerId: 'O1', evidenceSha256: sha('b') }, { token: owners.O5 }))
          .status,
      ).toBe(201);
      await cast('o4ByProxy', owners.O1, { choice: 'FOR', onBehalfOf: 'O4' });
      await cast('o5ByProxy', owners.O1, { choice: 'FOR', onBehalfOf: 'O5' });
      await cast('o5InPerson', owners.O5, { choice: 'AGAINST' });
      const paper = await server.post(
        `${base()}/paper-ballots`,
        [{ ownerId: 'O2', choice: 'ABSTAIN', evidenceSha256: sha('c') }],
        { token: committee },
      );
      expect(paper.status).toBe(201);
      paperLeaf = paper.body.ballots[0].leafHash;
      r.o2Paper = { ...paper.body.ballots[0], position: paper.body.position };
    });

    it('before the close answers 409 RESOLUTION_NOT_CLOSED: a ballot is logged, nothing is counted yet', async () => {
      const early = await counted(r.o1Last.leafHash);
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('RESOLUTION_NOT_CLOSED');
    });

    it('the close answers the counted root: the tree of exactly the live ballots, in the order they were cast', async () => {
      server.clock.set('2026-02-04T18:00:00+08:00');
      const closed = await server.post(`${base()}/close`, undefined, { token: committee });
      expect(closed.status).toBe(200);
      closeAnswer = closed.body;
      // Recomputed here from the receipts alone: O1's last, O4's proxy, O5 in person, O2's paper ballot.
      const live = [r.o1Last, r.o4ByProxy, r.o5InPerson, r.o2Paper].map((x) => x.leafHash);
      expect(closeAnswer).toMatchObject({
        countedRoot: rootOf(live),
        countedSize: 4,
        closeEventId: expect.any(String),
      });
      // The answer carries the close event itself: its leaf is what the log signed, and it names the same root.
      const answer = (await counted(r.o1Last.leafHash)).body;
      expect(answer.closeEvent).toMatchObject({
        eventId: closeAnswer.closeEventId,
        type: 'ResolutionClosed',
        data: { countedRoot: rootOf(live), countedSize: 4 },
      });
      const inLog = await server.get(
        `/api/v1/communities/${cid}/log/proofs/inclusion?eventId=${closeAnswer.closeEventId}&after=${closeAnswer.position}`,
      );
      expect(inLog.body.leafHash).toBe(eventLeafHash(answer.closeEvent));
    });

    it.each([
      ['the online ballot an owner cast last', 'o1Last'],
      ['a ballot cast by proxy that the owner never overrode', 'o4ByProxy'],
      ['an owner in person after their proxy voted', 'o5InPerson'],
      ["a paper ballot the committee entered in the owner's name", 'o2Paper'],
    ])("COUNTED: %s, with a proof into the close's counted root", async (_what, name) => {
      const answer = await counted(r[name].leafHash);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        status: 'COUNTED',
        countedRoot: closeAnswer.countedRoot,
        countedSize: 4,
        closeEventId: closeAnswer.closeEventId,
      });
      expect(proves(answer.body, r[name].leafHash)).toBe(true);
      // The proof is for this leaf and no other.
      expect(proves(answer.body, r.o1First.leafHash)).toBe(false);
    });

    it.each([
      ["an owner's earlier online ballot, by their later one", 'o1First', 'o1Last'],
      ["a proxy's ballot, by the owner voting in person", 'o5ByProxy', 'o5InPerson'],
    ])(
      'SUPERSEDED: %s, naming the ballot that counts instead and proving that one counted',
      async (_what, name, by) => {
        const answer = await counted(r[name].leafHash);
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({
          status: 'SUPERSEDED',
          supersededBy: { eventId: r[by].eventId, leafHash: r[by].leafHash },
          countedRoot: closeAnswer.countedRoot,
        });
        expect(proves(answer.body, r[by].leafHash)).toBe(true);
        expect(proves(answer.body, r[name].leafHash)).toBe(false);
      },
    );

    it('LATE: a ballot after the close, recorded once; a second late ballot of that voter is refused and writes nothing', async () => {
      const late = await server.post(`${base()}/ballots`, { choice: 'FOR' }, { token: owners.O4 });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('RESOLUTION_CLOSED');
      const recorded = (
        await myBallots(server, `/api/v1/communities/${cid}/my-ballots`, owners.O4, late.body.details.position)
      ).find((b) => b.late)!;
      expect(recorded.eventId).toBe(late.body.details.recordedEventIds[0]);
      const answer = await counted(recorded.leafHash);
      expect(answer.body).toMatchObject({ status: 'LATE', countedRoot: closeAnswer.countedRoot, proof: [] });
      await refusedWritingNothing(
        server,
        () => server.post(`${base()}/ballots`, { choice: 'AGAINST' }, { token: owners.O4 }),
        409,
        'LATE_BALLOT_ALREADY_RECORDED',
      );
      await refusedWritingNothing(
        server,
        () => server.post(`${base()}/ballots`, { choice: 'AGAINST', onBehalfOf: 'O4' }, { token: owners.O1 }),
        409,
        'LATE_BALLOT_ALREADY_RECORDED',
      );
      await refusedWritingNothing(
        server,
        () =>
          server.post(`${base()}/paper-ballots`, [{ ownerId: 'O4', choice: 'FOR', evidenceSha256: sha('e') }], {
            token: committee,
          }),
        409,
        'LATE_BALLOT_ALREADY_RECORDED',
      );
    });

    it('NOT_FOUND for a leaf that is no ballot of this vote; 400 for what is no leaf hash; 404 for a vote of no such id', async () => {
      expect((await counted(sha('0'))).body).toMatchObject({ status: 'NOT_FOUND', proof: [], leafIndex: null });
      // Another vote's ballot is not this one's.
      expect((await counted(closeAnswer.countedRoot)).body.status).toBe('NOT_FOUND');
      const bad = await counted('ABC');
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('INVALID_LEAF_HASH');
      const none = await server.get(`/api/v1/communities/${cid}/resolutions/no-such-vote/counted/${sha('0')}`);
      expect(none.status).toBe(404);
    });

    it("my-ballots gives every ballot recorded in the owner's name with its logged event, from which the owner rebuilds the leaf: online, proxy, paper", async () => {
      const last = closeAnswer.position;
      const o1 = await myBallots(server, `/api/v1/communities/${cid}/my-ballots`, owners.O1, last);
      expect(o1.map((b) => b.leafHash)).toEqual(
        expect.arrayContaining([r.o1First.leafHash, r.o1Last.leafHash, r.o4ByProxy.leafHash, r.o5ByProxy.leafHash]),
      );
      const o2 = await myBallots(server, `/api/v1/communities/${cid}/my-ballots`, owners.O2, last);
      expect(o2.map((b) => [b.channel, b.leafHash])).toEqual([['PAPER', paperLeaf]]);
      const o5 = await myBallots(server, `/api/v1/communities/${cid}/my-ballots`, owners.O5, last);
      const statuses = await Promise.all(o5.map(async (b) => [b.channel, (await counted(b.leafHash)).body.status]));
      expect(statuses).toEqual([
        ['PROXY', 'SUPERSEDED'],
        ['ONLINE', 'COUNTED'],
      ]);
    });
  });

  describe('an election: online, replaced, paper, late', () => {
    let eid: string;
    const base = () => `/api/v1/communities/${cid}/elections/${eid}`;
    const counted = (leafHash: string) => server.get(`${base()}/counted/${leafHash}`);
    const r: Record<string, Receipt> = {};
    let closeAnswer: Record<string, any>;

    beforeAll(async () => {
      server.clock.set('2026-03-01T09:00:00+08:00');
      const candidates = [
        { candidateId: 'C1', name: '张伟', ownerId: 'O1' },
        { candidateId: 'C2', name: '李娜', ownerId: 'O2' },
        { candidateId: 'C4', name: '刘洋', ownerId: 'O4' },
      ];
      const drafted = await server.post(
        `/api/v1/communities/${cid}/elections`,
        {
          title: '业委会选举',
          seats: 3,
          alternates: 0,
          candidates,
          opensAt: '2026-03-21T09:00:00+08:00',
          closesAt: '2026-03-31T09:00:00+08:00',
        },
        { token: committee },
      );
      expect(drafted.status).toBe(201);
      eid = drafted.body.id;
      expect((await server.post(`${base()}/post`, undefined, { token: committee })).status).toBe(200);
      server.clock.set('2026-03-21T09:00:00+08:00');
      expect((await server.post(`${base()}/open`, undefined, { token: committee })).status).toBe(200);
      for (const [name, token, selections] of [
        ['o1First', owners.O1, ['C1']],
        ['o1Last', owners.O1, ['C1', 'C2']],
        ['o4', owners.O4, ['C4']],
      ] as const) {
        const answer = await server.post(`${base()}/ballots`, { selections }, { token });
        expect(answer.status).toBe(201);
        r[name] = answer.body.receipt;
      }
      const paper = await server.post(
        `${base()}/paper-ballots`,
        [{ ownerId: 'O2', selections: ['C2'], evidenceSha256: sha('d') }],
        { token: committee },
      );
      expect(paper.status).toBe(201);
      r.o2Paper = paper.body.ballots[0];
    });

    it('before the close answers 409 ELECTION_NOT_CLOSED', async () => {
      const early = await counted(r.o1Last.leafHash);
      expect({ status: early.status, code: early.body.code }).toEqual({ status: 409, code: 'ELECTION_NOT_CLOSED' });
    });

    it('after the close: COUNTED with a proof for the live ballots (online and paper), SUPERSEDED for the replaced one', async () => {
      server.clock.set('2026-03-31T09:00:00+08:00');
      const closed = await server.post(`${base()}/close`, undefined, { token: committee });
      expect(closed.status).toBe(200);
      closeAnswer = closed.body;
      expect(closeAnswer).toMatchObject({
        countedRoot: rootOf([r.o1Last, r.o4, r.o2Paper].map((x) => x.leafHash)),
        countedSize: 3,
      });
      for (const name of ['o1Last', 'o4', 'o2Paper']) {
        const answer = await counted(r[name].leafHash);
        expect(answer.body).toMatchObject({
          status: 'COUNTED',
          countedRoot: closeAnswer.countedRoot,
          closeEventId: closeAnswer.closeEventId,
        });
        expect(proves(answer.body, r[name].leafHash)).toBe(true);
      }
      const replaced = await counted(r.o1First.leafHash);
      expect(replaced.body).toMatchObject({
        status: 'SUPERSEDED',
        supersededBy: { eventId: r.o1Last.eventId, leafHash: r.o1Last.leafHash },
      });
      expect(proves(replaced.body, r.o1Last.leafHash)).toBe(true);
    });

    it('LATE once per voter; NOT_FOUND for anything else; my-election-ballots rebuilds every leaf', async () => {
      const late = await server.post(`${base()}/ballots`, { selections: ['C4'] }, { token: owners.O5 });
      expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'ELECTION_CLOSED' });
      const o5 = await myBallots(
        server,
        `/api/v1/communities/${cid}/my-election-ballots`,
        owners.O5,
        late.body.details.position,
      );
      expect(o5).toHaveLength(1);
      expect((await counted(o5[0].leafHash)).body).toMatchObject({ status: 'LATE', proof: [] });
      await refusedWritingNothing(
        server,
        () => server.post(`${base()}/ballots`, { selections: ['C1'] }, { token: owners.O5 }),
        409,
        'LATE_BALLOT_ALREADY_RECORDED',
      );
      expect((await counted(sha('1'))).body.status).toBe('NOT_FOUND');
      const o1 = await myBallots(
        server,
        `/api/v1/communities/${cid}/my-election-ballots`,
        owners.O1,
        late.body.details.position,
      );
      expect(o1.map((b) => b.leafHash)).toEqual([r.o1First.leafHash, r.o1Last.leafHash]);
    });
  });
});
