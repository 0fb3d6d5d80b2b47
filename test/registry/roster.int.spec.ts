import { jimenliOwners, jimenliUnitsCsv } from '../support/jimenli.js';
import { communityWithCommittee, TestServer } from '../support/test-server.js';

describe('the community roster over HTTP (DOMAIN.md rules 1–4)', () => {
  let server: TestServer;
  let communityId: string;
  let committee: string;
  let admin: string;

  beforeAll(async () => {
    server = await TestServer.start('roster');
    ({ communityId, committee, admin } = await communityWithCommittee(server, '蓟门里'));
  });
  afterAll(() => server.stop());

  it('imports the jimenli roster and reports exactly 3100 units, 2844 heads, 288268.82 m²', async () => {
    const owners = await server.post(`/api/v1/communities/${communityId}/owners`, jimenliOwners(), {
      token: committee,
    });
    expect(owners.status).toBe(201);
    expect(Object.keys(owners.body.activationCodes)).toHaveLength(3785);

    const imported = await server.request('POST', `/api/v1/communities/${communityId}/units:import`, {
      token: committee,
      raw: { contentType: 'text/csv', text: jimenliUnitsCsv() },
    });
    expect(imported.status).toBe(201);
    expect(imported.body.count).toBe(3100);

    const roster = await server.get(`/api/v1/communities/${communityId}/roster?after=${imported.body.position}`, {
      token: committee,
    });
    expect(roster.status).toBe(200);
    expect(roster.body.totals).toEqual({ units: 3100, heads: 2844, areaM2: '288268.82', owners: 3785 });

    const summary = await server.get(`/api/v1/communities/${communityId}`);
    expect(summary.body).toMatchObject({ units: 3100, heads: 2844, areaM2: '288268.82' });
  });

  it.each([
    ['a negative area', '9-9-901,9,-3,O00017,O00017', /row 3 \(unit 9-9-901\): areaM2 "-3"/],
    ['an area with three decimals', '9-9-901,9,12.345,O00017,O00017', /row 3 \(unit 9-9-901\): areaM2 "12.345"/],
    ['an unknown owner', '9-9-901,9,50.00,NOBODY,NOBODY', /row 3 \(unit 9-9-901\).*NOBODY/],
    ['a unit listed twice', '9-9-901,9,50.00,O00017,O00017\r\n9-9-901,9,51.00,O00017,O00017', /row 4 .*row 3/],
    ['a unit already registered', '1-1-101,1,132.72,O00017;O00018,O00017', /1-1-101 is already registered/],
  ])('rejects a whole import with %s, naming the row, and writes nothing', async (_what, rows, message) => {
    const before = await server.get(`/api/v1/communities/${communityId}/roster`, { token: committee });
    const answer = await server.request('POST', `/api/v1/communities/${communityId}/units:import`, {
      token: committee,
      raw: {
        contentType: 'text/csv',
        text: `unitId,building,areaM2,ownerIds,representativeId\r\n9-9-900,9,40.00,O00017,O00017\r\n${rows}\r\n`,
      },
    });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.message).toMatch(message);
    expect(answer.body.code).toMatch(/^[A-Z_]+$/);
    const after = await server.get(`/api/v1/communities/${communityId}/roster`, { token: committee });
    expect(after.body.totals).toEqual(before.body.totals);
  });

  it('refuses an area sent as a JSON number, with the field named', async () => {
    const answer = await server.post(
      `/api/v1/communities/${communityId}/units`,
      [{ unitId: '9-9-902', building: '9', areaM2: 50.5, ownerIds: ['O00017'] }],
      { token: committee },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('VALIDATION_FAILED');
    expect(answer.body.message).toMatch(/areaM2/);
  });

  it('refuses unknown fields (whitelist)', async () => {
    const answer = await server.post(
      '/api/v1/communities',
      { name: 'x', district: 'y', rulebook: 'CN-BEIJING-2020', isAdmin: true },
      { token: admin },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/isAdmin/);
  });

  it('transfers a unit: the roster shows the new owner and recounts heads', async () => {
    const answer = await server.post(
      `/api/v1/communities/${communityId}/units/1-1-101/transfer`,
      { ownerIds: ['O00019', 'O00020'], representativeId: 'O00019', effectiveAt: '2026-02-01T00:00:00+08:00' },
      { token: committee },
    );
    expect(answer.status).toBe(200);
    const roster = await server.get(`/api/v1/communities/${communityId}/roster?after=${answer.body.position}`, {
      token: committee,
    });
    const unit = roster.body.units.find((u: { unitId: string }) => u.unitId === '1-1-101');
    expect(unit).toMatchObject({ ownerIds: ['O00019', 'O00020'], representativeId: 'O00019' });
    // 1-1-101's old pair (O00017+O00018) owned nothing else, and O00019+O00020 already held 1-1-102: one head fewer.
    expect(roster.body.totals.heads).toBe(2843);
  });

  it('records where each area comes from (rule 1: registered, else surveyed, else contract)', async () => {
    const answer = await server.request('POST', `/api/v1/communities/${communityId}/units:import`, {
      token: committee,
      raw: {
        contentType: 'text/csv',
        text: 'unitId,building,areaM2,ownerIds,representativeId,areaSource\r\n9-9-910,9,61.20,O00017,O00017,SURVEYED\r\n',
      },
    });
    expect(answer.status).toBe(201);
    const roster = await server.get(`/api/v1/communities/${communityId}/roster?after=${answer.body.position}`, {
      token: committee,
    });
    expect(roster.body.units.find((u: { unitId: string }) => u.unitId === '9-9-910')).toMatchObject({
      areaM2: '61.20',
      areaSource: 'SURVEYED',
    });
    expect(roster.body.units.find((u: { unitId: string }) => u.unitId === '1-1-101').areaSource).toBe('REGISTERED');
    const wrong = await server.post(
      `/api/v1/communities/${communityId}/units`,
      [{ unitId: '9-9-911', building: '9', areaM2: '50.00', areaSource: 'GUESSED', ownerIds: ['O00017'] }],
      { token: committee },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/\[0\]\.areaSource/);
  });
});
