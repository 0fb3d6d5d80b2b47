import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase } from '../support/database.js';
import { startThrowawayPostgres } from '../support/global-setup.js';
import {
  type Cast,
  castBallot,
  CHOICES,
  nameAsTheServer,
  openVoteWithOwners,
  quorumRecord,
  tally,
} from './support/ballots.js';
import { stopsAfterAll } from './support/at-end.js';
import { proved } from './support/figures.js';
import { ServerProcess } from './support/server-process.js';
import { StoreProbe } from './support/store-probe.js';

const OWNERS = 6;
/** The server's bounds, short for the test: the longest wait is a connection, then a query, each bounded. */
const TIMEOUTS = {
  GONGZHI_DB_STATEMENT_TIMEOUT_MS: '1000',
  GONGZHI_DB_QUERY_TIMEOUT_MS: '2000',
  GONGZHI_DB_CONNECT_TIMEOUT_MS: '2000',
};
/** Every request must be answered within this while PostgreSQL hangs: the bounds above, with room. */
const ANSWER_WITHIN_MS = 7_000;
/** How long PostgreSQL hangs. */
const HUNG_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The postmaster (from postmaster.pid) and every process it forked: the whole PostgreSQL server. */
function postgresProcesses(dataDir: string): number[] {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let children: number[] = [];
  try {
    children = execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    // pgrep exits 1 when there are none.
  }
  return [postmaster, ...children];
}

const signal = (pids: number[], name: NodeJS.Signals) => pids.forEach((pid) => process.kill(pid, name));

interface Answer {
  what: string;
  status: number | null;
  code?: string;
  ms: number;
}

