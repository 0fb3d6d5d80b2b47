import { smallCommunity } from '../support/small-community.js';
import { TestServer } from '../support/test-server.js';

const DAY = 24 * 3600 * 1000;
const sha = (c: string) => c.repeat(64);

describe('a resolution from draft to tally over HTTP (DOMAIN.md rules 5–13, CN-BEIJING-2020)', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  let owners: Record<string, string>;
  let rid: string;
  const base = () => `/api/v1/communities/${cid}/resolutions/${rid}`;

  beforeAll(async () => {
    // The test moves the server's clock by weeks; tokens must outlive that.
    server = await TestServer.start('resolution', { GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600) });
    const community = await smallCommunity(server);
    ({ communityId: cid, committee, ownerTokens: owners } = community);
    // now: 2026-01-05 09:00 +08:00; opens 20 days later, closes 10 days after that
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
    expect(drafted.status).toBe(201);
    rid = drafted.body.id;
  });
  afterAll(() => server.stop());

  it('refuses a ballot on a resolution that is not open, writing nothing (RESOLUTION_NOT_OPEN)', async () => {
    const answer = await server.post(`${base()}/ballots`, { choice: 'FOR' }, { token: owners.O1 });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('RESOLUTION_NOT_OPEN');
  });

  it('refuses to open what was never posted (rule 8)', async () => {
    server.clock.set('2026-01-25T09:00:00+08:00');
    const answer = await server.post(`${base()}/open`, undefined, { token: committee });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('NOT_POSTED');
    server.clock.set('2026-01-05T09:00:00+08:00');
  });

  it('refuses to post less than 15 days before opening, then posts at exactly 15 days (rule 8)', async () => {
    server.clock.set(new Date(new Date('2026-01-25T09:00:00+08:00').getTime() - 15 * DAY + 1));
    const late = await server.post(`${base()}/post`, undefined, { token: committee });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('POSTING_PERIOD_TOO_SHORT');
    server.clock.set(new Date(new Date('2026-01-25T09:00:00+08:00').getTime() - 15 * DAY));
    const posted = await server.post(`${base()}/post`, undefined, { token: committee });
    expect(posted.status).toBe(200);
  });

  it('refuses to open before opensAt (TOO_EARLY_TO_OPEN)', async () => {
    server.clock.set('2026-01-25T08:59:59+08:00');
    const answer = await server.post(`${base()}/open`, undefined, { token: committee });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('TOO_EARLY_TO_OPEN');
  });

  it('opens at opensAt, freezing the roster: 5 heads, 500.00 m²', async () => {
    server.clock.set('2026-01-25T09:00:00+08:00');
    const answer = await server.post(`${base()}/open`, undefined, { token: committee });
    expect(answer.status).toBe(200);
    expect(answer.body.eligible).toEqual({ heads: 5, areaM2: '500.00' });
    const again = await server.post(`${base()}/open`, undefined, { token: committee });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('RESOLUTION_ALREADY_OPEN');
  });

  it('a transfer after opening does not move the vote (rule 4)', async () => {
    const moved = await server.post(
      `/api/v1/communities/${cid}/units/2-102/transfer`,
      { ownerIds: ['O4'], effectiveAt: '2026-01-26T00:00:00+08:00' },
      { token: committee },
    );
    expect(moved.status).toBe(200);
    // O5 still votes for 2-102 in this vote, as the frozen roster says.
    const cast = await server.post(`${base()}/ballots`, { choice: 'AGAINST' }, { token: owners.O5 });
    expect(cast.status).toBe(201);
  });

  it('answers an online ballot with a receipt holding its event id, leaf hash and position', async () => {
    const answer = await server.post(`${base()}/ballots`, { choice: 'AGAINST' }, { token: owners.O1 });
    expect(answer.status).toBe(201);
    expect(answer.body.receipt).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      streamId: `resolution-${rid}`,
      revision: expect.any(Number),
      leafHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      position: expect.stringMatching(/^\d+$/),
    });
  });

  it("a later ballot replaces the earlier one (rule 9), and both stay in the owner's record", async () => {
    const changed = await server.post(`${base()}/ballots`, { choice: 'FOR' }, { token: owners.O1 });
    expect(changed.status).toBe(201);
    const mine = await server.get(`/api/v1/communities/${cid}/my-ballots?after=${changed.body.receipt.position}`, {
      token: owners.O1,
    });
    expect(mine.body.map((b: { choice: string }) => b.choice)).toEqual(['AGAINST', 'FOR']);
  });

  it("refuses a proxy without the written authorisation's hash, writing nothing (rule 10)", async () => {
    const answer = await server.post(`${base()}/proxies`, { proxyOwnerId: 'O1' }, { token: owners.O4 });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('PROXY_EVIDENCE_REQUIRED');
  });

  it('a proxy votes for the owner who named them; the owner voting in person overrides it (rule 10)', async () => {
    expect(
      (await server.post(`${base()}/proxies`, { proxyOwnerId: 'O1', evidenceSha256: sha('a') }, { token: owners.O4 }))
        .status,
    ).toBe(201);
    const byProxy = await server.post(
      `${base()}/ballots`,
      { choice: 'AGAINST', onBehalfOf: 'O4' },
      { token: owners.O1 },
    );
    expect(byProxy.status).toBe(201);
    const unauthorised = await server.post(
      `${base()}/ballots`,
      { choice: 'AGAINST', onBehalfOf: 'O5' },
      { token: owners.O1 },
    );
    expect(unauthorised.status).toBe(403);
    expect(unauthorised.body.code).toBe('PROXY_NOT_AUTHORISED');
    const inPerson = await server.post(`${base()}/ballots`, { choice: 'FOR' }, { token: owners.O4 });
    expect(inPerson.status).toBe(201);
  });

  it("enters a paper ballot with the scan's hash, which the owner then sees in their name (rule 11)", async () => {
    const bad = await server.post(
      `${base()}/paper-ballots`,
      [{ ownerId: 'O2', choice: 'FOR', evidenceSha256: 'not-a-hash' }],
      { token: committee },
    );
    expect(bad.status).toBe(400);
    const entered = await server.post(
      `${base()}/paper-ballots`,
      [{ ownerId: 'O2', choice: 'ABSTAIN', evidenceSha256: sha('b') }],
      { token: committee },
    );
    expect(entered.status).toBe(201);
    const mine = await server.get(`/api/v1/communities/${cid}/my-ballots?after=${entered.body.position}`, {
      token: owners.O2,
    });
    expect(mine.body).toEqual([
      expect.objectContaining({ channel: 'PAPER', choice: 'ABSTAIN', evidenceSha256: sha('b'), late: false }),
    ]);
  });

  it("refuses a ballot from an owner who is not in the frozen roster's representatives, and a choice not offered", async () => {
    const notOffered = await server.post(`${base()}/ballots`, { choice: 'MAYBE' }, { token: owners.O1 });
    expect(notOffered.status).toBe(400);
    const paperForStranger = await server.post(
      `${base()}/paper-ballots`,
      [{ ownerId: 'O3', choice: 'FOR', evidenceSha256: sha('c') }],
      { token: committee },
    );
    expect(paperForStranger.status).toBe(403);
    expect(paperForStranger.body.code).toBe('NOT_A_VOTER');
  });

  it('shows owners which units took part, not how they voted (rule 24)', async () => {
    const answer = await server.get(`${base()}/participation`, { token: owners.O5 });
    expect(answer.status).toBe(200);
    expect(answer.body.units.map((u: { unitId: string }) => u.unitId)).toEqual([
      '1-101',
      '1-102',
      '1-201',
      '2-101',
      '2-102',
    ]);
    expect(JSON.stringify(answer.body)).not.toMatch(/FOR|AGAINST|ABSTAIN/);
  });

  it('refuses to close before closesAt, closes at closesAt with the exact tally (rules 5, 6, 13)', async () => {
    server.clock.set('2026-02-04T17:59:59.999+08:00');
    const early = await server.post(`${base()}/close`, undefined, { token: committee });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('TOO_EARLY_TO_CLOSE');
    server.clock.set('2026-02-04T18:00:00+08:00');
    const closed = await server.post(`${base()}/close`, undefined, { token: committee });
    expect(closed.status).toBe(200);
    // Voters: O1 (150 m², FOR), O2+O3 (80, ABSTAIN), O4 (90, FOR in person), O5 (60, AGAINST); D did not vote.
    expect(closed.body).toMatchObject({
      rulebook: 'CN-BEIJING-2020',
      matter: 'HIRE_OR_FIRE_MANAGER',
      eligible: { heads: 5, areaM2: '500.00' },
      participated: { heads: 4, areaM2: '380.00' },
      for: { heads: 2, areaM2: '240.00' },
      against: { heads: 1, areaM2: '60.00' },
      abstain: { heads: 1, areaM2: '80.00' },
      // 380/500 ≥ 2/3 and 4/5 ≥ 2/3; approval 240/380 > 1/2 but heads 2/4 is exactly 1/2: not more than half.
      participation: { headsMet: true, areaMet: true },
      approval: { headsMet: false, areaMet: true },
      outcome: 'REJECTED',
    });
  });

  it('records a ballot that arrives after close, excludes it, and says so with 409 (rule 12)', async () => {
    const late = await server.post(`${base()}/ballots`, { choice: 'FOR' }, { token: owners.O5 });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('RESOLUTION_CLOSED');
    const mine = await server.get(`/api/v1/communities/${cid}/my-ballots?after=${late.body.details.position}`, {
      token: owners.O5,
    });
    expect(mine.body.filter((b: { late: boolean }) => b.late)).toEqual([
      expect.objectContaining({ eventId: late.body.details.recordedEventIds[0] }),
    ]);
  });

  it('publishes the outcome and tally to anyone, and the quorum record to the committee, adding up to the tally', async () => {
    const publicView = await server.get(base());
    expect(publicView.status).toBe(200);
    expect(publicView.body).toMatchObject({ status: 'CLOSED', outcome: 'REJECTED', tally: { outcome: 'REJECTED' } });
    const record = await server.get(`${base()}/quorum-record`, { token: committee });
    expect(record.status).toBe(200);
    const counted = record.body.voters.filter((v: { participated: boolean }) => v.participated);
    expect(counted).toHaveLength(publicView.body.tally.participated.heads);
    const forHeads = counted.filter((v: { choice: string }) => v.choice === 'FOR').length;
    expect(forHeads).toBe(publicView.body.tally.for.heads);
    expect(record.body.voters.find((v: { voterId: string }) => v.voterId === 'O4')).toMatchObject({
      channel: 'ONLINE',
      choice: 'FOR',
    });
    const denied = await server.get(`${base()}/quorum-record`, { token: owners.O1 });
    expect(denied.status).toBe(403);
  });

  it('serves the quorum record and the participation as CSV with a byte-order mark', async () => {
    const csv = await fetch(`${server.baseUrl}${base()}/quorum-record.csv`, {
      headers: { authorization: `Bearer ${committee}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toContain('"voterId"');
    expect(text).toContain('"O2+O3"');
  });
});
