import autocannon from 'autocannon';
import type { Figure } from './support/report.js';
import { ADMIN, call, startBenchServer } from './support/bench-server.js';

const OWNERS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * Ballots/s over HTTP end to end (auth, validation, decide, append, receipt) against a bare route of
 * the same server, both with the same connections and duration, in the same run.
 */
export async function ballotsBench(): Promise<Figure> {
  const server = await startBenchServer();
  try {
    const admin = (await call(server.base, 'POST', '/api/v1/auth/token', ADMIN)).accessToken;
    const community = await call(server.base, 'POST', '/api/v1/communities', { name: '基准小区', district: '海淀区', rulebook: 'CN-CIVIL-CODE-2021' }, admin);
    const cid = community.id;
    const body = await call(server.base, 'POST', `/api/v1/communities/${cid}/managing-body`, { kind: 'PREPARATORY_GROUP', members: [{ name: '主任', login: 'bench-chair' }] }, admin);
    await call(server.base, 'POST', '/api/v1/auth/activate', { activationCode: body.activationCodes['bench-chair'], login: 'bench-chair', secret: 'bench-chair-secret' });
    const committee = (await call(server.base, 'POST', '/api/v1/auth/token', { login: 'bench-chair', secret: 'bench-chair-secret' })).accessToken;
    const ids = Array.from({ length: OWNERS }, (_, i) => `B${String(i).padStart(3, '0')}`);
    const owners = await call(server.base, 'POST', `/api/v1/communities/${cid}/owners`, ids.map((ownerId) => ({ ownerId, name: ownerId, kind: 'PERSON' })), committee);
    await call(server.base, 'POST', `/api/v1/communities/${cid}/units`, ids.map((id) => ({ unitId: `U${id}`, building: '1', areaM2: '90.00', ownerIds: [id] })), committee);
    const tokens: string[] = [];
    for (const id of ids) {
      await call(server.base, 'POST', '/api/v1/auth/activate', { activationCode: owners.activationCodes[id], login: `bench-${id}`, secret: `secret-${id}-bench` });
      tokens.push((await call(server.base, 'POST', '/api/v1/auth/token', { login: `bench-${id}`, secret: `secret-${id}-bench` })).accessToken);
    }
    const resolution = await call(
      server.base,
      'POST',
      `/api/v1/communities/${cid}/resolutions`,
      { title: '基准', description: '', matter: 'OTHER_MAJOR', opensAt: '2026-01-05T09:00:00+08:00', closesAt: '2026-12-31T09:00:00+08:00' },
      committee,
    );
    const path = `/api/v1/communities/${cid}/resolutions/${resolution.id}`;
    await call(server.base, 'POST', `${path}/post`, undefined, committee);
    await call(server.base, 'POST', `${path}/open`, undefined, committee);

    let n = 0;
    const choices = ['FOR', 'AGAINST', 'ABSTAIN'];
    const ballots = await run({
      url: `${server.base}${path}/ballots`,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const i = n++;
            return {
              ...request,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % OWNERS]}` },
              body: JSON.stringify({ choice: choices[i % 3] }),
            };
          },
        },
      ],
    });
    const bare = await run({ url: `${server.base}/health/live`, connections: CONNECTIONS, duration: SECONDS });
    if (ballots.non2xx > 0) throw new Error(`${ballots.non2xx} ballots were not accepted`);
    return {
      name: 'ballots over HTTP (auth, validation, append, receipt)',
      value: ballots.requests.average,
      unit: 'req/s',
      baseline: { name: 'bare route GET /health/live', value: bare.requests.average },
      ratio: ballots.requests.average / bare.requests.average,
      goal: '≥ 0.25× (issue 8)',
      details: {
        connections: CONNECTIONS,
        seconds: SECONDS,
        ballots: { p50ms: ballots.latency.p50, p99ms: ballots.latency.p99, total: ballots.requests.total },
        bare: { p50ms: bare.latency.p50, p99ms: bare.latency.p99, total: bare.requests.total },
      },
    };
  } finally {
    await server.stop();
  }
}
