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
  /** The key folder (GONGZHI_KEY_DIR, default <dataDir>/keys, beside the embedded PostgreSQL's <dataDir>/postgres): keys never sit in the database. */
  keyDir: string;
  embeddedPostgresPort: number;
  eventStore: 'postgres' | 'eventstoredb';
  eventStoreConnectionString: string | null;
  adminLogin: string;
  adminSecret: string | null;
  tokenSecret: string | null;
  tokenTtlSeconds: number;
  /** GONGZHI_SCRYPT_COST: secrets are hashed with scrypt at N = 2^this (OWASP's floor, 17, by default). */
  scryptCost: number;
  /** External sign-in; its tokens must name this server in `aud`, or any application of that issuer could sign in here. */
  oidc: { issuer: string; jwksUrl: string; audience: string; loginClaim: string } | null;
  runProjections: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** How long a GET with ?after= waits for projections before answering 503 (API.md: 5 s). */
  afterWaitMs: number;
  /** GONGZHI_PUBLIC_READS: where public GETs read the read models, the primary or a standby of DATABASE_URL's hosts. */
  publicReads: 'primary' | 'standby';
  /** Transparency log: sign a checkpoint after this many new leaves of a community (DESIGN.md "Transparency log"). */
  checkpointEvery: number;
  /** …or once its oldest unsigned leaf has waited this many seconds. */
  checkpointSeconds: number;
  /** PKCS#8 PEM of the Ed25519 checkpoint key; when null it is read from the key folder, made there at first start. */
  logSigningKey: string | null;
  /** Leaves (and checkpoints) an export reads per query: what bounds its memory, however long the log. */
  exportPageSize: number;
  /**
   * GONGZHI_LOG_ORIGIN: the log key's C2SP name and the prefix of every community's checkpoint origin
   * ("<logOrigin>/community/<communityId>"). A schema-less URL, no spaces or "+".
   */
  logOrigin: string;
  /** GONGZHI_WITNESSES as given: comma-separated "<witness vkey>=<URL prefix>" (src/transparency/witnesses/witness-list.ts). */
  witnesses: string;
  /** /health/ready answers 503 while more events than this wait to be projected… */
  readyMaxLagEvents: number;
  /** …or while the oldest event waiting to be projected is older than this. */
  readyMaxLagSeconds: number;
  /** Bounds on every PostgreSQL session (pools and single clients), so a hung database fails a request instead of holding it. */
  databaseTimeouts: DatabaseTimeouts;
  /** How long an Idempotency-Key is remembered (API.md); after that the same key is a new request. */
  idempotencyTtlMs: number;
}

export interface DatabaseTimeouts {
  /** PostgreSQL's statement_timeout: the server cancels a statement that runs longer. */
  statementMs: number;
  /** The driver's own bound on a query's answer: what ends a wait on a database that does not answer at all. */
  queryMs: number;
  /** Waiting for a connection, new or from the pool. */
  connectMs: number;
  /** PostgreSQL's idle_in_transaction_session_timeout: a transaction left open by a stuck client is ended. */
  idleInTransactionMs: number;
  /** TCP keepalive starts probing a silent connection after this long. */
  keepAliveInitialDelayMs: number;
}

export class ConfigError extends Error {}

/** An HS256 key shorter than its hash output is weaker than the algorithm (RFC 7518 §3.2 asks for at least 256 bits). */
export const MIN_TOKEN_SECRET_BYTES = 32;

export function checkTokenSecret(secret: string, source: string): string {
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_TOKEN_SECRET_BYTES) {
    throw new ConfigError(
      `${source} is ${bytes} bytes long; a token key needs at least ${MIN_TOKEN_SECRET_BYTES} (make one with: openssl rand -base64 32), or leave it unset to have one made in the key folder`,
    );
  }
  return secret;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

/**
 * scrypt's cost as log2 N: 17 (OWASP's floor) unless set; 14 to 22. Below 17 is for test suites, which
 * sign in thousands of accounts; each step up doubles the time and memory of every sign-in.
 */
function scryptCost(env: NodeJS.ProcessEnv): number {
  const cost = integer(env, 'GONGZHI_SCRYPT_COST', 17);
  if (cost < 14 || cost > 22)
    throw new ConfigError(`GONGZHI_SCRYPT_COST is log2 of scrypt's N, from 14 to 22 (17 by default), got ${cost}`);
  return cost;
}

