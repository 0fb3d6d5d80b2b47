import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { ApiError } from '../platform/http/error-response.js';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config.js';
import { ServerKeys } from '../platform/keys/server-keys.js';
import { IdentityRepository } from './identity.repository.js';

const ISSUER = 'gongzhi';
/** Account ids are UUIDs (the accounts table's key). */
const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Tokens of our own whose signature was checked, kept so that each is checked once (see verify). */
const VERIFIED_TOKENS_KEPT = 20_000;

/** What jose checked once for a token of ours and what it must check again at every use: its time bounds. */
interface VerifiedToken {
  accountId: string;
  /** Seconds since the epoch, as in the token; absent when the token has none. */
  notBefore?: number;
  expiresAt?: number;
}

/**
 * Short-lived HS256 access tokens signed with a key from GONGZHI_TOKEN_SECRET or the key folder
 * (ServerKeys), never the database's. With OIDC configured, tokens of that issuer for this server's
 * audience are verified against its JWKS instead and mapped to the account with the same login, unless
 * that account administers: an administrator signs in here only, with its own secret.
 */
@Injectable()
export class TokenService {
  /** Imported once: importing the raw secret again for every request's check costs more than the check. */
  private key: Promise<CryptoKey> | null = null;
  private readonly jwks: JWTVerifyGetKey | null;
  /**
   * Each of our tokens comes back on every request of a session, and a ballot surge is the same few
   * hundred tokens over and over: the HMAC check through WebCrypto (a thread-pool job) and the parsing
   * were a tenth of a ballot's CPU. Whether the signature, header, issuer and subject are right depends
   * only on the token's text and our key, which never changes while the process runs; so a token that
   * passed is remembered by its exact text, and only the time checks (nbf, exp) run again. A token whose
   * time checks would fail is checked by jose in full, which gives the same refusal as before.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: IdentityRepository,
    private readonly keys: ServerKeys,
  ) {
    this.jwks = config.oidc ? createRemoteJWKSet(new URL(config.oidc.jwksUrl)) : null;
  }

  private signingKey(): Promise<CryptoKey> {
    this.key ??= crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(this.keys.tokenSecret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    return this.key;
  }

  async issue(accountId: string, login: string, now: Date): Promise<{ accessToken: string; expiresIn: number }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const accessToken = await new SignJWT({ login })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(accountId)
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.config.tokenTtlSeconds)
      .sign(await this.signingKey());
    return { accessToken, expiresIn: this.config.tokenTtlSeconds };
  }

  /** The account id behind a bearer token, or a 401 saying why not. */
  async verify(token: string, now: Date): Promise<string> {
    try {
      // Only tokens of our own issuer are kept, and a token's issuer is part of its text: no OIDC token is here.
      const known = this.verified.get(token);
      if (known && withinTime(known, now)) return known.accountId;
      const issuer = decodeIssuer(token);
      if (this.jwks && this.config.oidc && issuer === this.config.oidc.issuer)
        return await this.verifyExternal(token, now);
      const { payload } = await jwtVerify(token, await this.signingKey(), {
        issuer: ISSUER,
        algorithms: ['HS256'],
        currentDate: now,
      });
      // Only our own key signs these, but a leaked key must still not reach the uuid column with anything else.
      if (!payload.sub || !ACCOUNT_ID.test(payload.sub))
        throw new ApiError(401, 'INVALID_TOKEN', 'the token names no account');
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.clear();
      this.verified.set(token, { accountId: payload.sub, notBefore: payload.nbf, expiresAt: payload.exp });
      return payload.sub;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (error instanceof errors.JWTExpired)
        throw new ApiError(401, 'TOKEN_EXPIRED', 'the token has expired: sign in again');
      throw new ApiError(401, 'INVALID_TOKEN', 'the token is not valid: sign in again');
    }
  }

  private async verifyExternal(token: string, now: Date): Promise<string> {
    const oidc = this.config.oidc!;
    const { payload } = await jwtVerify(token, this.jwks!, {
      issuer: oidc.issuer,
      audience: oidc.audience,
      currentDate: now,
    });
    const login = payload[oidc.loginClaim];
    const account = typeof login === 'string' ? await this.repository.accountByLogin(login) : null;
    if (!account)
      throw new ApiError(
        401,
        'UNKNOWN_ACCOUNT',
        `no Gongzhi account has the login in the token's ${oidc.loginClaim} claim`,
      );
    // Whoever controls a claim at the issuer must not become an administrator here.
    const grants = (await this.repository.accountWithGrants(account.id, now))?.grants ?? [];
    if (account.login === this.config.adminLogin || grants.some((g) => g.role === 'admin')) {
      throw new ApiError(
        401,
        'ADMIN_NOT_BY_OIDC',
        'an administrator signs in with its login and secret (POST /api/v1/auth/token), never through an external identity',
      );
    }
    return account.id;
  }
}

/** jose's own time checks (jwt_claims_set.ts, no clock tolerance): not before nbf, and before exp. */
function withinTime(token: VerifiedToken, now: Date): boolean {
  const seconds = Math.floor(now.getTime() / 1000);
  return (
    (token.notBefore === undefined || token.notBefore <= seconds) &&
    (token.expiresAt === undefined || token.expiresAt > seconds)
  );
}

function decodeIssuer(token: string): string | null {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const iss = typeof payload === 'object' && payload !== null ? (payload as { iss?: unknown }).iss : undefined;
    return typeof iss === 'string' ? iss : null;
  } catch {
    return null;
  }
}
