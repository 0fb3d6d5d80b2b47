import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { invalid } from '../../libs/domain/shared/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config.js';
import { ApiError } from '../platform/http/error-response.js';
import type { Grant, Principal } from '../platform/auth/principal.js';
import { IdentityRepository, type PendingGrant } from './identity.repository.js';
import { committeeActivator } from './on-behalf.js';
import { DECOY_HASH, hashSecret, secretMatches } from './secret-hashing.js';
import { SignInLimiter } from './sign-in-limiter.js';
import { TokenService } from './token.service.js';

// Crockford's base32 without I, L, O, U: codes are read off paper letters and typed on phones.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function newActivationCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b & 31]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

const codeHash = (code: string) => createHash('sha256').update(normaliseCode(code)).digest('hex');

@Injectable()
export class IdentityService implements OnApplicationBootstrap {
  private readonly log = new Logger('Identity');
  private readonly limiter = new SignInLimiter();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: IdentityRepository,
    private readonly tokens: TokenService,
  ) {}

  /** The first administrator (API.md "Identity"): from the environment, or a secret printed once. */
  async onApplicationBootstrap(): Promise<void> {
    if (await this.repository.anyAdmin()) return;
    const secret = this.config.adminSecret ?? randomBytes(12).toString('base64url');
    const hash = await hashSecret(secret);
    await this.repository.transaction(async (manager) => {
      const existing = await this.repository.accountByLogin(this.config.adminLogin, manager);
      const id = existing?.id ?? randomUUID();
      if (!existing) await this.repository.createAccount(manager, id, this.config.adminLogin, hash);
      await this.repository.addGrant(manager, id, { role: 'admin', communityId: null, subjectId: null });
    });
    if (!this.config.adminSecret) {
      // Printed on the console only, never logged: it is shown once and not stored in clear.
      process.stdout.write(`\nFirst administrator created. login: ${this.config.adminLogin}  secret: ${secret}\nKeep it now; it is not shown again.\n\n`);
    } else {
      this.log.log(`first administrator "${this.config.adminLogin}" created from GONGZHI_ADMIN_LOGIN/GONGZHI_ADMIN_SECRET`);
    }
  }

  /** The committee role follows the elected members' owner ids, until `expiresAt` (see IdentityRepository). */
  handCommitteeRoleTo(communityId: string, ownerIds: string[], expiresAt: Date | null): Promise<void> {
    return this.repository.handRoleToOwners(communityId, 'committee', ownerIds, expiresAt);
  }

  /** The appointed body's members lose the committee role to a newly appointed one. */
  endAppointedBody(communityId: string): Promise<void> {
    return this.repository.endAppointedBody(communityId);
  }

  async issueActivationCodes(grants: PendingGrant[]): Promise<string[]> {
    const codes = grants.map(() => newActivationCode());
    await this.repository.storeCodes(codes.map((code, i) => ({ codeHash: codeHash(code), grant: grants[i] })));
    return codes;
  }

  /**
   * A code works once. A new login creates the account; an existing login (an owner of two
   * communities) must prove its secret, and gains the code's grant.
   */
  async activate(code: string, login: string, secret: string, caller: Principal | null = null, now = new Date()): Promise<void> {
    const existing = await this.repository.accountByLogin(login);
    if (existing && !(await secretMatches(secret, existing.secretHash))) {
      throw new ApiError(409, 'LOGIN_TAKEN', `the login "${login}" is taken; choose another, or give that account's secret to add this code to it`);
    }
    const hash = existing ? null : await hashSecret(secret);
    try {
      await this.repository.transaction(async (manager) => {
        const accountId = existing?.id ?? randomUUID();
        const grant = await this.repository.consumeCode(manager, codeHash(code), accountId);
        if (!grant) throw invalid('INVALID_ACTIVATION_CODE', 'this activation code is unknown or was already used; ask your committee for a new one');
        if (!existing) await this.repository.createAccount(manager, accountId, login, hash!);
        const activatedBy = committeeActivator(grant, caller, existing && { id: existing.id, grants: (await this.repository.accountWithGrants(existing.id, now))?.grants ?? [] });
        await this.repository.addGrant(manager, accountId, activatedBy ? { ...grant, activatedBy } : grant);
        if (grant.role === 'owner' && grant.communityId && grant.subjectId) {
          await this.repository.addRolesOfOwner(manager, accountId, grant.communityId, grant.subjectId);
        }
      });
    } catch (error) {
      // Two activations raced for the same new login: the loser's code stays unspent (its transaction rolled back).
      if ((error as { code?: string }).code === '23505') throw new ApiError(409, 'LOGIN_TAKEN', `the login "${login}" was just taken; choose another`);
      throw error;
    }
  }

  async signIn(login: string, secret: string, address: string, now: Date): Promise<{ accessToken: string; expiresIn: number }> {
    const wait = this.limiter.retryAfter(login, address, now.getTime());
    if (wait > 0) {
      throw new ApiError(429, 'TOO_MANY_SIGN_IN_ATTEMPTS', `too many failed sign-ins; try again in ${wait} seconds`, { retryAfterSeconds: wait });
    }
    const account = await this.repository.accountByLogin(login);
    const ok = await secretMatches(secret, account?.secretHash ?? DECOY_HASH);
    if (!account || !ok) {
      this.limiter.recordFailure(login, address, now.getTime());
      throw new ApiError(401, 'INVALID_CREDENTIALS', 'the login or the secret is wrong');
    }
    this.limiter.recordSuccess(login);
    return this.tokens.issue(account.id, account.login, now);
  }

  async principalFromToken(token: string, now: Date): Promise<Principal> {
    const accountId = await this.tokens.verify(token, now);
    const account = await this.repository.accountWithGrants(accountId, now);
    if (!account) throw new ApiError(401, 'INVALID_TOKEN', 'the account behind this token no longer exists');
    return { accountId, login: account.login, grants: account.grants };
  }

  grant(accountId: string, grant: Grant): Promise<void> {
    return this.repository.transaction((manager) => this.repository.addGrant(manager, accountId, grant));
  }
}