/** A positive decimal number of `unit` milliseconds, e.g. hours given as "24" or "0.5". */
function duration(env: NodeJS.ProcessEnv, name: string, fallback: number, unitMs: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback * unitMs;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0)
    throw new ConfigError(`${name} must be a positive number, got "${raw}"`);
  return Math.round(Number(raw) * unitMs);
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw))
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const eventStore = oneOf(env, 'EVENT_STORE', ['postgres', 'eventstoredb'] as const, 'postgres');
  const eventStoreConnectionString = env.EVENTSTORE_CONNECTION_STRING || null;
  if (eventStore === 'eventstoredb' && !eventStoreConnectionString) {
    throw new ConfigError(
      'EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false)',
    );
  }
  const oidcIssuer = env.OIDC_ISSUER || null;
  const oidcJwks = env.OIDC_JWKS_URL || null;
  if (Boolean(oidcIssuer) !== Boolean(oidcJwks))
    throw new ConfigError('OIDC_ISSUER and OIDC_JWKS_URL go together: set both or neither');
  const dataDir = env.GONGZHI_DATA_DIR || '.data';
  const oidcAudience = env.OIDC_AUDIENCE || null;
  if (oidcIssuer && !oidcAudience) {
    throw new ConfigError(
      "OIDC_ISSUER is set but OIDC_AUDIENCE is not: set it to this server's client id at the issuer, or the issuer's tokens for any other application would sign in here",
    );
  }
  return {
    port: integer(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    dataDir,
    keyDir: env.GONGZHI_KEY_DIR || `${dataDir}/keys`,
    embeddedPostgresPort: integer(env, 'EMBEDDED_POSTGRES_PORT', 54329),
    eventStore,
    eventStoreConnectionString,
    adminLogin: env.GONGZHI_ADMIN_LOGIN || 'admin',
    adminSecret: env.GONGZHI_ADMIN_SECRET || null,
    tokenSecret: env.GONGZHI_TOKEN_SECRET ? checkTokenSecret(env.GONGZHI_TOKEN_SECRET, 'GONGZHI_TOKEN_SECRET') : null,
    tokenTtlSeconds: integer(env, 'GONGZHI_TOKEN_TTL_SECONDS', 900),
    scryptCost: scryptCost(env),
    oidc:
      oidcIssuer && oidcJwks
        ? {
            issuer: oidcIssuer,
            jwksUrl: oidcJwks,
            audience: oidcAudience!,
            loginClaim: env.OIDC_LOGIN_CLAIM || 'preferred_username',
          }
        : null,
    runProjections: oneOf(env, 'GONGZHI_PROJECTIONS', ['on', 'off'] as const, 'on') === 'on',
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    afterWaitMs: integer(env, 'GONGZHI_AFTER_WAIT_MS', 5000),
    publicReads: oneOf(env, 'GONGZHI_PUBLIC_READS', ['primary', 'standby'] as const, 'primary'),
    checkpointEvery: Math.max(1, integer(env, 'GONGZHI_CHECKPOINT_EVERY', 100)),
    checkpointSeconds: integer(env, 'GONGZHI_CHECKPOINT_SECONDS', 60),
    // Environments often cannot hold newlines: a PEM written with literal \n is accepted too.
    logSigningKey: env.GONGZHI_LOG_SIGNING_KEY ? env.GONGZHI_LOG_SIGNING_KEY.replace(/\\n/g, '\n') : null,
    exportPageSize: Math.max(1, integer(env, 'GONGZHI_EXPORT_PAGE_SIZE', 1000)),
    logOrigin: logOrigin(env),
    witnesses: env.GONGZHI_WITNESSES ?? '',
    readyMaxLagEvents: integer(env, 'GONGZHI_READY_MAX_LAG_EVENTS', 1000),
    readyMaxLagSeconds: integer(env, 'GONGZHI_READY_MAX_LAG_SECONDS', 30),
    databaseTimeouts: readDatabaseTimeouts(env),
    idempotencyTtlMs: duration(env, 'GONGZHI_IDEMPOTENCY_TTL_HOURS', 24, 3600 * 1000),
  };
}

function readDatabaseTimeouts(env: NodeJS.ProcessEnv): DatabaseTimeouts {
  const statementMs = Math.max(1, integer(env, 'GONGZHI_DB_STATEMENT_TIMEOUT_MS', 10_000));
  // Longer than the server's own bound by default, so a live server cancels first and says why.
  const queryMs = Math.max(1, integer(env, 'GONGZHI_DB_QUERY_TIMEOUT_MS', statementMs + 5_000));
  return {
    statementMs,
    queryMs,
    connectMs: Math.max(1, integer(env, 'GONGZHI_DB_CONNECT_TIMEOUT_MS', 5_000)),
    idleInTransactionMs: Math.max(1, integer(env, 'GONGZHI_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60_000)),
    keepAliveInitialDelayMs: integer(env, 'GONGZHI_DB_KEEPALIVE_INITIAL_DELAY_MS', 10_000),
  };
}

function logOrigin(env: NodeJS.ProcessEnv): string {
  const origin = env.GONGZHI_LOG_ORIGIN || 'gongzhi.local';
  // eslint-disable-next-line no-control-regex -- the origin goes into a signed note, which may hold no control character
  if (!/^[^\s+]+$/u.test(origin) || /[\u0000-\u001f]/.test(origin) || origin.endsWith('/')) {
    throw new ConfigError(
      `GONGZHI_LOG_ORIGIN must be a name without spaces or "+", not ending in "/", like gongzhi.example.org; got "${origin}"`,
    );
  }
  return origin;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
