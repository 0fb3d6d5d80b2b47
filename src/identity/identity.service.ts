import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectThrottlerStorage } from '@nestjs/throttler';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config.js';
import { ApiError } from '../platform/http/error-response.js';
import type { Grant, Principal, Role } from '../platform/auth/principal.js';
import { IdentityRepository, type PendingGrant } from './identity.repository.js';
import { committeeActivator } from './on-behalf.js';
import { SecretHasher } from './secret-hashing.js';
import { SignInAttempts } from './sign-in-attempts.js';
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

/** Thrown inside activation for any failure, and turned into the one answer at its edge. */
const ACTIVATION_FAILED_SIGNAL = new Error('activation failed');

/**
 * Every failed activation gets this one answer, whatever failed (an unknown or used code, a taken login
 * with a wrong secret, a race for a new login), so that it tells no one which logins exist or whether
 * a secret is right.
 */
const activationFailed = () =>
  new ApiError(
    400,
    'ACTIVATION_FAILED',
    'the activation did not succeed: either the code is unknown or already used, or the login is taken and the secret given is not its secret; check the code, or choose another login',
  );

@Injectable()
export class IdentityService implements OnApplicationBootstrap {
  private readonly log = new Logger('Identity');

  private readonly secrets: SecretHasher;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: IdentityRepository,
    private readonly tokens: TokenService,
    @InjectThrottlerStorage() private readonly attempts: SignInAttempts,
  ) {
    this.secrets = new SecretHasher(config.scryptCost);
  }

  /** The first administrator (API.md "Identity"): from the environment, or a secret printed once. */
  async onApplicationBootstrap(): Promise<void> {
    if (await this.repository.anyAdmin()) return;
    const secret = this.config.adminSecret ?? randomBytes(12).toString('base64url');
    const hash = await this.secrets.hash(secret);
    await this.repository.transaction(async (manager) => {
      const existing = await this.repository.accountByLogin(this.config.adminLogin, manager);
      const id = existing?.id ?? randomUUID();
      if (!existing) await this.repository.createAccount(manager, id, this.config.adminLogin, hash);
      await this.repository.addGrant(manager, id, { role: 'admin', communityId: null, subjectId: null });
    });
    if (!this.config.adminSecret) {
      // Printed on the console only, never logged: it is shown once and not stored in clear.
      process.stdout.write(
        `\nFirst administrator created. login: ${this.config.adminLogin}  secret: ${secret}\nKeep it now; it is not shown again.\n\n`,
      );
    } else {
      this.log.log(
        `first administrator "${this.config.adminLogin}" created from GONGZHI_ADMIN_LOGIN/GONGZHI_ADMIN_SECRET`,
      );
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

  /** The grants of `role` in a community standing for these subjects end, and their unused codes are void. */
  endSubjects(communityId: string, role: Role, subjectIds: readonly string[]) {
    return this.repository.endSubjects(communityId, role, subjectIds);
  }

  /** When each of these subjects' codes of `role` was activated (absent: not yet). */
  activations(communityId: string, role: Role, subjectIds: readonly string[]): Promise<Map<string, Date>> {
    return this.repository.activations(communityId, role, subjectIds);
  }

  async issueActivationCodes(grants: PendingGrant[]): Promise<string[]> {
    const codes = grants.map(() => newActivationCode());
    await this.repository.storeCodes(codes.map((code, i) => ({ codeHash: codeHash(code), grant: grants[i] })));
    return codes;
  }

  /**
   * A code works once. A new login creates the account; an existing login (an owner of two
   * communities) must prove its secret, and gains the code's grant. The code is looked at first, and
   * either way one secret derivation is spent, so a wrong code answers like a wrong secret, in as much time.
   */
  async activate(
    code: string,
    login: string,
    secret: string,
    address: string,
    caller: Principal | null = null,
    now = new Date(),
  ): Promise<void> {
    try {
      await this.activateOrFail(code, login, secret, caller, now);
      this.attempts.succeeded(address, login);
    } catch (error) {
      const failed = error === ACTIVATION_FAILED_SIGNAL || (error as { code?: string }).code === '23505';
      if (!failed) throw error;
      this.attempts.failed(address, login);
      throw activationFailed();
    }
  }

  private async activateOrFail(
    code: string,
    login: string,
    secret: string,
    caller: Principal | null,
    now: Date,
  ): Promise<void> {
    if (!(await this.repository.codeUnused(codeHash(code)))) {
      await this.secrets.matches(secret, this.secrets.decoy);
      throw ACTIVATION_FAILED_SIGNAL;
    }
    const existing = await this.repository.accountByLogin(login);
    const hash = existing ? null : await this.secrets.hash(secret);
    if (existing && !(await this.secrets.matches(secret, existing.secretHash))) throw ACTIVATION_FAILED_SIGNAL;
    // Two activations may race for the code or for a new login: the loser's transaction rolls back, its code stays unspent.
    await this.repository.transaction(async (manager) => {
      const accountId = existing?.id ?? randomUUID();
      const grant = await this.repository.consumeCode(manager, codeHash(code), accountId);
      if (!grant) throw ACTIVATION_FAILED_SIGNAL;
      if (!existing) await this.repository.createAccount(manager, accountId, login, hash!);
      // Rule 33: a committee member's session activating an owner's letter is recorded as doing so.
      const activatedBy = committeeActivator(
        grant,
        caller,
        existing && {
          id: existing.id,
          grants: (await this.repository.accountWithGrants(existing.id, now))?.grants ?? [],
        },
      );
      await this.repository.addGrant(manager, accountId, activatedBy ? { ...grant, activatedBy } : grant);
      if (grant.role === 'owner' && grant.communityId && grant.subjectId) {
        await this.repository.addRolesOfOwner(manager, accountId, grant.communityId, grant.subjectId);
      }
    });
  }

  /** The limiter (SignInGuard) has let this address try this login; its outcome is reported back to it. */
  async signIn(
    login: string,
    secret: string,
    address: string,
    now: Date,
  ): Promise<{ accessToken: string; expiresIn: number }> {
    const account = await this.repository.accountByLogin(login);
    const ok = await this.secrets.matches(secret, account?.secretHash ?? this.secrets.decoy);
    if (!account || !ok) {
      this.attempts.failed(address, login);
      throw new ApiError(401, 'INVALID_CREDENTIALS', 'the login or the secret is wrong');
    }
    this.attempts.succeeded(address, login);
    if (this.secrets.needsRehash(account.secretHash))
      await this.repository.replaceSecretHash(account.id, account.secretHash, await this.secrets.hash(secret));
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
