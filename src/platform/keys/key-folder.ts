import {
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The files of the key folder (README, "Keys"): each 0600, in a folder of 0700. */
export const KEY_FILES = {
  logSigningKey: 'log-signing-key.pem',
  tokenSecret: 'token-secret',
  postgresPassword: 'postgres-password',
} as const;

export class KeyFolderError extends Error {}

/**
 * A folder of secrets on disk, apart from the database: whoever can write the database cannot read it,
 * and a file that others could read is refused rather than used.
 */
export class KeyFolder {
  readonly path: string;

  constructor(path: string) {
    this.path = resolve(path);
  }

  /** Creates the folder (0700) if missing; an existing one keeps its mode (a mounted secret volume may be read-only). */
  ensure(): void {
    if (!existsSync(this.path)) mkdirSync(this.path, { recursive: true, mode: 0o700 });
  }

  file(name: string): string {
    return resolve(this.path, name);
  }

  /** The file's text, trimmed; null when absent. Refuses a file that group or others may read or write. */
  read(name: string): string | null {
    const path = this.file(name);
    if (!existsSync(path)) return null;
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) {
      throw new KeyFolderError(
        `${path} has permissions ${mode.toString(8).padStart(4, '0')}, wider than 0600: anyone who can read it can sign as this server. Run: chmod 600 ${path}`,
      );
    }
    return readFileSync(path, 'utf8').trim();
  }

  /**
   * Writes the file (0600) unless it exists, and answers what the file holds: two processes starting
   * together both make a value, the first to create the file wins and both use its value.
   */
  writeOnce(name: string, value: string): string {
    this.ensure();
    const path = this.file(name);
    let fd: number;
    try {
      fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return this.read(name)!;
    }
    try {
      writeSync(fd, `${value.trim()}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return value.trim();
  }

  /** Replaces the file's content atomically (write beside, fsync, rename), 0600. */
  replace(name: string, value: string): void {
    const path = this.file(name);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${process.pid}.tmp`;
    const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, 0o600);
    try {
      writeSync(fd, `${value.trim()}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  }
}
