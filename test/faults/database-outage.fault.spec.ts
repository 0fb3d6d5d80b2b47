import { mkdirSync, readFileSync } from 'node:fs';
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

const OWNERS = 20;
const OUTAGE_MS = 3_000;
/** A request not answered within this long counts as a hang. */
const HANG_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface HealthProbe {
  path: string;
  status: number | null;
  code?: string;
  sentAt: number;
  answeredAt: number;
}

async function waitFor(
  what: string,
  condition: () => boolean,
  timeoutMs = 30_000,
  circumstances: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}\n${circumstances()}`);
    await sleep(50);
  }
}

/** What a list of answers came to, by status and code (or the failure of an unanswered request). */
function summarise(answers: { status: number | null; code?: string; failure?: string; path?: string }[]): string {
  const counts = tally(
    answers.map((a) =>
      [a.path, a.status === null ? `no answer (${a.failure ?? '?'})` : `${a.status} ${a.code ?? ''}`.trim()]
        .filter(Boolean)
        .join(' '),
    ),
  );
  return [...counts].map(([s, n]) => `${s}: ${n}`).join(', ') || 'none';
}

describe('PostgreSQL stopped and started again under the server while owners vote', () => {
  const atEnd = stopsAfterAll();

  it('answers 503 SERVICE_UNAVAILABLE while it is down (live up, ready not), recovers without a restart, and loses no acknowledged ballot', async () => {
    // A PostgreSQL of this test's own, so that stopping it stops nobody else's tests.
    mkdirSync('test-results/faults-logs', { recursive: true });
    const postgres = await startThrowawayPostgres({
      logFile: `test-results/faults-logs/database-outage-postgres-${process.pid}.log`,
    });
    atEnd(() => postgres.stop());
    const database = await createTestDatabase('fault_database_outage', postgres.url);
    const server = await ServerProcess.start(database.url, 'database-outage', { env: { LOG_LEVEL: 'info' } });
    atEnd(() => server.kill());
    const probe = new StoreProbe(database.url);
    atEnd(() => probe.close());
    const vote = await openVoteWithOwners(server, OWNERS, '停库小区');
    const api = server;

    let running = true;
    const casts: Cast[] = [];
    const health: HealthProbe[] = [];
    const voter = async (i: number) => {
      for (let n = 0; running; n++) {
        const cast = await castBallot(
          api,
          vote,
          vote.owners[i],
          CHOICES[(i + n) % CHOICES.length],
          `outage-${vote.owners[i].ownerId}-${n}`,
          HANG_MS,
        );
        casts.push(cast);
        if (cast.status !== 201) await sleep(100);
      }
    };
    const prober = async (path: string) => {
      while (running) {
        const sentAt = Date.now();
        const answer = await api.get(path, { signal: AbortSignal.timeout(HANG_MS) }).catch(() => null);
        health.push({ path, status: answer?.status ?? null, code: answer?.body?.code, sentAt, answeredAt: Date.now() });
        await sleep(100);
      }
    };
    const load = Promise.all([
      ...vote.owners.map((_, i) => voter(i)),
      prober('/health/live'),
      prober('/health/ready'),
      prober(vote.path),
    ]);
    const acknowledged = () => casts.filter((c) => c.status === 201).length;

    await waitFor('ballots before the outage', () => acknowledged() >= 40);
    const stoppingAt = Date.now();
    await postgres.pause();
    const downAt = Date.now();
    await sleep(OUTAGE_MS);
    const startingAt = Date.now();
    await postgres.resume();
    const upAt = Date.now();
    // Should recovery not come, the failure says what the server answered since, and what it logged.
    const sinceUp = () =>
      [
        `server process ${server.running ? 'running' : 'dead'}`,
        `ballots since PostgreSQL is back: ${summarise(casts.filter((c) => c.sentAt >= upAt))}`,
        `health since PostgreSQL is back: ${summarise(health.filter((h) => h.sentAt >= upAt))}`,
        `the server's log, last lines:\n${server.log().split('\n').slice(-40).join('\n')}`,
        `PostgreSQL's log, last lines:\n${readFileSync(postgres.logFile!, 'utf8').split('\n').slice(-30).join('\n')}`,
      ].join('\n');
    try {
      await waitFor(
        'a ballot acknowledged after PostgreSQL is back',
        () => casts.some((c) => c.status === 201 && c.sentAt >= upAt),
        30_000,
        sinceUp,
      );
      await waitFor(
        '/health/ready after PostgreSQL is back',
        () => health.some((h) => h.path === '/health/ready' && h.status === 200 && h.sentAt >= upAt),
        30_000,
        sinceUp,
      );
    } catch (error) {
      running = false; // the owners stop, so the worker can end
      await load;
      throw error;
    }
    const recoveredAt = Math.min(...casts.filter((c) => c.status === 201 && c.sentAt >= upAt).map((c) => c.answeredAt));
    const readyAt = Math.min(
      ...health
        .filter((h) => h.path === '/health/ready' && h.status === 200 && h.sentAt >= upAt)
        .map((h) => h.answeredAt),
    );
    await sleep(1_000);
    running = false;
    await load;

    // While it was wholly down: sent after the stop finished, answered before the start began.
    const whileDown = <T extends { sentAt: number; answeredAt: number }>(xs: T[]) =>
      xs.filter((x) => x.sentAt >= downAt && x.answeredAt <= startingAt);
    const acked = casts.filter((c) => c.status === 201);
    const refused = casts.filter((c) => c.status === 503);
    const statuses = tally(
      casts.map((c) => (c.status === null ? `no answer (${c.failure})` : `${c.status} ${c.code ?? ''}`.trim())),
    );
    const downCasts = whileDown(casts);
    const downReady = whileDown(health.filter((h) => h.path === '/health/ready'));
    const live = health.filter((h) => h.path === '/health/live');
    const reads = health.filter((h) => h.path === vote.path);

    await nameAsTheServer(casts, vote, probe.idempotencyWindows);
    const head = await probe.head();
    const record = await quorumRecord(server, vote, head);
    const stored = await probe.ballots(vote.streamId);
    const storedIds = new Set(stored.map((b) => b.eventId));
    const inRecord = tally(record.ballots.map((b) => b.eventId));
    const ackedFound = acked.filter((c) => storedIds.has(c.eventId) && inRecord.get(c.eventId) === 1);
    const refusedButStored = refused.filter((c) => storedIds.has(c.eventId));
    const lockHolders = await probe.runnerLockHolders();
    const checkpoint = await probe.checkpoint();

    proved({
      'owners casting': OWNERS,
      'ballots sent': casts.length,
      'acknowledged (201)': acked.length,
      'acknowledged and found, counted once': ackedFound.length,
      'answered 503': refused.length,
      'answered 503 yet stored (an answer lost with the connection)': refusedButStored.length,
      'answers by status': [...statuses].map(([s, n]) => `${s}: ${n}`).join(', '),
      'ballots sent and answered while PostgreSQL was down': downCasts.length,
      '  of which 503 SERVICE_UNAVAILABLE': downCasts.filter(
        (c) => c.status === 503 && c.code === 'SERVICE_UNAVAILABLE',
      ).length,
      '/health/ready while down: 503 NOT_READY': `${downReady.filter((h) => h.status === 503 && h.code === 'NOT_READY').length} of ${downReady.length}`,
      '/health/live answered 200': `${live.filter((h) => h.status === 200).length} of ${live.length}`,
      'reads of the resolution, by status': [...tally(reads.map((h) => `${h.status} ${h.code ?? ''}`.trim()))]
        .map(([s, n]) => `${s}: ${n}`)
        .join(', '),
      'PostgreSQL stopping (ms)': downAt - stoppingAt,
      'PostgreSQL down, stop to started (ms)': upAt - stoppingAt,
      'PostgreSQL started to first 201 (ms)': recoveredAt - upAt,
      'PostgreSQL started to ready (ms)': readyAt - upAt,
      'server process restarted': server.running ? 'no' : 'it died',
      'projection runner locks held after': lockHolders.length,
      'read models behind the store after': String(head - checkpoint),
    });

    expect(server.running).toBe(true);
    expect(casts.filter((c) => c.status === null).map((c) => c.failure)).toEqual([]);
    expect(casts.filter((c) => c.status !== 201 && c.status !== 503).map((c) => `${c.status} ${c.code}`)).toEqual([]);
    expect(refused.every((c) => c.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    expect(downCasts.length).toBeGreaterThan(0);
    expect(downCasts.every((c) => c.status === 503)).toBe(true);
    expect(live.every((h) => h.status === 200)).toBe(true);
    expect(
      reads
        .filter((h) => h.status !== 200 && !(h.status === 503 && h.code === 'SERVICE_UNAVAILABLE'))
        .map((h) => `${h.status} ${h.code}`),
    ).toEqual([]);
    expect(downReady.length).toBeGreaterThan(0);
    expect(downReady.every((h) => h.status === 503 && h.code === 'NOT_READY')).toBe(true);
    expect(ackedFound).toHaveLength(acked.length);
    expect(record.ballots).toHaveLength(stored.length);
    expect(lockHolders).toHaveLength(1);
    expect(checkpoint).toBe(head);
  });
});
