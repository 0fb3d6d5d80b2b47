import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * What a server killed with kill -9 leaves behind: its embedded PostgreSQL, still running on the data
 * folder (the postmaster is a child of node, not killed with it). postmaster.pid in the data folder
 * names it; if that process is a postgres serving this very folder and no live server owns it, it is
 * stopped with a fast shutdown (SIGINT: sessions ended, everything committed kept) so that this start
 * begins afresh. A postmaster that a live server still owns is left alone, and the start refused.
 */
export async function stopOrphanedPostmaster(databaseDir: string, log: (line: string) => void): Promise<void> {
  const lockFile = resolve(databaseDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return;
  const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !running(pid)) return; // a stale lock file: PostgreSQL clears that itself
  const serving = postmasterServes(pid, databaseDir);
  if (serving === 'unknown') {
    throw new Error(
      `${lockFile} names process ${pid}, which is running, and this system cannot tell whether it is the PostgreSQL of this folder. ` +
        `If it is, stop it (kill -INT ${pid}); if it is not, remove ${lockFile}. Then start again.`,
    );
  }
  if (serving === 'no') {
    // The pid was reused by an unrelated program after a crash; PostgreSQL would take the lock as held.
    log(
      `embedded PostgreSQL: ${lockFile} names process ${pid}, which is not a PostgreSQL of this folder; removing the stale lock file`,
    );
    rmSync(lockFile);
    return;
  }
  const owner = liveOwner(pid);
  if (owner !== null) {
    throw new Error(
      `the embedded PostgreSQL in ${databaseDir} (pid ${pid}) belongs to a server that is still running (pid ${owner}): ` +
        'stop that server first (Ctrl-C or kill -TERM), or give this one another GONGZHI_DATA_DIR',
    );
  }
  log(
    `embedded PostgreSQL: found the server of a previous start still running (pid ${pid}) after that start ended without stopping it; stopping it (fast shutdown) to start afresh`,
  );
  process.kill(pid, 'SIGINT');
  if (await exited(pid, 60_000)) return;
  log(
    `embedded PostgreSQL: pid ${pid} did not stop within 60 s; stopping it immediately (SIGQUIT: it recovers from its WAL at the next start)`,
  );
  process.kill(pid, 'SIGQUIT');
  if (await exited(pid, 30_000)) return;
  throw new Error(
    `the previous embedded PostgreSQL (pid ${pid}) on ${databaseDir} would not stop; stop it by hand (kill -9 ${pid}) and start again`,
  );
}

/** Whether 127.0.0.1:port can be bound, i.e. no other program listens there. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const probe = createServer();
    probe.once('error', () => resolveFree(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolveFree(true)));
  });
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie answers signals but is gone: its parent (init, or whoever adopted it) has not reaped it yet.
  return procStat(pid)?.state !== 'Z';
}

async function exited(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!running(pid)) return true;
    await sleep(100);
  }
  return false;
}

/** Is `pid` a postgres whose data folder is `databaseDir`? From /proc where there is one, else from ps. */
function postmasterServes(pid: number, databaseDir: string): 'yes' | 'no' | 'unknown' {
  const folder = canonical(databaseDir);
  if (existsSync(`/proc/${pid}`)) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (!/postgres/.test(args[0] ?? '')) return 'no';
      const dataArg = args[args.indexOf('-D') + 1];
      if (args.includes('-D') && dataArg && canonical(dataArg) === folder) return 'yes';
      // PostgreSQL works in its data folder.
      return canonical(readlinkSync(`/proc/${pid}/cwd`)) === folder ? 'yes' : 'no';
    } catch {
      return 'unknown';
    }
  }
  const command = ps(pid, 'command');
  if (command === null) return 'unknown';
  return /postgres/.test(command) && command.includes(folder) ? 'yes' : 'no';
}

/** The live process that started the postmaster, or null when it was orphaned (adopted by init or a subreaper). */
function liveOwner(pid: number): number | null {
  const parent = procStat(pid)?.ppid ?? Number(ps(pid, 'ppid'));
  if (!Number.isInteger(parent) || parent <= 1) return null;
  const parentCommand = existsSync(`/proc/${parent}`)
    ? safeRead(`/proc/${parent}/cmdline`)?.replace(/\0/g, ' ')
    : ps(parent, 'command');
  // Only a node process is a server that may still use it; a subreaper (tini, systemd --user, a shell) is not.
  return parentCommand && /(^|\/)node(\s|$)/.test(parentCommand.split(' ')[0] ?? '') ? parent : null;
}

function procStat(pid: number): { state: string; ppid: number } | null {
  const stat = safeRead(`/proc/${pid}/stat`);
  if (!stat) return null;
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
  const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid) };
}

function ps(pid: number, field: 'command' | 'ppid'): string | null {
  try {
    return execFileSync('ps', ['-o', `${field}=`, '-p', String(pid)], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function safeRead(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
