import pg from 'pg';
import type { TestServer } from '../test/support/test-server.js';
import type { ResolutionClosed } from './support/bench-server.js';
import { ok } from './support/bench-server.js';
import {
  adminToken,
  bookIncome,
  type CityCommunity,
  cityCommunity,
  DAY,
  openCityVote,
  paperBallots,
  ROSTER_SIZE,
  SCALE,
  typicalYear,
} from './support/city.js';
import { costChart } from './support/cost-chart.js';
import { alternate, progress, timed } from './support/measure.js';
import { contextFigure, figure, type Figure } from './support/report.js';

/** The goal: each operation in a city costs at most 1.2× the same with one community. */
const FLAT = { ratio: 1.2, direction: 'below', source: 'issue 17' } as const;
const STREETS_PER_DISTRICT = 10;
const COMMUNITIES_PER_STREET = 20;
const BUILDERS = 4;

type Operation = 'ballot' | 'closeAndTally' | 'ledgerPage' | 'districtView' | 'export';
const OPERATIONS: Record<Operation, string> = {
  ballot: 'a ballot appended (online, HTTP)',
  closeAndTally: 'a vote closed and tallied',
  ledgerPage: 'a public ledger page (public revenue)',
  districtView: "a street office's view of its street",
  export: "a community's export bundle",
};

/** Milliseconds of each operation on a fresh probe community in the city of `communities`, and on a lone one. */
type Point = { communities: number } & Record<Operation, { city: number; solo: number }>;

/** The steps at which the probe is measured: 1, 3, 10, 30, 100… below the whole city, then the whole city. */
export function cityScaleSteps(communities: number): number[] {
  const steps = [1];
  for (let decade = 1; decade < communities; decade *= 10)
    for (const n of [3 * decade, 10 * decade]) if (n < communities) steps.push(n);
  if (communities > 1) steps.push(communities);
  return steps;
}

/**
 * Figure 6: the city. Communities of 蓟门里's roster scaled 1:100 are added to one server; at 1, 10,
 * 100… and all of them, a fresh probe community of the same shape is measured, so each figure is the
 * same operation on the same-sized community with one community and with the whole city. Then: the
 * bytes the store holds per community-year, and the projection lag when every community's vote closes at once.
 */
export async function cityBench(
  server: TestServer,
  loneServer: (step: number) => Promise<TestServer>,
  communities: number,
): Promise<Figure[]> {
  const admin = await adminToken(server);
  const steps = cityScaleSteps(communities);
  progress(
    `  ${communities} communities of ${ROSTER_SIZE.units} units / ${ROSTER_SIZE.owners} owners (蓟门里 1:${SCALE}); probes at ${steps.join(', ')}`,
  );
  const city: { community: CityCommunity; peak: string }[] = [];
  const points: Point[] = [];
  let probes = 0;
  let grownBytes = 0;
  for (const step of steps) {
    // The probes count among the communities: the city has `step` communities when measured.
    const before = await databaseBytes(server.databaseUrl);
    await grow(server, admin, city, step - 1 - probes - city.length);
    grownBytes += (await databaseBytes(server.databaseUrl)) - before;
    const cityProbe = await readyProbe(server, ++probes);
    // Measured once the read models have taken in the growth: a backlog being applied is not the city's steady cost.
    await caughtUp(server, admin);
    // The lone community: a server of its own on a fresh database, holding that one community only.
    const lone = await loneServer(step);
    try {
      points.push(await measureStep(step, cityProbe, await readyProbe(lone, 1)));
    } finally {
      await lone.stop();
    }
    progress(`  ${step} communities: ${OPERATIONS_LINE(points[points.length - 1])}`);
  }
  const grown = city.length;

  const { lagMs, closesMs, closed, aloneLagMs } = await peakLag(server, admin, city);

  const chart = costChart(
    points.map((p) => ({
      x: p.communities,
      values: Object.fromEntries((Object.keys(OPERATIONS) as Operation[]).map((op) => [op, p[op].city / p[op].solo])),
    })),
    OPERATIONS,
    'bench/results/city-cost.svg',
  );
  const all = points[points.length - 1];
  const ratios = (Object.keys(OPERATIONS) as Operation[]).map((op, i) =>
    figure({
      id: `6${'abcde'[i]}`,
      name: `city: ${OPERATIONS[op]}, ${all.communities.toLocaleString('en')} communities`,
      value: all[op].city,
      unit: 'ms',
      baseline: { name: 'the same on a server with 1 community', value: all[op].solo },
      goal: FLAT,
      details: { points: points.map((p) => ({ communities: p.communities, ...p[op] })), chart },
    }),
  );
  const peak = figure({
    id: '6f',
    name: `city peak: read models caught up after ${closed.toLocaleString('en')} votes closed at once`,
    value: lagMs,
    unit: 'ms',
    baseline: { name: 'after one vote closed alone', value: aloneLagMs },
    goal: null,
    notes: { measured: `the closes took ${Math.round(closesMs)} ms in all` },
  });
  const perYear = grownBytes / Math.max(1, grown);
  const bytes = contextFigure({
    id: '6g',
    name: 'bytes stored per community per typical year (registration, 2 votes, 4 incomes)',
    value: perYear,
    unit: 'bytes',
    baseline: { name: `database growth over ${grown} communities`, value: grownBytes },
  });
  return [...ratios, peak, bytes];
}

