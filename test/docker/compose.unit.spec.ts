import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { readConfig } from '../../src/platform/config/app-config.js';

/**
 * No Docker engine runs where the tests run, so this reads docker/docker-compose.yml and
 * docker/Dockerfile and checks that they wire the app to EventStoreDB/KurrentDB and PostgreSQL the
 * way src/platform/config/app-config.ts reads its environment.
 */

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string | number | boolean | null> | string[];
  volumes?: (string | { target: string })[];
  ports?: string[];
  healthcheck?: { test: string | string[] };
  depends_on?: Record<string, { condition: string }> | string[];
}

interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const compose = load(readFileSync('docker/docker-compose.yml', 'utf8')) as Compose;
const dockerfile = readFileSync('docker/Dockerfile', 'utf8');
const appConfigSource = readFileSync('src/platform/config/app-config.ts', 'utf8');

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env))
    return Object.fromEntries(env.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** Compose's `${NAME}`, `${NAME:-default}` and `${NAME:?message}`, with nothing set in the shell. */
function interpolate(value: string): string {
  return value.replace(/\$\{(\w+)(?::?([-?])([^}]*))?\}/g, (_m, _name: string, op?: string, word?: string) => {
    if (op === '?') throw new Error(`compose needs ${_name} set: ${word}`);
    return op === '-' ? (word ?? '') : '';
  });
}

/** The variables app-config.ts reads, spelled as it spells them. */
function variablesReadByAppConfig(): Set<string> {
  const names = new Set<string>();
  for (const match of appConfigSource.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)) names.add(match[1]);
  for (const match of appConfigSource.matchAll(/\(env, '([A-Z][A-Z0-9_]*)'/g)) names.add(match[1]);
  return names;
}

const app = () => compose.services.app;
const appEnv = () => environmentOf(app());
const healthcheckText = (service: Service) => [service.healthcheck?.test ?? []].flat().join(' ');

