import { Logger } from '@nestjs/common';
import { createPrivateKey, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { generateSigningKeyPair } from '@gongzhi/ledger-log/checkpoint-signing.js';
import { type AppConfig, checkTokenSecret, ConfigError } from '../config/app-config.js';
import { KEY_FILES, KeyFolder } from './key-folder.js';
import { rows } from '../database/rows.js';

/** The rows an earlier version kept its keys in, moved out once at start. */
const FORMER_SETTINGS = { logSigningKey: 'log_signing_key', tokenSecret: 'token_secret' } as const;

type KeyName = keyof typeof FORMER_SETTINGS;

/**
 * The server's two secrets: the Ed25519 key that signs checkpoints and the HS256 token key. Each comes
 * from the environment, else from its file in the key folder, else is made there at first start;
 * never from the database, so that write access to the data is not the power to re-sign it or to
 * mint tokens.
 */
export class ServerKeys {
  private constructor(
    readonly folder: KeyFolder,
    /** PKCS#8 PEM. */
    readonly logSigningKey: string,
    readonly tokenSecret: string,
  ) {}

  static async load(config: AppConfig, dataSource: DataSource, log = new Logger('Keys')): Promise<ServerKeys> {
    const folder = new KeyFolder(config.keyDir);
    const former = await takeFormerSettings(dataSource);
    const resolveKey = (name: KeyName, configured: string | null, make: () => string): string => {
      const kept = former.get(FORMER_SETTINGS[name]);
      if (configured) {
        if (kept)
          log.log(
            `${FORMER_SETTINGS[name]} removed from the settings table: the configured key from the environment is the one in use`,
          );
        return configured;
      }
      const onDisk = folder.read(KEY_FILES[name]);
      if (kept !== undefined) {
        if (onDisk !== null && onDisk !== kept.trim()) {
          throw new ConfigError(
            `the database's settings table holds a ${FORMER_SETTINGS[name]} that differs from ${folder.file(KEY_FILES[name])}: ` +
              'keep the one this deployment signed with (move the other file away) and start again',
          );
        }
        const value = folder.writeOnce(KEY_FILES[name], kept);
        log.log(`${FORMER_SETTINGS[name]} moved from the database's settings table to ${folder.file(KEY_FILES[name])}`);
        return value;
      }
      if (onDisk !== null) return onDisk;
      const value = folder.writeOnce(KEY_FILES[name], make());
      log.log(
        `no ${name === 'logSigningKey' ? 'GONGZHI_LOG_SIGNING_KEY' : 'GONGZHI_TOKEN_SECRET'} configured: made one in ${folder.file(KEY_FILES[name])} (mode 0600), ` +
          'not in the database; back the key folder up apart from the database, and give every server process the same keys',
      );
      return value;
    };
    const logSigningKey = resolveKey('logSigningKey', config.logSigningKey, () => generateSigningKeyPair().privateKey);
    const tokenSecret = resolveKey('tokenSecret', config.tokenSecret, () => randomBytes(32).toString('base64'));
    if (createPrivateKey(logSigningKey).asymmetricKeyType !== 'ed25519') {
      throw new ConfigError(
        'the log signing key (GONGZHI_LOG_SIGNING_KEY or log-signing-key.pem) must be an Ed25519 private key in PKCS#8 PEM',
      );
    }
    checkTokenSecret(tokenSecret, config.tokenSecret ? 'GONGZHI_TOKEN_SECRET' : folder.file(KEY_FILES.tokenSecret));
    // Only once both are safely on disk do the rows go: a crash before this leaves them to be moved next time.
    if (former.size > 0) await dataSource.query('DELETE FROM settings WHERE key = ANY($1)', [[...former.keys()]]);
    return new ServerKeys(folder, logSigningKey, tokenSecret);
  }
}

async function takeFormerSettings(dataSource: DataSource): Promise<Map<string, string>> {
  const former = await rows<{ key: string; value: string }>(
    dataSource,
    'SELECT key, value FROM settings WHERE key = ANY($1)',
    [Object.values(FORMER_SETTINGS)],
  );
  return new Map(former.map((row) => [row.key, row.value]));
}
