import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/global-setup.js';
import { castBallot, openVoteWithOwners } from './support/ballots.js';
import { stopsAfterAll } from './support/at-end.js';
import { proved } from './support/figures.js';
import { ServerProcess } from './support/server-process.js';

const OWNERS = 5;

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

const postmasterPid = (dataDir: string) =>
  Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

/**
 * ISSUE 13 finding 4: `npm start` in its default mode (no DATABASE_URL: its own embedded PostgreSQL)
 * killed with kill -9. Node dies, its postmaster lives on holding the data folder and the port; the
 * next start used to print "Gongzhi could not start: undefined" until someone stopped it by hand.
 */
describe('the server in its default embedded mode, killed with kill -9', () => {
  const atEnd = stopsAfterAll();

  it('starts again on the same data folder: the orphaned PostgreSQL is found and stopped, and every acknowledged ballot is there', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-fault-embedded-'));
    chmodSync(dataDir, 0o755); // the postgres user reaches it when the tests run as root
    atEnd(async () => rmSync(dataDir, { recursive: true, force: true }));
    const pgPort = await freePort();
    let server = await ServerProcess.startEmbedded(dataDir, pgPort, 'embedded-crash');
    atEnd(() => server.stop());

    const vote = await openVoteWithOwners(server, OWNERS, '内嵌小区');
    const acknowledged: Awaited<ReturnType<typeof castBallot>>[] = [];
    for (const [i, owner] of vote.owners.entries()) {
      const cast = await castBallot(server, vote, owner, i % 2 ? 'FOR' : 'AGAINST', `embedded-crash-${i}`);
      if (cast.status === 201) acknowledged.push(cast);
    }
    const orphan = postmasterPid(dataDir);

    await server.kill();
    const orphanSurvived = running(orphan);

    const started = Date.now();
    server = await server.restart();
    const ready = await server.get('/health/ready');
    const restartSeconds = (Date.now() - started) / 1000;
    const detail = await server.get(`${vote.path}?after=${acknowledged.at(-1)!.receipt!.position}`);
    const participated = detail.body?.participated?.heads;
    proved({
      ballotsAcknowledged: acknowledged.length,
      orphanSurvivedKill: String(orphanSurvived),
      restartSeconds,
      participatedAfterRestart: participated ?? 'none',
    });

    // The very condition of the bug: kill -9 of node leaves its PostgreSQL running on the folder.
    expect(orphanSurvived).toBe(true);
    expect(server.log()).toContain(`found the server of a previous start still running (pid ${orphan})`);
    expect(server.log()).not.toContain('could not start');
    expect(running(orphan)).toBe(false);
    expect(postmasterPid(dataDir)).not.toBe(orphan);
    expect(ready.status).toBe(200);
    expect(acknowledged).toHaveLength(OWNERS);
    expect(detail.status).toBe(200);
    expect(participated).toBe(OWNERS);

    // And a graceful stop leaves nothing running for the next start to find.
    const current = postmasterPid(dataDir);
    await server.stop();
    expect(running(current)).toBe(false);
  });
});
