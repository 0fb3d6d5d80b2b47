/**
 * Everything the server reads from its environment, read once at start. The README's
 * "Configuration" table documents each variable.
 */
export interface AppConfig {
  port: number;
  host: string;
  /** An external PostgreSQL; when null the server starts an embedded one under dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  embeddedPostgresPort: number;
  eventStore: 'postgres' | 'eventstoredb';
  eventStoreConnectionString: string | null;
  adminLogin: string;
  adminSecret: string | null;
  tokenSecret: string | null;
  tokenTtlSeconds: number;
  /** External sign-in; its tokens must name this server in `aud`, or any application of that issuer could sign in here. */
  oidc: { issuer: string; jwksUrl: string; audience: string; loginClaim: string } | null;
  runProjections: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** How long a GET with ?after= waits for projections before answering 503 (API.md: 5 s). */
  afterWaitMs: number;
  /** Transparency log: sign a checkpoint after this many new leaves of a community (DESIGN.md "Transparency log"). */
  checkpointEvery: number;
  /** …or once its oldest unsigned leaf has waited this many seconds. */
  checkpointSeconds: number;
  /** PKCS#8 PEM of the Ed25519 checkpoint key; when null one is made at first start and kept in settings. */
  logSigningKey: string | null;
  /** Leaves (and checkpoints) an export reads per query: what bounds its memory, however long the log. */
  exportPageSize: number;
  /** How long an Idempotency-Key is remembered (API.md); after that the same key is a new request. */
  idempotencyTtlMs: number;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

/** A positive decimal number of `unit` milliseconds, e.g. hours given as "24" or "0.5". */
function duration(env: NodeJS.ProcessEnv, name: string, fallback: number, unitMs: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback * unitMs;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0) throw new ConfigError(`${name} must be a positive number, got "${raw}"`);
  return Math.round(Number(raw) * unitMs);
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const eventStore = oneOf(env, 'EVENT_STORE', ['postgres', 'eventstoredb'] as const, 'postgres');
  const eventStoreConnectionString = env.EVENTSTORE_CONNECTION_STRING || null;
  if (eventStore === 'eventstoredb' && !eventStoreConnectionString) {
    throw new ConfigError('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false)');
  }
  const oidcIssuer = env.OIDC_ISSUER || null;
  const oidcJwks = env.OIDC_JWKS_URL || null;
  if (Boolean(oidcIssuer) !== Boolean(oidcJwks)) throw new ConfigError('OIDC_ISSUER and OIDC_JWKS_URL go together: set both or neither');
  const oidcAudience = env.OIDC_AUDIENCE || null;
  if (oidcIssuer && !oidcAudience) {
    throw new ConfigError("OIDC_ISSUER is set but OIDC_AUDIENCE is not: set it to this server's client id at the issuer, or the issuer's tokens for any other application would sign in here");
  }
  return {
    port: integer(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    dataDir: env.GONGZHI_DATA_DIR || '.data',
    embeddedPostgresPort: integer(env, 'EMBEDDED_POSTGRES_PORT', 54329),
    eventStore,
    eventStoreConnectionString,
    adminLogin: env.GONGZHI_ADMIN_LOGIN || 'admin',
    adminSecret: env.GONGZHI_ADMIN_SECRET || null,
    tokenSecret: env.GONGZHI_TOKEN_SECRET || null,
    tokenTtlSeconds: integer(env, 'GONGZHI_TOKEN_TTL_SECONDS', 900),
    oidc:
      oidcIssuer && oidcJwks
        ? { issuer: oidcIssuer, jwksUrl: oidcJwks, audience: oidcAudience!, loginClaim: env.OIDC_LOGIN_CLAIM || 'preferred_username' }
        : null,
    runProjections: oneOf(env, 'GONGZHI_PROJECTIONS', ['on', 'off'] as const, 'on') === 'on',
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    afterWaitMs: integer(env, 'GONGZHI_AFTER_WAIT_MS', 5000),
    checkpointEvery: Math.max(1, integer(env, 'GONGZHI_CHECKPOINT_EVERY', 100)),
    checkpointSeconds: integer(env, 'GONGZHI_CHECKPOINT_SECONDS', 60),
    // Environments often cannot hold newlines: a PEM written with literal \n is accepted too.
    logSigningKey: env.GONGZHI_LOG_SIGNING_KEY ? env.GONGZHI_LOG_SIGNING_KEY.replace(/\\n/g, '\n') : null,
    exportPageSize: Math.max(1, integer(env, 'GONGZHI_EXPORT_PAGE_SIZE', 1000)),
    idempotencyTtlMs: duration(env, 'GONGZHI_IDEMPOTENCY_TTL_HOURS', 24, 3600 * 1000),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
