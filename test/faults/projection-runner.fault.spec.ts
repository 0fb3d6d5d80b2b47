import { createTestDatabase } from '../support/database.js';
import { jimenliOwners, jimenliUnits, jimenliUnitsCsv } from '../support/jimenli.js';
import { communityWithCommittee } from '../support/test-server.js';
import { CHOICES, openVote } from './support/ballots.js';
import { stopsAfterAll } from './support/at-end.js';
import { proved } from './support/figures.js';
import { ServerProcess, startCli } from './support/server-process.js';
import { StoreProbe } from './support/store-probe.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** No timer-signed transparency checkpoint during the test: only the projection's own, which a replay meets again. */
const QUIET_SCHEDULER = { GONGZHI_CHECKPOINT_SECONDS: '86400' };
/** When the projection applied a leaf: a clock reading, not a fact of the events. */
const CLOCK_COLUMNS = { log_heads: ['first_unsigned_at'] };

async function untilCheckpoint(probe: StoreProbe, position: bigint, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await probe.checkpoint()) < position) {
    if (Date.now() > deadline) throw new Error(`the read models did not reach ${position} within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** A batch open this long is well into applying its events (hundreds of them take far longer). */
const INTO_THE_BATCH_MS = 20;
/** A rebuild's one transaction open this long is well past emptying the tables, into the replay. */
const INTO_THE_REBUILD_MS = 300;

/**
 * Waits until a batch has been applied for a while (its transaction holds the checkpoint row) while the
 * committed checkpoint lies strictly between `after` and `head`, and kill -9s the process applying it there.
 * Answers the checkpoint just before the kill and once PostgreSQL has rolled the killed session back.
 */
async function killMidBatch(
  probe: StoreProbe,
  victim: { kill(): Promise<void>; running: boolean },
  after: bigint,
  head: bigint,
) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!victim.running || Date.now() > deadline)
      throw new Error('no batch was caught in flight: the process ended or took too long');
    const batch = await probe.batchInFlight();
    const committed = await probe.checkpoint();
    if (batch && batch.openMs >= INTO_THE_BATCH_MS && committed > after && committed < head) {
      await victim.kill();
      while (await probe.backendAlive(batch.pid)) await sleep(20);
      const checkpointAfterKill = await probe.checkpoint();
      return {
        batchOpenMs: batch.openMs,
        committedBeforeKill: committed,
        checkpointAfterKill,
        appliedAtKill: await probe.eventCount(checkpointAfterKill),
      };
    }
    await sleep(2);
  }
}

/** Kill -9s a rebuild once its transaction has been open a while; answers the checkpoint after PostgreSQL rolled it back. */
async function killRebuild(probe: StoreProbe, rebuild: { kill(): Promise<void>; running: boolean }) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!rebuild.running || Date.now() > deadline)
      throw new Error('the rebuild was not caught in flight: it ended or took too long');
    const open = await probe.batchInFlight();
    if (open && open.openMs >= INTO_THE_REBUILD_MS) {
      await rebuild.kill();
      while (await probe.backendAlive(open.pid)) await sleep(20);
      return { openMs: open.openMs, checkpointAfterKill: await probe.checkpoint() };
    }
    await sleep(2);
  }
}

function differences(
  a: Map<string, { rows: number; digest: string }>,
  b: Map<string, { rows: number; digest: string }>,
): string[] {
  const tables = [...new Set([...a.keys(), ...b.keys()])];
  return tables
    .filter((t) => a.get(t)?.digest !== b.get(t)?.digest)
    .map((t) => `${t}: ${a.get(t)?.rows} rows vs ${b.get(t)?.rows}`);
}

describe('the projection runner under faults', () => {
  const atEnd = stopsAfterAll();

  it('applies nothing twice when the server is killed -9 mid-batch, and a rebuild killed -9 mid-way leaves the read models as they were: they equal a rebuild from zero', async () => {
    const database = await createTestDatabase('fault_projection_crash');
    atEnd(() => database.drop());
    let server = await ServerProcess.start(database.url, 'projection-crash', { env: QUIET_SCHEDULER });
    atEnd(() => server.kill());
    const probe = new StoreProbe(database.url);
    atEnd(() => probe.close());

    // A backlog worth batches: the 3,100-unit roster, a vote that freezes it, and a paper ballot of
    // every representative but each tenth, entered a thousand to a request.
    const { communityId, committee } = await communityWithCommittee(server, '蓟门里', 'CN-CIVIL-CODE-2021');
    expect(
      (await server.post(`/api/v1/communities/${communityId}/owners`, jimenliOwners(), { token: committee })).status,
    ).toBe(201);
    const imported = await server.request('POST', `/api/v1/communities/${communityId}/units:import`, {
      token: committee,
      raw: { contentType: 'text/csv', text: jimenliUnitsCsv() },
    });
    expect(imported.status).toBe(201);
    const vote = await openVote(server, communityId, committee);
    const before = await probe.head();
    await untilCheckpoint(probe, before);
    await server.stop();

    // The ballots, written while no runner runs: a backlog for the runner to be killed in.
    server = await server.restart({ ...QUIET_SCHEDULER, GONGZHI_PROJECTIONS: 'off' });
    const representatives = [...new Set(jimenliUnits().map((u) => u.representativeId))]
      .sort()
      .filter((_, i) => i % 10 !== 9);
    const ballots = representatives.map((ownerId, i) => ({
      ownerId,
      choice: CHOICES[i % CHOICES.length],
      evidenceSha256: 'e'.repeat(64),
    }));
    for (let i = 0; i < ballots.length; i += 1000) {
      const entered = await server.post(`${vote.path}/paper-ballots`, ballots.slice(i, i + 1000), { token: committee });
      expect(entered.status).toBe(201);
    }
    const head = await probe.head();
    const events = await probe.eventCount();
    await server.stop();

    // 1. The server's runner catches up on the backlog, and is killed with a batch open.
    server = await server.restart(QUIET_SCHEDULER);
    const inRunner = await killMidBatch(probe, server, before, head);

    // 2. Started once more, it catches up: these are the read models under test.
    const restartedAt = Date.now();
    server = await server.restart(QUIET_SCHEDULER);
    await untilCheckpoint(probe, head);
    const catchUpMs = Date.now() - restartedAt;
    const resumed = await probe.snapshot(CLOCK_COLUMNS);
    await server.stop();

    // 3. A rebuild (`gongzhi projections rebuild`) killed with its one transaction open, well into the replay.
    const rebuild = startCli(database.url, ['projections', 'rebuild'], 'rebuild-killed');
    atEnd(() => rebuild.kill());
    const inRebuild = await killRebuild(probe, rebuild);
    const afterKilledRebuild = await probe.snapshot(CLOCK_COLUMNS);

    // 4. What a rebuild from zero, run to its end, makes of the same events.
    const fullRebuild = startCli(database.url, ['projections', 'rebuild'], 'rebuild-full');
    atEnd(() => fullRebuild.kill());
    const rebuildExit = await fullRebuild.exited;
    const rebuilt = await probe.snapshot(CLOCK_COLUMNS);
    const rowsCompared = [...rebuilt.values()].reduce((sum, t) => sum + t.rows, 0);

    proved({
      'events in the store': events,
      'rebuild killed with its transaction open for (ms)': inRebuild.openMs,
      'rebuild killed: tables differing from before it': differences(resumed, afterKilledRebuild).length,
      'runner killed with a batch open for (ms)': inRunner.batchOpenMs,
      'runner killed: events applied, the open batch rolled back': `${inRunner.appliedAtKill} of ${events}`,
      'restart to caught up (ms)': catchUpMs,
      'tables compared': rebuilt.size,
      'rows compared': rowsCompared,
      'tables differing, resumed vs rebuild from zero': differences(resumed, rebuilt).length,
    });

    // The kill fell inside a batch, whose transaction PostgreSQL then rolled back: the checkpoint did not move.
    expect(inRunner.checkpointAfterKill).toBe(inRunner.committedBeforeKill);
    expect(inRunner.checkpointAfterKill).toBeLessThan(head);
    // The killed rebuild's transaction rolled back whole: the read models and checkpoint from before it serve on.
    expect(inRebuild.checkpointAfterKill).toBe(head);
    expect(differences(resumed, afterKilledRebuild)).toEqual([]);
    expect(rebuildExit).toBe(0);
    expect(differences(resumed, rebuilt)).toEqual([]);
  });

  it('takes its advisory lock again when the database ends the session holding it, and goes on applying', async () => {
    const lockDatabase = await createTestDatabase('fault_runner_lock');
    atEnd(() => lockDatabase.drop());
    const lockServer = await ServerProcess.start(lockDatabase.url, 'runner-lock');
    atEnd(() => lockServer.kill());
    const lockProbe = new StoreProbe(lockDatabase.url);
    atEnd(() => lockProbe.close());
    const holders = async () => lockProbe.runnerLockHolders();
    const deadline = Date.now() + 30_000;
    const until = async (what: string, done: (pids: number[]) => boolean) => {
      for (let pids = await holders(); !done(pids); pids = await holders()) {
        if (Date.now() > deadline) throw new Error(`waited for ${what}; the lock is held by ${JSON.stringify(pids)}`);
        await sleep(50);
      }
    };
    await until('the runner to take its lock', (pids) => pids.length === 1);
    const [first] = await holders();
    const endedAt = Date.now();
    await lockProbe.terminate(first);
    await until('the runner to take its lock again', (pids) => pids.length === 1 && pids[0] !== first);
    const relockMs = Date.now() - endedAt;
    // And it applies what comes after: a community registered now reaches the read models.
    await communityWithCommittee(lockServer, '回龙观', 'CN-CIVIL-CODE-2021');
    const head = await lockProbe.head();
    await untilCheckpoint(lockProbe, head, 10_000);
    const [again] = await holders();

    proved({
      'lock sessions ended by the database': 1,
      'session ended to lock held again (ms)': relockMs,
      'lock holders after': (await holders()).length,
      'read models behind the store after new writes': String(head - (await lockProbe.checkpoint())),
    });
    expect(again).not.toBe(first);
    expect(await lockProbe.checkpoint()).toBe(head);
  });
});
