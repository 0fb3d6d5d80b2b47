import { jimenliOwners, jimenliUnits } from '../../test/support/jimenli.js';
import type { AppointManagingBody } from '../../src/registry/commands/appoint-managing-body.js';
import type { RegisterCommunity } from '../../src/registry/commands/register-community.js';
import type { RegisterOwners } from '../../src/registry/commands/register-owners.js';
import type { RegisterUnits } from '../../src/registry/commands/register-units.js';
import type { DraftResolution } from '../../src/voting/commands/draft-resolution.js';
import type { OpenResolution, PostResolution } from '../../src/voting/commands/resolution-steps.js';
import { ADMIN, type CommandAnswer, type TestServer } from '../../test/support/test-server.js';
import { ok } from './bench-server.js';

/** 蓟门里 scaled 1:SCALE: every SCALE-th unit of its roster, with its owners (shared units, representatives, buildings kept). */
export const SCALE = 100;
const DAY = 24 * 3600 * 1000;

export interface CityCommunity {
  cid: string;
  committee: string;
  district: string;
  street: string;
  /** Each unit's representative: who casts its paper ballot. */
  representatives: string[];
  /** Each owner's account activation code, from the registration. */
  activationCodes: Record<string, string>;
}

/** The scaled roster, once: owners and units CSV for POST /owners and units:import. */
function scaledRoster() {
  const units = jimenliUnits().filter((_, i) => i % SCALE === 0);
  const ownerIds = new Set(units.flatMap((u) => u.ownerIds));
  const owners = jimenliOwners().filter((o) => ownerIds.has(o.ownerId));
  const csv = [
    'unitId,building,areaM2,ownerIds,representativeId',
    ...units.map(
      (u) =>
        `${u.unitId},${u.building},${u.area / 100n}.${String(u.area % 100n).padStart(2, '0')},${u.ownerIds.join(';')},${u.representativeId}`,
    ),
  ].join('\n');
  return { owners, csv, representatives: [...new Set(units.map((u) => u.representativeId))].sort() };
}
const roster = scaledRoster();
export const ROSTER_SIZE = { units: roster.csv.split('\n').length - 1, owners: roster.owners.length };

/** The admin's token, signed in once for the whole city (each sign-in is a scrypt). */
export async function adminToken(server: TestServer): Promise<string> {
  return server.signIn(ADMIN.login, ADMIN.secret);
}

/** A community of the scaled roster with its preparatory group signed in, in a street of its district. */
export async function cityCommunity(
  server: TestServer,
  admin: string,
  name: string,
  district: string,
  street: string,
): Promise<CityCommunity> {
  const created = await ok(
    'community',
    server.post<CommandAnswer<RegisterCommunity>>(
      '/api/v1/communities',
      { name, district, street, rulebook: 'CN-CIVIL-CODE-2021' },
      { token: admin },
    ),
  );
  const cid = created.id;
  const login = `chair-${cid.slice(0, 13)}`;
  const appointed = await ok(
    'managing body',
    server.post<CommandAnswer<AppointManagingBody>>(
      `/api/v1/communities/${cid}/managing-body`,
      { kind: 'PREPARATORY_GROUP', members: [{ name: '王建国', login }] },
      { token: admin },
    ),
  );
  const committee = await server.activateAndSignIn(appointed.activationCodes[login], login);
  const options = { token: committee };
  const registered = await ok(
    'owners',
    server.post<CommandAnswer<RegisterOwners>>(`/api/v1/communities/${cid}/owners`, roster.owners, options),
  );
  await ok(
    'units',
    server.request<CommandAnswer<RegisterUnits>>('POST', `/api/v1/communities/${cid}/units:import`, {
      ...options,
      raw: { contentType: 'text/csv', text: roster.csv },
    }),
  );
  return {
    cid,
    committee,
    district,
    street,
    representatives: roster.representatives,
    activationCodes: registered.activationCodes,
  };
}

/** A vote opened now on the server's clock, closing in a week (the Civil Code rulebook has no posting period). */
export async function openCityVote(server: TestServer, community: CityCommunity, title: string) {
  const options = { token: community.committee };
  const now = server.clock.now().getTime();
  const drafted = await ok(
    'draft',
    server.post<CommandAnswer<DraftResolution>>(
      `/api/v1/communities/${community.cid}/resolutions`,
      {
        title,
        description: '',
        matter: 'OTHER_MAJOR',
        opensAt: new Date(now).toISOString(),
        closesAt: new Date(now + 7 * DAY).toISOString(),
      },
      options,
    ),
  );
  const path = `/api/v1/communities/${community.cid}/resolutions/${drafted.id}`;
  await ok('post', server.post<CommandAnswer<PostResolution>>(`${path}/post`, undefined, options));
  await ok('open', server.post<CommandAnswer<OpenResolution>>(`${path}/open`, undefined, options));
  return { path, closesAt: now + 7 * DAY };
}

/** Every unit's representative votes on paper, in one request. */
export async function paperBallots(server: TestServer, community: CityCommunity, path: string): Promise<void> {
  const choices = ['FOR', 'FOR', 'AGAINST', 'ABSTAIN'];
  const ballots = community.representatives.map((ownerId, i) => ({
    ownerId,
    choice: choices[i % choices.length],
    evidenceSha256: 'e'.repeat(64),
  }));
  await ok('paper ballots', server.post<unknown>(`${path}/paper-ballots`, ballots, { token: community.committee }));
}

export async function bookIncome(server: TestServer, community: CityCommunity, n: number): Promise<void> {
  await ok(
    'income',
    server.post<unknown>(
      `/api/v1/communities/${community.cid}/public-revenue/income`,
      {
        amount: `${1000 + n}.50`,
        source: 'PARKING',
        description: `停车费 第${n + 1}期`,
        receivedAt: server.clock.now().toISOString(),
      },
      { token: community.committee },
    ),
  );
}

/**
 * A typical year of one community, as the bench counts it: its registration (once), two votes of every
 * unit by paper ballot, and four public-revenue incomes. The second vote is left open: the city's peak
 * closes them all at once.
 */
export async function typicalYear(server: TestServer, community: CityCommunity) {
  const first = await openCityVote(server, community, '年度维修计划');
  await paperBallots(server, community, first.path);
  for (let n = 0; n < 4; n++) await bookIncome(server, community, n);
  const second = await openCityVote(server, community, '停车管理办法');
  await paperBallots(server, community, second.path);
  return { toClose: [first.path], peak: second.path };
}

export { DAY };
