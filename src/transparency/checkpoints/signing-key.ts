import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { DataSource } from 'typeorm';
import { generateSigningKeyPair, publicKeyFingerprint } from '../../../libs/ledger-log/checkpoint-signing.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config.js';

const SETTING = 'log_signing_key';

/**
 * The Ed25519 key that signs checkpoints: GONGZHI_LOG_SIGNING_KEY, or one made at first start and kept
 * in settings so that every later start, and every process of the deployment, signs with the same key.
 */
@Injectable()
export class SigningKey implements OnModuleInit {
  private key: KeyObject;
  private published: { algorithm: 'Ed25519'; publicKey: string; fingerprint: string };

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const pem = this.config.logSigningKey ?? (await this.keptKey());
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('GONGZHI_LOG_SIGNING_KEY must be an Ed25519 private key in PKCS#8 PEM');
    this.key = key;
    const publicKey = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
    this.published = { algorithm: 'Ed25519', publicKey, fingerprint: publicKeyFingerprint(publicKey) };
  }

  get privateKey(): KeyObject {
    return this.key;
  }

  get publicKey() {
    return this.published;
  }

  // Two processes starting together may both generate one: the first INSERT wins and both read it back.
  private async keptKey(): Promise<string> {
    await this.dataSource.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [SETTING, generateSigningKeyPair().privateKey]);
    const [row] = await this.dataSource.query('SELECT value FROM settings WHERE key = $1', [SETTING]);
    return row.value;
  }
}