/**
 * Every community's open vote closes at once (16 at a time), then the time until the read models have
 * taken in the last close; against the same for one vote closing alone on the quiet server.
 */
async function peakLag(server: TestServer, admin: string, city: { community: CityCommunity; peak: string }[]) {
  server.clock.advance(8 * DAY);
  const closing = performance.now();
  const positions: bigint[] = [];
  for (let i = 0; i < city.length; i += 16)
    positions.push(
      ...(await Promise.all(
        city.slice(i, i + 16).map(async ({ community, peak }) => {
          const closed = await ok(
            'peak close',
            server.post<ResolutionClosed>(`${peak}/close`, undefined, { token: community.committee }),
          );
          return BigInt(closed.position);
        }),
      )),
    );
  const closesMs = performance.now() - closing;
  const last = positions.reduce((a, b) => (a > b ? a : b), 0n);
  const lagMs = city.length
    ? await timed(() => ok('caught up', server.get<unknown>(`${city[0].peak}?after=${last}`, { token: admin })))
    : 0;

  const alone = await cityCommunity(server, admin, '单独表决小区', 'probe district', 'lag street');
  const vote = await openCityVote(server, alone, '单独表决');
  await paperBallots(server, alone, vote.path);
  server.clock.advance(8 * DAY);
  const closed = await ok(
    'close',
    server.post<ResolutionClosed>(`${vote.path}/close`, undefined, { token: alone.committee }),
  );
  const aloneLagMs = await timed(() =>
    ok('caught up', server.get<unknown>(`${vote.path}?after=${closed.position}`, { token: admin })),
  );
  return { lagMs, closesMs, closed: positions.length, aloneLagMs };
}

const OPERATIONS_LINE = (p: Point) =>
  (Object.keys(OPERATIONS) as Operation[])
    .map((op) => `${op} ${p[op].city.toFixed(1)} vs ${p[op].solo.toFixed(1)} ms`)
    .join(', ');

/** Adds `count` communities, each with a typical year, BUILDERS at a time; their last votes stay open. */
async function grow(
  server: TestServer,
  admin: string,
  city: { community: CityCommunity; peak: string }[],
  count: number,
): Promise<void> {
  let next = 0;
  const toClose: { community: CityCommunity; path: string }[] = [];
  await Promise.all(
    Array.from({ length: BUILDERS }, async () => {
      while (next < count) {
        const n = city.length + next++;
        const district = `区${Math.floor(n / (STREETS_PER_DISTRICT * COMMUNITIES_PER_STREET))}`;
        const street = `街道${Math.floor(n / COMMUNITIES_PER_STREET)}`;
        const community = await cityCommunity(server, admin, `小区${n}`, district, street);
        const year = await typicalYear(server, community);
        city.push({ community, peak: year.peak });
        toClose.push(...year.toClose.map((path) => ({ community, path })));
      }
    }),
  );
  if (!toClose.length) return;
  server.clock.advance(8 * DAY);
  for (let i = 0; i < toClose.length; i += BUILDERS)
    await Promise.all(
      toClose
        .slice(i, i + BUILDERS)
        .map(({ community, path }) =>
          ok('close', server.post<unknown>(`${path}/close`, undefined, { token: community.committee })),
        ),
    );
}

