import autocannon from 'autocannon';
import type { RegisterOwners } from '../src/registry/commands/register-owners.js';
import type { RegisterUnits } from '../src/registry/commands/register-units.js';
import { type CommandAnswer, communityWithCommittee, type TestServer } from '../test/support/test-server.js';
import { ok, openVote } from './support/bench-server.js';
import { loadFromChild } from './support/load-generator.js';
import { median } from './support/measure.js';
import { profiled } from './support/profile.js';
import { figure, type Figure } from './support/report.js';

const OWNERS = 64;
const CONNECTIONS = 32;
/** Each side runs ROUNDS slices of SLICE seconds, taking turns (see interleaved in support/measure.ts). */
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 5);
const SLICE = Number(process.env.BENCH_HTTP_SLICE ?? 2);

interface Load {
  total: number;
  seconds: number;
  perSecond: number;
  /** Medians over the slices. */
  p50ms: number;
  p99ms: number;
  non2xx: number;
  errors: number;
  /** The server process's CPU time per request: its cost, however busy the rest of the machine is. */
  serverCpuUsPerRequest: number;
}

async function measured(options: autocannon.Options): Promise<autocannon.Result & { cpuUs: number }> {
  const before = process.cpuUsage();
  const result = await loadFromChild({ ...options, connections: CONNECTIONS, duration: SLICE });
  const { user, system } = process.cpuUsage(before);
  return { ...result, cpuUs: user + system };
}

async function turns(
  rounds: number,
  loads: { bare: autocannon.Options; ballots: autocannon.Options },
): Promise<{ bare: Load; ballots: Load }> {
  type Slice = Awaited<ReturnType<typeof measured>>;
  const results = { bare: [] as Slice[], ballots: [] as Slice[] };
  for (let i = 0; i < rounds; i++) {
    results.bare.push(await measured(loads.bare));
    results.ballots.push(await profiled(`ballots-${i + 1}`, () => measured(loads.ballots)));
  }
  const sum = (rs: Slice[], f: (r: Slice) => number) => rs.reduce((n, r) => n + f(r), 0);
  const load = (rs: Slice[]): Load => {
    const total = sum(rs, (r) => r.requests.total);
    const seconds = sum(rs, (r) => r.duration);
    return {
      total,
      seconds,
      perSecond: total / seconds,
      p50ms: median(rs.map((r) => r.latency.p50)),
      p99ms: median(rs.map((r) => r.latency.p99)),
      non2xx: sum(rs, (r) => r.non2xx),
      errors: sum(rs, (r) => r.errors),
      serverCpuUsPerRequest: sum(rs, (r) => r.cpuUs) / total,
    };
  };
  return { bare: load(results.bare), ballots: load(results.ballots) };
}

/**
 * Figure 2: ballots/s over HTTP end to end (auth, validation, decide, append, receipt) against the
 * bare route of the same server, both with the same connections and duration, in the same run. All
 * ballots go to one open vote, one stream: the last evening of a vote. The two take turns in short
 * slices, the bare route first, once the projections have caught up with the setup; the load comes
 * from a child process, so the server's CPU time per request is its own (details).
 */
export async function ballotsBench(server: TestServer): Promise<{ figure: Figure; cid: string; ballots: number }> {
  const { communityId: cid, committee } = await communityWithCommittee(server, '基准小区', 'CN-CIVIL-CODE-2021');
  const ids = Array.from({ length: OWNERS }, (_, i) => `B${String(i).padStart(3, '0')}`);
  const registered = server.post<CommandAnswer<RegisterOwners>>(
    `/api/v1/communities/${cid}/owners`,
    ids.map((ownerId) => ({ ownerId, name: ownerId, kind: 'PERSON' })),
    { token: committee },
  );
  const owners = await ok('owners', registered);
  await ok(
    'units',
    server.post<CommandAnswer<RegisterUnits>>(
      `/api/v1/communities/${cid}/units`,
      ids.map((id) => ({ unitId: `U${id}`, building: '1', areaM2: '90.00', ownerIds: [id] })),
      { token: committee },
    ),
  );
  const tokens: string[] = [];
  for (const id of ids) tokens.push(await server.activateAndSignIn(owners.activationCodes[id], `bench-${id}`));
  const { path, opened } = await openVote(server, cid, committee, '基准');
  await ok(
    'caught up',
    server.get<unknown>(`/api/v1/communities/${cid}?after=${opened.position}`, { token: committee }),
  );

  // One request per owner, each connection going round them: plain data, as a worker thread needs.
  const choices = ['FOR', 'AGAINST', 'ABSTAIN'];
  const requests = tokens.map((token, i) => ({
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ choice: choices[i % 3] }),
  }));
  const { bare, ballots } = await turns(ROUNDS, {
    bare: { url: `${server.baseUrl}/health/live` },
    ballots: { url: `${server.baseUrl}${path}/ballots`, requests },
  });
  if (ballots.non2xx > 0 || ballots.errors > 0)
    throw new Error(`${ballots.non2xx} ballots were refused and ${ballots.errors} failed`);
  const latency = (r: Load) => `p50 ${r.p50ms} ms, p99 ${r.p99ms} ms`;
  return {
    cid,
    ballots: ballots.total,
    figure: figure({
      id: '2',
      name: `ballots over HTTP (auth, validation, append, receipt), ${CONNECTIONS} connections`,
      value: ballots.perSecond,
      unit: 'req/s',
      baseline: { name: 'bare route GET /health/live', value: bare.perSecond },
      goal: { ratio: 0.4, direction: 'at least', source: 'issue 17' },
      notes: { measured: latency(ballots), baseline: latency(bare) },
      details: { connections: CONNECTIONS, rounds: ROUNDS, sliceSeconds: SLICE, ballots, bare },
    }),
  };
}
