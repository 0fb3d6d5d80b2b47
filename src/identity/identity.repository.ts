import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Grant, Role } from '../platform/auth/principal.js';
import { affected, firstRow, returning, rows } from '../platform/database/rows.js';
import type { AccountGrantRow, AccountTableRow, CodeGrantRow, GrantPartsRow } from './rows.js';

export interface AccountRow {
  id: string;
  login: string;
  secretHash: string;
}

export interface PendingGrant extends Grant {
  /** What the letter says the code is for, e.g. "owner O00017 of 龙泽苑". */
  label: string;
  /** When the grant ends by itself (a PMC's term); absent: until revoked. */
  expiresAt?: Date;
}

/** A grant as stored: it may end at a known time (absent or null: until revoked). */
export interface HeldGrant extends Grant {
  expiresAt?: Date | null;
}

const ACCOUNT_CACHE_MS = 1000;
const ACCOUNT_CACHE_SIZE = 50_000;
/** At most this many accounts in one read (heldGrants). */
const ACCOUNTS_PER_READ = 500;
/** The accounts table's key; ids that are not one are never batched with others. */
const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AccountWaiter {
  resolve(account: CachedAccount | null): void;
  reject(error: unknown): void;
}

interface CachedAccount {
  login: string;
  grants: (Grant & { expiresAt: Date | null })[];
}

/** Only the optional parts a grant has: /auth/me and every comparison see the same shape as before. */
const optionalParts = (r: GrantPartsRow) => ({
  ...(r.district ? { district: r.district } : {}),
  ...(r.street ? { street: r.street } : {}),
  ...(r.activated_by ? { activatedBy: r.activated_by } : {}),
});

/** Accounts, their grants and activation codes. Not events: credentials never enter the public log. */
@Injectable()
export class IdentityRepository {
  private readonly accounts = new Map<string, { account: CachedAccount; readAt: number }>();
  private generation = 0;
  /** Accounts missed in the cache, waiting for the next read, with who waits for each (heldGrants). */
  private readonly toRead = new Map<string, AccountWaiter[]>();
  private reading = false;

  constructor(private readonly dataSource: DataSource) {}

  async accountByLogin(login: string, manager: EntityManager = this.dataSource.manager): Promise<AccountRow | null> {
    const row = await firstRow<AccountTableRow>(
      manager,
      'SELECT id, login, secret_hash FROM accounts WHERE login = $1',
      [login],
    );
    return row ? { id: row.id, login: row.login, secretHash: row.secret_hash } : null;
  }

  async createAccount(manager: EntityManager, id: string, login: string, secretHash: string): Promise<void> {
    await manager.query('INSERT INTO accounts (id, login, secret_hash) VALUES ($1, $2, $3)', [id, login, secretHash]);
  }

  /**
   * The account and its grants live at `now`. This runs on every authenticated request, so what the
   * database answers is kept for a second (ACCOUNT_CACHE_MS of wall time): a ballot surge then costs
   * no query per ballot. Every change of grants made here drops it at once; a change made by another
   * process is seen within that second. Expiry is applied at `now`, so a term ends on time regardless.
   */
  async accountWithGrants(accountId: string, now: Date): Promise<{ login: string; grants: Grant[] } | null> {
    const account = await this.heldGrants(accountId);
    if (!account) return null;
    const live = account.grants.filter((g) => g.expiresAt === null || g.expiresAt > now);
    return { login: account.login, grants: live.map(({ expiresAt: _expires, ...grant }) => grant) };
  }

  private heldGrants(accountId: string): Promise<CachedAccount | null> {
    // The database answers a uuid in lower case, whatever case it was asked in.
    accountId = accountId.toLowerCase();
    const cached = this.accounts.get(accountId);
    if (cached && performance.now() - cached.readAt < ACCOUNT_CACHE_MS) return Promise.resolve(cached.account);
    // Not an account id of ours (none reaches here today): read alone, so its failure is its own.
    if (!ACCOUNT_ID.test(accountId)) return this.readAccounts([accountId]).then((read) => read.get(accountId) ?? null);
    return new Promise((resolve, reject) => {
      const waiters = this.toRead.get(accountId);
      if (waiters) waiters.push({ resolve, reject });
      else this.toRead.set(accountId, [{ resolve, reject }]);
      if (!this.reading) void this.readWaiting();
    });
  }

