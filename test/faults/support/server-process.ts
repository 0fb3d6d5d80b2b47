import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testKeyDir } from '../../support/database.js';
import { freePort } from '../../support/global-setup.js';
import { ADMIN, ApiClient } from '../../support/test-server.js';

const LOG_DIR = 'test-results/faults-logs';
let spawned = 0;

// A test that fails half-way may leave a server or CLI running: none outlives the test process.
const alive = new Set<ChildProcess>();
process.once('exit', () => alive.forEach((child) => child.kill('SIGKILL')));

/**
 * A script of the built server (`<build>/src/<script>`, built by the suite's global setup) as a process
 * of its own, with only the environment given: what a fault test can kill -9 without killing itself.
 * Its stdout and stderr go to a file under test-results/faults-logs/.
 */
export class BuiltProcess {
  readonly child: ChildProcess;
  readonly logFile: string;
  readonly exited: Promise<number | null>;

  constructor(script: string, args: string[], env: Record<string, string>, label: string) {
    const build = process.env.GONGZHI_FAULTS_BUILD;
    if (!build)
      throw new Error(
        'GONGZHI_FAULTS_BUILD is unset: run the fault tests with npm run test:faults (its global setup builds the server)',
      );
    mkdirSync(LOG_DIR, { recursive: true });
    this.logFile = `${LOG_DIR}/${label}-${process.pid}-${++spawned}.log`;
    const log = createWriteStream(this.logFile);
    this.child = spawn(process.execPath, [join(build, 'src', script), ...args], {
      env: {
        PATH: process.env.PATH,
        GONGZHI_ADMIN_LOGIN: ADMIN.login,
        GONGZHI_ADMIN_SECRET: ADMIN.secret,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.pipe(log);
    this.child.stderr!.pipe(log);
    alive.add(this.child);
    this.exited = once(this.child, 'exit').then(([code]) => {
      alive.delete(this.child);
      return code as number | null;
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** kill -9: no shutdown hook, no flush, connections cut mid-transaction. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** A graceful stop (SIGTERM), as an operator would. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** The end of the log, for a failure message. */
  logTail(lines = 30): string {
    return readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    if (!this.running) return;
    this.child.kill(signal);
    await this.exited;
  }
}

export interface ServerProcessOptions {
  /** Keep the port of a server this one replaces, so clients keep their address. */
  port?: number;
  env?: Record<string, string>;
}

/**
 * Where the server's data lives: a database of the test's choosing (with a key folder of its own,
 * testKeyDir), or the default embedded PostgreSQL under a data folder, on a port of the test's choosing.
 */
export type ServerData = { databaseUrl: string } | { dataDir: string; embeddedPostgresPort: number };

function dataEnv(data: ServerData): Record<string, string> {
  if ('databaseUrl' in data) return { DATABASE_URL: data.databaseUrl, GONGZHI_KEY_DIR: testKeyDir(data.databaseUrl) };
  return { GONGZHI_DATA_DIR: data.dataDir, EMBEDDED_POSTGRES_PORT: String(data.embeddedPostgresPort) };
}

/** `node src/main.js` on a database of the test's choosing, answering HTTP as the ApiClient it is. */
export class ServerProcess extends ApiClient {
  private constructor(
    private readonly proc: BuiltProcess,
    readonly port: number,
    readonly data: ServerData,
    readonly label: string,
    private readonly env: Record<string, string>,
  ) {
    super(`http://127.0.0.1:${port}`);
  }

  static start(databaseUrl: string, label: string, options: ServerProcessOptions = {}): Promise<ServerProcess> {
    return ServerProcess.startOn({ databaseUrl }, label, options);
  }

  /** What `npm start` does with no DATABASE_URL: its own PostgreSQL, started from the data folder. */
  static startEmbedded(
    dataDir: string,
    embeddedPostgresPort: number,
    label: string,
    options: ServerProcessOptions = {},
  ): Promise<ServerProcess> {
    return ServerProcess.startOn({ dataDir, embeddedPostgresPort }, label, options);
  }

  private static async startOn(data: ServerData, label: string, options: ServerProcessOptions): Promise<ServerProcess> {
    const port = options.port ?? (await freePort());
    const env = { ...options.env };
    const child = new BuiltProcess(
      'main.js',
      [],
      {
        ...dataEnv(data),
        HOST: '127.0.0.1',
        PORT: String(port),
        GONGZHI_TOKEN_TTL_SECONDS: '3600',
        // Fifty owners sign in before each kill: scrypt at 2^14, as in the main suite (secret-hashing checks 2^17).
        GONGZHI_SCRYPT_COST: '14',
        ...env,
      },
      label,
    );
    const server = new ServerProcess(child, port, data, label, env);
    await server.untilLive();
    return server;
  }

  get databaseUrl(): string {
    if (!('databaseUrl' in this.data))
      throw new Error(`the server ${this.label} runs on its embedded PostgreSQL: ask its data folder, not a URL`);
    return this.data.databaseUrl;
  }

  /** What the server printed so far. */
  log(): string {
    return this.proc.logTail(Number.MAX_SAFE_INTEGER);
  }

  get pid(): number {
    return this.proc.pid;
  }

  get running(): boolean {
    return this.proc.running;
  }

  kill = () => this.proc.kill();
  stop = () => this.proc.stop();

  /** A new process on the same database and port. */
  restart(env: Record<string, string> = this.env): Promise<ServerProcess> {
    return ServerProcess.startOn(this.data, this.label, { port: this.port, env });
  }

  private async untilLive(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`the server ${this.label} exited while starting:\n${this.proc.logTail()}`);
      const live = await this.get<unknown>('/health/live').catch(() => null);
      if (live?.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await this.kill();
    throw new Error(
      `the server ${this.label} did not answer /health/live within ${timeoutMs} ms:\n${this.proc.logTail()}`,
    );
  }
}

/** `node src/cli.js <args>` on a database: started, then awaited (`exited`) or killed. */
export function startCli(databaseUrl: string, args: string[], label: string): BuiltProcess {
  return new BuiltProcess('cli.js', args, dataEnv({ databaseUrl }), label);
}
