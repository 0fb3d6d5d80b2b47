import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { generateSigningKeyPair, publicKeyFingerprint } from '@gongzhi/ledger-log/checkpoint-signing.js';
import { ConfigError, readConfig } from '../../src/platform/config/app-config.js';
import { KEY_FILES } from '../../src/platform/keys/key-folder.js';
import { createTestDatabase, testKeyDir } from '../support/database.js';
import { ADMIN, TestServer } from '../support/test-server.js';

const mode = (path: string) => statSync(path).mode & 0o777;

/**
 * ISSUE 11 "keys away from the data" and ISSUE 13 item 10: the log signing key and the token key live
 * in a key folder (or the environment), never in the database; a database of an earlier version has
 * them moved out once; a key file others may read, or a short token key, stops the start.
 */
describe('server keys live in the key folder, not in the database', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: pg.Client;
  let keyDir: string;

  beforeAll(async () => {
    database = await createTestDatabase('server_keys');
    keyDir = testKeyDir(database.url);
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await database.drop();
    rmSync(keyDir, { recursive: true, force: true });
  });

  const settingsKeys = async () =>
    (await db.query(`SELECT key FROM settings WHERE key IN ('log_signing_key', 'token_secret')`)).rows;

  it('makes both keys at first start in a 0700 folder as 0600 files, and writes neither to the database', async () => {
    const server = await TestServer.startOn(database.url);
    try {
      expect(mode(keyDir)).toBe(0o700);
      for (const file of [KEY_FILES.logSigningKey, KEY_FILES.tokenSecret]) expect(mode(join(keyDir, file))).toBe(0o600);
      expect(await settingsKeys()).toEqual([]);
      const pem = readFileSync(join(keyDir, KEY_FILES.logSigningKey), 'utf8');
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM settings WHERE value LIKE '%PRIVATE KEY%'`);
      expect(rows[0].n).toBe(0);
      const published = (await server.get('/api/v1/log/public-key')).body;
      expect(pem).toMatch(/BEGIN PRIVATE KEY/);
      expect(published.fingerprint).toHaveLength(64);
    } finally {
      await server.stopKeepingDatabase();
    }
  });

  it('moves the keys of an earlier version out of the settings table once, keeping the signatures and sessions they made valid', async () => {
    // The state an earlier version left: both keys in settings, none on disk.
    rmSync(keyDir, { recursive: true, force: true });
    const former = { log: generateSigningKeyPair(), token: 'a-token-key-an-earlier-version-made-0123456789' };
    await db.query(`INSERT INTO settings (key, value) VALUES ('log_signing_key', $1), ('token_secret', $2)`, [
      former.log.privateKey,
      former.token,
    ]);

    const server = await TestServer.startOn(database.url);
    try {
      expect(await settingsKeys()).toEqual([]);
      expect(readFileSync(join(keyDir, KEY_FILES.tokenSecret), 'utf8').trim()).toBe(former.token);
      expect(readFileSync(join(keyDir, KEY_FILES.logSigningKey), 'utf8').trim()).toBe(former.log.privateKey.trim());
      expect(mode(join(keyDir, KEY_FILES.logSigningKey))).toBe(0o600);
      expect((await server.get('/api/v1/log/public-key')).body.fingerprint).toBe(
        publicKeyFingerprint(former.log.publicKey),
      );
      const token = await server.signIn(ADMIN.login, ADMIN.secret);
      // The token is signed with the moved key: a server reading only the key folder accepts it.
      const [header, payload] = token.split('.');
      const { createHmac } = await import('node:crypto');
      expect(token.split('.')[2]).toBe(
        createHmac('sha256', former.token).update(`${header}.${payload}`).digest('base64url'),
      );
    } finally {
      await server.stopKeepingDatabase();
    }
  });

  it('refuses to start on a key file that group or others may read, naming the file and the fix', async () => {
    const file = join(keyDir, KEY_FILES.logSigningKey);
    chmodSync(file, 0o644);
    try {
      await expect(TestServer.startOn(database.url)).rejects.toThrow(`${file} has permissions 0644, wider than 0600`);
    } finally {
      chmodSync(file, 0o600);
    }
  });

  it('refuses a token key shorter than 32 bytes, from the environment or from its file', async () => {
    expect(() => readConfig({ GONGZHI_TOKEN_SECRET: 'x' })).toThrow(ConfigError);
    expect(() => readConfig({ GONGZHI_TOKEN_SECRET: 'x' })).toThrow(
      'GONGZHI_TOKEN_SECRET is 1 bytes long; a token key needs at least 32',
    );
    expect(readConfig({ GONGZHI_TOKEN_SECRET: 'k'.repeat(32) }).tokenSecret).toBe('k'.repeat(32));
    const file = join(keyDir, KEY_FILES.tokenSecret);
    const kept = readFileSync(file, 'utf8');
    writeFileSync(file, 'short\n', { mode: 0o600 });
    try {
      await expect(TestServer.startOn(database.url)).rejects.toThrow(`${file} is 5 bytes long`);
    } finally {
      writeFileSync(file, kept, { mode: 0o600 });
    }
  });

  it('keeps a key configured in the environment out of the key folder', async () => {
    rmSync(join(keyDir, KEY_FILES.logSigningKey));
    const configured = generateSigningKeyPair();
    const server = await TestServer.startOn(database.url, { GONGZHI_LOG_SIGNING_KEY: configured.privateKey });
    try {
      expect((await server.get('/api/v1/log/public-key')).body.fingerprint).toBe(
        publicKeyFingerprint(configured.publicKey),
      );
      expect(existsSync(join(keyDir, KEY_FILES.logSigningKey))).toBe(false);
    } finally {
      await server.stopKeepingDatabase();
    }
  });
});