  /**
   * One read of accounts at a time; the accounts missed meanwhile wait and are read together in the next.
   * The cache of every account is a second old at the same moment during a ballot surge, so each second
   * brought as many queries at once as there were voters, each on a pool connection of its own (the pool
   * grew for them, then dropped them idle): now it brings one or two. A read is never shared with a
   * request that came after a change of grants: that request waits for the next read, which begins later.
   */
  private async readWaiting(): Promise<void> {
    this.reading = true;
    try {
      while (this.toRead.size) {
        const batch = [...this.toRead].slice(0, ACCOUNTS_PER_READ);
        for (const [id] of batch) this.toRead.delete(id);
        try {
          const read = await this.readAccounts(batch.map(([id]) => id));
          for (const [id, waiters] of batch) for (const w of waiters) w.resolve(read.get(id) ?? null);
        } catch (error) {
          for (const [, waiters] of batch) for (const w of waiters) w.reject(error);
        }
      }
    } finally {
      this.reading = false;
    }
  }

  /** The accounts named and their grants, as the database holds them now; each kept for ACCOUNT_CACHE_MS. */
  private async readAccounts(accountIds: string[]): Promise<Map<string, CachedAccount>> {
    const generation = this.generation;
    const readAt = performance.now();
    const found = await rows<AccountGrantRow & { id: string }>(
      this.dataSource,
      `SELECT a.id, a.login, g.role, g.community_id, g.subject_id, g.expires_at, g.district, g.street, g.activated_by FROM accounts a
       LEFT JOIN account_grants g ON g.account_id = a.id AND g.revoked_at IS NULL
       WHERE a.id = ANY($1::uuid[]) ORDER BY g.id`,
      [accountIds],
    );
    const read = new Map<string, CachedAccount>();
    for (const r of found) {
      let account = read.get(r.id);
      if (!account) read.set(r.id, (account = { login: r.login, grants: [] }));
      if (r.role)
        account.grants.push({
          role: r.role,
          communityId: r.community_id,
          subjectId: r.subject_id,
          ...optionalParts(r),
          expiresAt: r.expires_at,
        });
    }
    // A change committed while this read ran may be missing from it: keep it only if none happened.
    if (generation === this.generation) {
      if (this.accounts.size + read.size > ACCOUNT_CACHE_SIZE) this.accounts.clear();
      for (const [id, account] of read) this.accounts.set(id, { account, readAt });
    }
    return read;
  }

  /** After any change of accounts or grants has committed. */
  private grantsChanged(): void {
    this.generation++;
    this.accounts.clear();
  }

  async addGrant(manager: EntityManager, accountId: string, grant: HeldGrant): Promise<void> {
    await manager.query(
      `INSERT INTO account_grants (account_id, role, community_id, subject_id, expires_at, district, street, activated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT DO NOTHING`,
      [
        accountId,
        grant.role,
        grant.communityId,
        grant.subjectId,
        grant.expiresAt ?? null,
        grant.district ?? null,
        grant.street ?? null,
        grant.activatedBy ?? null,
      ],
    );
  }