describe('PostgreSQL hung (SIGSTOP) under the server', () => {
  const atEnd = stopsAfterAll();

  it('answers a read and a write 503 SERVICE_UNAVAILABLE within the configured timeouts, recovers after SIGCONT, and loses no acknowledged ballot', async () => {
    // A PostgreSQL of this test's own: stopping it stops nobody else's tests.
    const postgres = await startThrowawayPostgres();
    atEnd(() => postgres.stop());
    const database = await createTestDatabase('fault_hung_database', postgres.url);
    const server = await ServerProcess.start(database.url, 'hung-database', { env: TIMEOUTS });
    atEnd(() => server.kill());
    const vote = await openVoteWithOwners(server, OWNERS, '挂起小区');

    const casts: Cast[] = [];
    for (const [i, owner] of vote.owners.entries())
      casts.push(await castBallot(server, vote, owner, CHOICES[i % CHOICES.length], `hung-before-${owner.ownerId}`));
    expect(casts.map((c) => c.status)).toEqual(vote.owners.map(() => 201));

    const answers: Answer[] = [];
    const timed = async (what: string, request: () => Promise<{ status: number | null; code?: string }>) => {
      const started = Date.now();
      const answer = await request();
      answers.push({ what, status: answer.status, code: answer.code, ms: Date.now() - started });
    };
    const read = () =>
      server
        .get(vote.path, { token: vote.committee, signal: AbortSignal.timeout(ANSWER_WITHIN_MS * 3) })
        .then((a) => ({ status: a.status, code: a.body?.code }));
    const ready = () =>
      server
        .get('/health/ready', { signal: AbortSignal.timeout(ANSWER_WITHIN_MS * 3) })
        .then((a) => ({ status: a.status, code: a.body?.code }));
    const live = () =>
      server.get('/health/live', { signal: AbortSignal.timeout(1_000) }).then((a) => ({ status: a.status }));
    const write = (n: number) => async () => {
      const cast = await castBallot(
        server,
        vote,
        vote.owners[n % OWNERS],
        CHOICES[(n + 1) % CHOICES.length],
        `hung-during-${n}`,
        ANSWER_WITHIN_MS * 3,
      );
      casts.push(cast);
      return cast;
    };

    const pids = postgresProcesses(postgres.dataDir);
    let hungFor: number;
    signal(pids, 'SIGSTOP');
    const stoppedAt = Date.now();
    try {
      // Twice over: first on connections the pools hold (query timeout), then with every pooled one stuck (connect timeout).
      for (let round = 0; round < 2; round++) {
        await Promise.all([
          timed('read', read),
          timed('write', write(round * 2)),
          timed('write', write(round * 2 + 1)),
          timed('ready', ready),
          timed('live', live),
        ]);
      }
      await sleep(Math.max(0, HUNG_MS - (Date.now() - stoppedAt)));
    } finally {
      // Whatever failed above, PostgreSQL must not stay stopped: other stops (afterAll) need it answering.
      signal(pids, 'SIGCONT');
      hungFor = Date.now() - stoppedAt;
    }
    const resumedAt = Date.now();

    // Recovery: the same server, no restart, takes ballots and is ready again.
    let recovered: Cast | null = null;
    for (let n = 0; !recovered && Date.now() - resumedAt < 30_000; n++) {
      const cast = await write(100 + n)();
      if (cast.status === 201) recovered = cast;
      else await sleep(200);
    }
    let readyAgain = false;
    while (!readyAgain && Date.now() - resumedAt < 30_000) {
      readyAgain = (await ready()).status === 200;
      if (!readyAgain) await sleep(200);
    }

    const probe = new StoreProbe(database.url);
    atEnd(() => probe.close());
    // Each ballot's event id as the server named it (its key and the key's window).
    await nameAsTheServer(casts, vote, probe.idempotencyWindows);
    const head = await probe.head();
    const record = await quorumRecord(server, vote, head);
    const stored = new Set((await probe.ballots(vote.streamId)).map((b) => b.eventId));
    const inRecord = tally(record.ballots.map((b) => b.eventId));
    const acked = casts.filter((c) => c.status === 201);
    const during = answers.filter((a) => a.what !== 'live');

    proved({
      'PostgreSQL stopped (SIGSTOP), ms': hungFor,
      'PostgreSQL processes stopped': pids.length,
      'requests while hung': during.length,
      '  answered 503 SERVICE_UNAVAILABLE / NOT_READY': during.filter((a) => a.status === 503).length,
      '  slowest answer (ms)': Math.max(...during.map((a) => a.ms)),
      '  answers by status': [...tally(during.map((a) => `${a.what} ${a.status} ${a.code ?? ''}`.trim()))]
        .map(([s, n]) => `${s}: ${n}`)
        .join(', '),
      '/health/live while hung, slowest (ms)': Math.max(...answers.filter((a) => a.what === 'live').map((a) => a.ms)),
      'first 201 after SIGCONT (ms)': recovered ? recovered.answeredAt - resumedAt : 'none',
      'acknowledged ballots': acked.length,
      'acknowledged and found, counted once': acked.filter(
        (c) => stored.has(c.eventId) && inRecord.get(c.eventId) === 1,
      ).length,
    });

    expect(server.running).toBe(true);
    expect(
      during.filter((a) => a.what === 'read' || a.what === 'write').map((a) => `${a.what} ${a.status} ${a.code}`),
    ).toEqual(
      during.filter((a) => a.what === 'read' || a.what === 'write').map((a) => `${a.what} 503 SERVICE_UNAVAILABLE`),
    );
    expect(during.filter((a) => a.what === 'ready').map((a) => `${a.status} ${a.code}`)).toEqual([
      '503 NOT_READY',
      '503 NOT_READY',
    ]);
    for (const answer of during) expect(answer.ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(answers.filter((a) => a.what === 'live').map((a) => a.status)).toEqual([200, 200]);
    expect(recovered?.status).toBe(201);
    expect(readyAgain).toBe(true);
    expect(acked.filter((c) => !(stored.has(c.eventId) && inRecord.get(c.eventId) === 1)).map((c) => c.key)).toEqual(
      [],
    );
    expect(record.ballots).toHaveLength(stored.size);
  });
});
