import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { join } from 'node:path';

/** What a witness remembers of one log: the latest checkpoint it cosigned. */
export interface WitnessedCheckpoint {
  origin: string;
  treeSize: number;
  /** Lowercase hex. */
  rootHash: string;
  /** The checkpoint note with the log's signatures and this witness's cosignature, as served to monitors. */
  note: string;
  cosignedAt: number;
}

/** A refused request, kept as it came: it may be the proof that a log showed two histories. */
export interface Evidence {
  receivedAt: string;
  status: number;
  reason: string;
  origin: string | null;
  body: string;
}

/**
 * The witness's state as plain files under one folder, no database: logs/<sha256(origin)>.json replaced
 * atomically (write, fsync, rename, fsync the folder) and evidence/<sha256(origin)>.ndjson appended and
 * fsync'd, both before the witness answers. A lock file keeps a second witness process off the folder:
 * two processes checking "old size" against one file could each cosign a different root.
 */
export class WitnessStore {
  private constructor(
    readonly dir: string,
    private readonly lockFile: string,
  ) {}

  static async open(dir: string): Promise<WitnessStore> {
    await fs.mkdir(join(dir, 'logs'), { recursive: true, mode: 0o700 });
    await fs.mkdir(join(dir, 'evidence'), { recursive: true, mode: 0o700 });
    const lockFile = join(dir, 'witness.lock');
    await takeLock(lockFile);
    return new WitnessStore(dir, lockFile);
  }

  async close(): Promise<void> {
    await fs.rm(this.lockFile, { force: true });
  }

  async latest(origin: string): Promise<WitnessedCheckpoint | null> {
    const kept = await this.latestByKey(originKey(origin));
    if (kept && kept.origin !== origin)
      throw new Error(`${this.logFile(origin)} holds the state of another origin (${kept.origin})`);
    return kept;
  }

  /** By the origin hash (originKey), as monitors ask for it. */
  async latestByKey(key: string): Promise<WitnessedCheckpoint | null> {
    if (!/^[0-9a-f]{64}$/.test(key)) return null;
    try {
      return JSON.parse(await fs.readFile(join(this.dir, 'logs', `${key}.json`), 'utf8')) as WitnessedCheckpoint;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Durable when it resolves: the file is renamed into place and the folder entry is on disk. */
  async keep(state: WitnessedCheckpoint): Promise<void> {
    const file = this.logFile(state.origin);
    const temporary = `${file}.${process.pid}.tmp`;
    const handle = await fs.open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(state)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, file);
    await syncFolder(join(this.dir, 'logs'));
  }

  async recordEvidence(evidence: Evidence): Promise<void> {
    const file = join(
      this.dir,
      'evidence',
      evidence.origin === null ? 'unattributed.ndjson' : `${originKey(evidence.origin)}.ndjson`,
    );
    const handle = await fs.open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
    try {
      await handle.write(`${JSON.stringify(evidence)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async evidence(origin: string | null): Promise<Evidence[]> {
    const file = join(this.dir, 'evidence', origin === null ? 'unattributed.ndjson' : `${originKey(origin)}.ndjson`);
    try {
      return (await fs.readFile(file, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Evidence);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private logFile(origin: string): string {
    return join(this.dir, 'logs', `${originKey(origin)}.json`);
  }
}

/** The origin hash of c2sp.org/tlog-witness's monitoring path: lowercase hex SHA-256 of the origin. */
export function originKey(origin: string): string {
  return createHash('sha256').update(origin).digest('hex');
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function takeLock(lockFile: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await fs.open(lockFile, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await fs.readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(`another witness (process ${holder}) holds ${lockFile}; one folder, one witness`, {
          cause: error,
        });
      }
      // Left by a witness that died: take it over.
      await fs.rm(lockFile, { force: true });
    }
  }
  throw new Error(`could not take ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