  /** An account that now stands for an owner takes the roles that owner holds (owner_roles). */
  async addRolesOfOwner(
    manager: EntityManager,
    accountId: string,
    communityId: string,
    ownerId: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO account_grants (account_id, role, community_id, subject_id, expires_at)
       SELECT $1, role, community_id, owner_id, expires_at FROM owner_roles WHERE community_id = $2 AND owner_id = $3
       ON CONFLICT DO NOTHING`,
      [accountId, communityId, ownerId],
    );
  }

  /**
   * A new preparatory group or PMC replaces the body appointed before it: those members' grants end, and
   * the codes of members who never activated are void. An elected committee's role follows owner ids
   * (owner_roles) and is not touched.
   */
  async endAppointedBody(communityId: string): Promise<void> {
    await this.transaction(async (db) => {
      const elected = `SELECT owner_id FROM owner_roles WHERE community_id = $1 AND role = 'committee'`;
      await db.query(
        `UPDATE account_grants SET revoked_at = now()
         WHERE role = 'committee' AND community_id = $1 AND revoked_at IS NULL AND (subject_id IS NULL OR subject_id NOT IN (${elected}))`,
        [communityId],
      );
      await db.query(
        `DELETE FROM activation_codes WHERE role = 'committee' AND community_id = $1 AND used_at IS NULL`,
        [communityId],
      );
    });
  }

  /**
   * Gives `role` in a community to exactly these owners until `expiresAt`: to every account standing
   * for them now, and to any that does later (addRolesOfOwner). Everyone else loses it, including the
   * appointed members of a preparatory group or PMC, whose grants name no owner.
   */
  async handRoleToOwners(
    communityId: string,
    role: 'committee',
    ownerIds: string[],
    expiresAt: Date | null,
  ): Promise<void> {
    await this.transaction(async (db) => {
      await db.query('DELETE FROM owner_roles WHERE community_id = $1 AND role = $2', [communityId, role]);
      await db.query(
        `INSERT INTO owner_roles (community_id, owner_id, role, expires_at) SELECT $1, owner_id, $2, $3 FROM unnest($4::text[]) AS owner_id`,
        [communityId, role, expiresAt, ownerIds],
      );
      await db.query(
        `UPDATE account_grants SET revoked_at = now()
         WHERE role = $2 AND community_id = $1 AND revoked_at IS NULL AND (subject_id IS NULL OR NOT (subject_id = ANY($3::text[])))`,
        [communityId, role, ownerIds],
      );
      // An owner who keeps the role (re-elected) keeps the live grant, with the new end.
      await db.query(
        `INSERT INTO account_grants (account_id, role, community_id, subject_id, expires_at)
         SELECT DISTINCT account_id, $2, community_id, subject_id, $4::timestamptz FROM account_grants
         WHERE role = 'owner' AND community_id = $1 AND subject_id = ANY($3::text[]) AND revoked_at IS NULL
         ON CONFLICT (account_id, role, coalesce(community_id, ''), coalesce(subject_id, '')) WHERE revoked_at IS NULL
         DO UPDATE SET expires_at = EXCLUDED.expires_at`,
        [communityId, role, ownerIds, expiresAt],
      );
    });
  }

  /**
   * Rule 33: an owner's new letter voids the old: every live grant that stands for the owner (the owner
   * grant and a committee role following it) ends, and any letter code not yet used is void. The
   * roles in owner_roles stay, so the account the new letter makes takes them again.
   */
  async voidOwnerAccess(communityId: string, ownerId: string): Promise<{ grantsEnded: number; codesVoided: number }> {
    return this.transaction(async (db) => {
      const grantsEnded = await affected(
        db,
        `UPDATE account_grants SET revoked_at = now() WHERE community_id = $1 AND subject_id = $2 AND role IN ('owner', 'committee') AND revoked_at IS NULL`,
        [communityId, ownerId],
      );
      const codesVoided = await affected(
        db,
        `UPDATE activation_codes SET voided_at = now() WHERE role = 'owner' AND community_id = $1 AND subject_id = $2 AND used_at IS NULL AND voided_at IS NULL`,
        [communityId, ownerId],
      );
      return { grantsEnded, codesVoided };
    });
  }

  /**
   * Ends the grants of `role` in a community that stand for these subjects (the property company's
   * staff ids), and voids their codes not yet used: a removed staff member's account and letter both stop.
   */
  async endSubjects(
    communityId: string,
    role: Role,
    subjectIds: readonly string[],
  ): Promise<{ grantsEnded: number; codesVoided: number }> {
    if (subjectIds.length === 0) return { grantsEnded: 0, codesVoided: 0 };
    return this.transaction(async (db) => {
      const grantsEnded = await affected(
        db,
        `UPDATE account_grants SET revoked_at = now() WHERE community_id = $1 AND role = $2 AND subject_id = ANY($3::text[]) AND revoked_at IS NULL`,
        [communityId, role, subjectIds],
      );
      const codesVoided = await affected(
        db,
        `UPDATE activation_codes SET voided_at = now() WHERE community_id = $1 AND role = $2 AND subject_id = ANY($3::text[]) AND used_at IS NULL AND voided_at IS NULL`,
        [communityId, role, subjectIds],
      );
      return { grantsEnded, codesVoided };
    });
  }

  /** Which of these subjects' codes of `role` were turned into an account, and when. */
  async activations(communityId: string, role: Role, subjectIds: readonly string[]): Promise<Map<string, Date>> {
    if (subjectIds.length === 0) return new Map();
    const used = await rows<{ subject_id: string; used_at: Date }>(
      this.dataSource,
      `SELECT subject_id, used_at FROM activation_codes WHERE community_id = $1 AND role = $2 AND subject_id = ANY($3::text[]) AND used_at IS NOT NULL`,
      [communityId, role, subjectIds],
    );
    return new Map(used.map((r) => [r.subject_id, r.used_at]));
  }

  async anyAdmin(): Promise<boolean> {
    const admin = await firstRow(
      this.dataSource,
      "SELECT 1 FROM account_grants WHERE role = 'admin' AND revoked_at IS NULL LIMIT 1",
    );
    return admin !== undefined;
  }

  async storeCodes(codes: { codeHash: string; grant: PendingGrant }[]): Promise<void> {
    if (codes.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO activation_codes (code_hash, role, community_id, subject_id, label, grant_expires_at, district, street)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[])`,
      [
        codes.map((c) => c.codeHash),
        codes.map((c) => c.grant.role),
        codes.map((c) => c.grant.communityId),
        codes.map((c) => c.grant.subjectId),
        codes.map((c) => c.grant.label),
        codes.map((c) => c.grant.expiresAt ?? null),
        codes.map((c) => c.grant.district ?? null),
        codes.map((c) => c.grant.street ?? null),
      ],
    );
  }

  /** Marks the code used and returns its grant, or null if unknown or already used; atomic. */
  async consumeCode(manager: EntityManager, codeHash: string, accountId: string): Promise<HeldGrant | null> {
    const [row] = await returning<CodeGrantRow>(
      manager,
      `UPDATE activation_codes SET used_at = now(), used_by = $2 WHERE code_hash = $1 AND used_at IS NULL AND voided_at IS NULL
       RETURNING role, community_id, subject_id, grant_expires_at, district, street`,
      [codeHash, accountId],
    );
    if (!row) return null;
    return {
      role: row.role,
      communityId: row.community_id,
      subjectId: row.subject_id,
      expiresAt: row.grant_expires_at,
      ...optionalParts({ ...row, activated_by: null }),
    };
  }

  /** Whether the code exists and is unused, without spending it. */
  async codeUnused(codeHash: string): Promise<boolean> {
    const unused = await firstRow(
      this.dataSource,
      'SELECT 1 FROM activation_codes WHERE code_hash = $1 AND used_at IS NULL AND voided_at IS NULL',
      [codeHash],
    );
    return unused !== undefined;
  }

  /** A stronger hash of the same secret; only if the stored one is still the one that was checked. */
  async replaceSecretHash(accountId: string, checked: string, stronger: string): Promise<void> {
    await this.dataSource.query('UPDATE accounts SET secret_hash = $3 WHERE id = $1 AND secret_hash = $2', [
      accountId,
      checked,
      stronger,
    ]);
  }

  /** Every change of accounts and grants goes through here, so the cache of accountWithGrants hears of it. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } finally {
      this.grantsChanged();
    }
  }
}