/** A fresh community of the same shape, alone in a street of its own, readied for every operation. */
async function readyProbe(server: TestServer, n: number) {
  const admin = await adminToken(server);
  const community = await cityCommunity(server, admin, `探针${n}`, 'probe district', `probe street ${n}`);
  const owners = await Promise.all(
    community.representatives
      .slice(0, 4)
      .map((ownerId) =>
        server.activateAndSignIn(
          community.activationCodes[ownerId],
          `${ownerId.toLowerCase()}-${community.cid.slice(0, 13)}`,
        ),
      ),
  );
  const ballotVote = await openCityVote(server, community, '电梯更换');
  const toClose: string[] = [];
  for (let i = 0; i < CLOSES + 1; i++) {
    const vote = await openCityVote(server, community, `表决${i}`);
    await paperBallots(server, community, vote.path);
    toClose.push(vote.path);
  }
  for (let i = 0; i < 20; i++) await bookIncome(server, community, i);
  let ballots = 0;
  const cid = community.cid;
  const committee = { token: community.committee };
  return {
    server,
    ballot: () =>
      ok(
        'ballot',
        server.post<unknown>(
          `${ballotVote.path}/ballots`,
          { choice: ballots % 2 ? 'FOR' : 'AGAINST' },
          { token: owners[ballots++ % owners.length] },
        ),
      ),
    closeAndTally: () => ok('close', server.post<unknown>(`${toClose.shift()!}/close`, undefined, committee)),
    ledgerPage: () => ok('ledger page', server.get<unknown>(`/api/v1/communities/${cid}/public-revenue?limit=10`)),
    districtView: () =>
      ok(
        'district view',
        server.get<unknown>(
          `/api/v1/regulator/communities?district=${encodeURIComponent(community.district)}&street=${encodeURIComponent(community.street)}`,
          { token: admin },
        ),
      ),
    // NDJSON, read as text: the whole bundle crosses the wire as a verifier would fetch it.
    export: async () => {
      const answer = await fetch(`${server.baseUrl}/api/v1/communities/${cid}/export`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      if (answer.status !== 200) throw new Error(`export: ${answer.status} ${await answer.text()}`);
      return answer.text();
    },
  };
}

type Probe = Awaited<ReturnType<typeof readyProbe>>;
const CLOSES = 5;
const RUNS: Record<Operation, number> = {
  ballot: 40,
  closeAndTally: CLOSES,
  ledgerPage: 40,
  districtView: 40,
  // An export takes some 25 ms, where a pause of the server or PostgreSQL moves one run by as much: more runs.
  export: 25,
};

/**
 * Each operation on the city's probe and on the lone community's, alternately (measure.ts alternate),
 * so that the machine's other load weighs on both alike; the first run of each side warms it and is not counted.
 */
async function measureStep(communities: number, city: Probe, solo: Probe): Promise<Point> {
  const point = { communities } as Point;
  for (const op of Object.keys(OPERATIONS) as Operation[]) {
    if (op === 'closeAndTally') {
      // Past every probe vote's close; the ballots are all in.
      city.server.clock.advance(8 * DAY);
      solo.server.clock.advance(8 * DAY);
    }
    await city[op]();
    await solo[op]();
    const { a, b } = await alternate(RUNS[op], city[op], solo[op]);
    point[op] = { city: a, solo: b };
  }
  return point;
}

/** Waits (API.md ?after=) until the read models have reached the store's last event. */
async function caughtUp(server: TestServer, admin: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ head: string }>(
      'SELECT coalesce(max(position), 0)::text AS head FROM events',
    );
    await ok('caught up', server.get<unknown>(`/api/v1/regulator/communities?after=${rows[0].head}`, { token: admin }));
  } finally {
    await client.end();
  }
}

/** All the database holds, tables and indexes and TOAST: what a deployment pays for in disk. */
async function databaseBytes(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
    const { rows } = await client.query<{ bytes: string }>(
      'SELECT pg_database_size(current_database())::text AS bytes',
    );
    return Number(rows[0].bytes);
  } finally {
    await client.end();
  }
}
