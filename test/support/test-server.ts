import type { INestApplication } from '@nestjs/common';
import type { Command } from '@nestjs/cqrs';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { createApp } from '../../src/app.js';
import { readConfig } from '../../src/platform/config/app-config.js';
import { ManualClock } from '../../src/platform/clock.js';
import { createTestDatabase, testKeyDir } from './database.js';
import { noteAnswer } from './observed-refusals.js';
import type { AppointManagingBody } from '../../src/registry/commands/appoint-managing-body.js';
import type { RegisterCommunity } from '../../src/registry/commands/register-community.js';

export const ADMIN = { login: 'admin', secret: 'admin-secret-for-tests' };

/**
 * What a spec reads when it names no type: the parsed JSON as is. A spec reads a body and checks its shape with
 * `expect`, so specs have the no-`any` rules off; support code and the bench have them on and name the body they
 * read (`server.post<{ accessToken: string }>(…)`), which this default does not let them skip.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the default for specs only, see above
export type SpecBody = any;

/** What a controller that answers `commands.execute(new C(…))` sends back: the command's declared result. */
export type CommandAnswer<C> = C extends Command<infer R> ? R : never;

export interface ApiAnswer<T = SpecBody> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as is, with this content type. */
  raw?: { contentType: string; text: string };
  signal?: AbortSignal;
}

/** Requests to a running server at `baseUrl`: this test process's (TestServer) or another process's. */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async request<T = SpecBody>(method: string, path: string, options: RequestOptions = {}): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw) {
      headers['content-type'] = options.raw.contentType;
      body = options.raw.text;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, signal: options.signal });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    noteAnswer(method, path, response.status, parsed);
    return { status: response.status, body: parsed as T, headers: response.headers, text };
  }

  get = <T = SpecBody>(path: string, options?: RequestOptions) => this.request<T>('GET', path, options);
  post = <T = SpecBody>(path: string, body?: unknown, options: RequestOptions = {}) =>
    this.request<T>('POST', path, { ...options, body });

  async signIn(login: string, secret: string): Promise<string> {
    const answer = await this.post<{ accessToken: string }>('/api/v1/auth/token', { login, secret });
    if (answer.status !== 200) throw new Error(`sign-in of ${login} failed: ${answer.status} ${answer.text}`);
    return answer.body.accessToken;
  }

  /** Activates a code under a login and signs in with it. */
  async activateAndSignIn(activationCode: string, login: string, secret = `secret-of-${login}`): Promise<string> {
    const answer = await this.post<unknown>('/api/v1/auth/activate', { activationCode, login, secret });
    if (answer.status !== 204) throw new Error(`activation of ${login} failed: ${answer.status} ${answer.text}`);
    return this.signIn(login, secret);
  }
}

/** The port a server listening on port 0 was given. */
export async function listeningPort(app: INestApplication): Promise<number> {
  return Number(new URL(await app.getUrl()).port);
}

/**
 * The real server on a real HTTP port, over a fresh database on the run's embedded PostgreSQL.
 * `clock` is the server's clock, for tests that move time.
 */
export class TestServer extends ApiClient {
  private constructor(
    readonly app: INestApplication,
    baseUrl: string,
    readonly clock: ManualClock,
    readonly databaseUrl: string,
    /** Where this server keeps its keys (GONGZHI_KEY_DIR). */
    readonly keyDir: string,
    private readonly dropDatabase: () => Promise<void>,
  ) {
    super(baseUrl);
  }

  static async start(label: string, env: Record<string, string> = {}): Promise<TestServer> {
    // A copy of the run's migrated template: the server finds its schema made and starts at once.
    const database = await createTestDatabase(label, undefined, { migrated: true });
    // The database's key folder goes with it.
    return TestServer.startOn(database.url, env, async () => {
      await database.drop();
      rmSync(testKeyDir(database.url), { recursive: true, force: true });
    });
  }

  /** Another server on an existing database (a restart, or a second process). */
  static async startOn(
    databaseUrl: string,
    env: Record<string, string> = {},
    dropDatabase: () => Promise<void> = async () => {},
  ): Promise<TestServer> {
    const config = readConfig({
      DATABASE_URL: databaseUrl,
      GONGZHI_KEY_DIR: testKeyDir(databaseUrl),
      GONGZHI_ADMIN_LOGIN: ADMIN.login,
      GONGZHI_ADMIN_SECRET: ADMIN.secret,
      LOG_LEVEL: 'error',
      // The suite signs in thousands of accounts: scrypt at 2^14 keeps it quick; secret-hashing.int.spec.ts checks the default 2^17.
      GONGZHI_SCRYPT_COST: '14',
      // Two suites share the machine's two cores and one PostgreSQL, so the read models can be seconds
      // behind a write: ?after= waits for them longer than a deployment's 5 s. Tests of the 503 set their own.
      GONGZHI_AFTER_WAIT_MS: '30000',
      ...env,
    });
    const clock = new ManualClock(new Date('2026-01-05T09:00:00+08:00'));
    const app = await createApp(config, { clock });
    await app.listen(0, '127.0.0.1');
    return new TestServer(
      app,
      `http://127.0.0.1:${await listeningPort(app)}`,
      clock,
      databaseUrl,
      config.keyDir,
      dropDatabase,
    );
  }

  /** How many events the store holds: a refused command must leave it unchanged ("writes nothing"). */
  async storedEventCount(): Promise<number> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
      return rows[0].n;
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.dropDatabase();
  }

  /** Stops the server but keeps its database, for a restart with startOn. */
  async stopKeepingDatabase(): Promise<void> {
    await this.app.close();
  }
}

/** A registered community with an activated preparatory-group member, the usual starting point. */
export async function communityWithCommittee(server: ApiClient, name = '龙泽苑', rulebook = 'CN-BEIJING-2020') {
  const admin = await server.signIn(ADMIN.login, ADMIN.secret);
  const created = await server.post<CommandAnswer<RegisterCommunity>>(
    '/api/v1/communities',
    { name, district: '昌平区', street: '回龙观街道', rulebook },
    { token: admin },
  );
  if (created.status !== 201) throw new Error(`community not created: ${created.text}`);
  const communityId = created.body.id;
  const appointed = await server.post<CommandAnswer<AppointManagingBody>>(
    `/api/v1/communities/${communityId}/managing-body`,
    { kind: 'PREPARATORY_GROUP', members: [{ name: '王建国', login: `chair-${communityId.slice(0, 8)}` }] },
    { token: admin },
  );
  if (appointed.status !== 201) throw new Error(`managing body not appointed: ${appointed.text}`);
  const login = `chair-${communityId.slice(0, 8)}`;
  const committee = await server.activateAndSignIn(appointed.body.activationCodes[login], login);
  return { admin, communityId, committee };
}
