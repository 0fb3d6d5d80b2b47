import { Injectable, type OnModuleInit } from '@nestjs/common';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { publicKeyFingerprint } from '@gongzhi/ledger-log/checkpoint-signing.js';
import { ServerKeys } from '../../platform/keys/server-keys.js';

/**
 * The Ed25519 key that signs checkpoints: GONGZHI_LOG_SIGNING_KEY, or the key folder's (ServerKeys),
 * never the database's, so that write access to the events is not the power to re-sign them.
 */
@Injectable()
export class SigningKey implements OnModuleInit {
  private key: KeyObject;
  private published: { algorithm: 'Ed25519'; publicKey: string; fingerprint: string };

  constructor(private readonly keys: ServerKeys) {}

  onModuleInit(): void {
    this.key = createPrivateKey(this.keys.logSigningKey);
    const publicKey = createPublicKey(this.key).export({ type: 'spki', format: 'pem' }).toString();
    this.published = { algorithm: 'Ed25519', publicKey, fingerprint: publicKeyFingerprint(publicKey) };
  }

  get privateKey(): KeyObject {
    return this.key;
  }

  get publicKey() {
    return this.published;
  }
}
