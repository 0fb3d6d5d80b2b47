import { Inject, Injectable } from '@nestjs/common';
import { ed25519NoteSigner, type NoteSigner } from '@gongzhi/ledger-log/signed-note.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config.js';
import { SigningKey } from './signing-key.js';

/**
 * The log key as a C2SP note signer: named GONGZHI_LOG_ORIGIN, so one vkey verifies the checkpoints of
 * every community, each under its own origin line "<GONGZHI_LOG_ORIGIN>/community/<communityId>".
 */
@Injectable()
export class LogNoteKey {
  private signer: (NoteSigner & { vkey: string }) | null = null;

  constructor(
    private readonly key: SigningKey,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  originOf(communityId: string): string {
    return `${this.config.logOrigin}/community/${communityId}`;
  }

  get noteSigner(): NoteSigner & { vkey: string } {
    // Built on first use: the signing key is read in its own onModuleInit.
    this.signer ??= ed25519NoteSigner(this.config.logOrigin, this.key.privateKey);
    return this.signer;
  }

  get vkey(): string {
    return this.noteSigner.vkey;
  }
}