describe('docker/docker-compose.yml', () => {
  it('runs three services: eventstore, postgres and app', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'eventstore', 'postgres']);
  });

  it('runs KurrentDB/EventStoreDB as a single insecure node on port 2113', () => {
    const eventstore = compose.services.eventstore;
    expect(eventstore.image).toMatch(/^(docker\.kurrent\.io\/kurrent-[\w-]+\/kurrentdb|eventstore\/eventstore):/);
    const env = environmentOf(eventstore);
    const prefix = eventstore.image!.includes('kurrentdb') ? 'KURRENTDB_' : 'EVENTSTORE_';
    expect(env[`${prefix}INSECURE`]).toBe('true');
    expect(env[`${prefix}CLUSTER_SIZE`]).toBe('1');
    expect(eventstore.ports).toContain('2113:2113');
  });

  it('runs PostgreSQL 16 with its data on a named volume', () => {
    const postgres = compose.services.postgres;
    expect(postgres.image).toMatch(/^postgres:16(\b|$)/);
    const dataVolume = (postgres.volumes ?? [])
      .map((v) => (typeof v === 'string' ? v : `${(v as { source?: string }).source}:${v.target}`))
      .find((v) => v.endsWith(':/var/lib/postgresql/data'));
    expect(dataVolume).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(dataVolume!.split(':')[0]);
  });

  it("keeps the app's key folder on a named volume of its own, not the database's (ISSUE 11: keys away from the data)", () => {
    const keys = (app().volumes ?? [])
      .map((v) => (typeof v === 'string' ? v : `${(v as { source?: string }).source}:${v.target}`))
      .find((v) => v.endsWith(':/app/.data/keys'));
    expect(keys).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(keys!.split(':')[0]);
    const postgresVolumes = (compose.services.postgres.volumes ?? []).map((v) =>
      typeof v === 'string' ? v.split(':')[0] : (v as { source?: string }).source,
    );
    expect(postgresVolumes).not.toContain(keys!.split(':')[0]);
    expect(dockerfile).toMatch(/mkdir -p \/app\/\.data\/keys && chmod 700 \/app\/\.data\/keys/);
  });

  it('builds the app from docker/Dockerfile at the repository root', () => {
    expect(app().build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
  });

  it('sets EVENT_STORE=eventstoredb and an EVENTSTORE_CONNECTION_STRING pointing at the eventstore service', () => {
    expect(appEnv().EVENT_STORE).toBe('eventstoredb');
    const url = new URL(appEnv().EVENTSTORE_CONNECTION_STRING);
    expect(url.protocol).toBe('esdb:');
    expect(url.hostname).toBe('eventstore');
    expect(url.port).toBe('2113');
    expect(url.searchParams.get('tls')).toBe('false');
  });

  it("sets a DATABASE_URL pointing at the postgres service with that service's user, password and database", () => {
    const url = new URL(appEnv().DATABASE_URL);
    const postgres = environmentOf(compose.services.postgres);
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe('postgres');
    expect(url.port).toBe('5432');
    expect(decodeURIComponent(url.username)).toBe(postgres.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(postgres.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${postgres.POSTGRES_DB}`);
  });

  it('sets GONGZHI_ADMIN_LOGIN and GONGZHI_ADMIN_SECRET for the first administrator', () => {
    expect(interpolate(appEnv().GONGZHI_ADMIN_LOGIN)).not.toBe('');
    expect(interpolate(appEnv().GONGZHI_ADMIN_SECRET).length).toBeGreaterThanOrEqual(10);
  });

  it('spells every variable it sets for the app as src/platform/config/app-config.ts reads it', () => {
    const known = variablesReadByAppConfig();
    // Guards the guard: the parse of app-config.ts found the variables it must know about.
    expect([...known]).toEqual(
      expect.arrayContaining([
        'EVENT_STORE',
        'EVENTSTORE_CONNECTION_STRING',
        'DATABASE_URL',
        'GONGZHI_ADMIN_LOGIN',
        'GONGZHI_ADMIN_SECRET',
        'PORT',
      ]),
    );
    const unknown = Object.keys(appEnv()).filter((name) => !known.has(name));
    expect(unknown).toEqual([]);
  });

  it("gives the app an environment that the server's own readConfig accepts", () => {
    const env = Object.fromEntries(Object.entries(appEnv()).map(([k, v]) => [k, interpolate(v)]));
    const config = readConfig(env);
    expect(config).toMatchObject({
      eventStore: 'eventstoredb',
      eventStoreConnectionString: 'esdb://eventstore:2113?tls=false',
      databaseUrl: 'postgres://gongzhi:gongzhi@postgres:5432/gongzhi',
      port: 3000,
    });
    expect(app().ports).toContain(`${config.port}:${config.port}`);
  });

  it('checks the health of every service, the app on /health/ready', () => {
    for (const name of ['eventstore', 'postgres', 'app'])
      expect(compose.services[name].healthcheck?.test).toBeDefined();
    expect(healthcheckText(compose.services.eventstore)).toMatch(/:2113\/health\/live/);
    expect(healthcheckText(compose.services.postgres)).toMatch(/pg_isready/);
    expect(healthcheckText(app())).toMatch(/\/health\/ready/);
  });

  it('starts the app only once eventstore and postgres are healthy', () => {
    expect(app().depends_on).toEqual({
      eventstore: { condition: 'service_healthy' },
      postgres: { condition: 'service_healthy' },
    });
  });
});

describe('docker/Dockerfile', () => {
  const instructions = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const all = (keyword: string) => instructions.filter((line) => line.toUpperCase().startsWith(`${keyword} `));
  const last = (keyword: string) => all(keyword).at(-1);

  it('builds in stages on node:24-slim (Node 20 reached end of life on 2026-04-30)', () => {
    const stages = all('FROM');
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:24-slim\b/i);
  });

  it('installs with npm ci, builds with npm run build, and prunes dev dependencies', () => {
    const runs = all('RUN').join('\n');
    expect(runs).toMatch(/npm ci\b/);
    expect(runs).toMatch(/npm run build\b/);
    expect(runs).toMatch(/npm prune --omit=dev\b/);
    expect(runs.indexOf('npm ci')).toBeLessThan(runs.indexOf('npm run build'));
  });

  it('copies what tsconfig.build.json compiles', () => {
    const copies = all('COPY').join('\n');
    const build = JSON.parse(readFileSync('tsconfig.build.json', 'utf8')) as { include: string[] };
    for (const dir of build.include) expect(copies).toMatch(new RegExp(`COPY ${dir} `));
    expect(copies).toMatch(/tsconfig\.build\.json/);
  });

  it("carries the portal's plain files into the runtime image, where the server looks for them", () => {
    const runtimeCopies = instructions
      .slice(instructions.lastIndexOf(last('FROM')!))
      .filter((line) => /^COPY /i.test(line));
    expect(runtimeCopies.join('\n')).toMatch(/\/app\/src\/portal\/public \.\/src\/portal\/public/);
    expect(readFileSync('src/portal/portal-static.ts', 'utf8')).toContain("'src/portal/public'");
  });

  it('runs node dist/src/main.js as a non-root user', () => {
    const cmd = last('CMD')!;
    const args = cmd.slice(4).trim().startsWith('[')
      ? (JSON.parse(cmd.slice(4)) as string[])
      : cmd.slice(4).trim().split(/\s+/);
    expect(args).toEqual(['node', 'dist/src/main.js']);
    const user = last('USER');
    expect(user).toBeDefined();
    expect(user!.slice(5).trim()).not.toMatch(/^(root|0)(:|$)/);
    // The user is set in the final stage, after its last FROM.
    expect(instructions.lastIndexOf(user!)).toBeGreaterThan(instructions.lastIndexOf(last('FROM')!));
  });

  it('exposes port 3000 and checks its health on /health/ready', () => {
    expect(all('EXPOSE').join(' ')).toMatch(/\b3000\b/);
    expect(last('HEALTHCHECK')).toMatch(/\/health\/ready/);
  });

  it('builds dist/src/main.js: the build script compiles src/ into dist/', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toMatch(/tsconfig\.build\.json/);
    const tsconfig = JSON.parse(readFileSync('tsconfig.json', 'utf8')) as {
      compilerOptions: { outDir: string; rootDir: string };
    };
    expect(tsconfig.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: '.' });
  });
});
