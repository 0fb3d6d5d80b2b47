import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { from, lastValueFrom, type Observable, of } from 'rxjs';
import { DataSource } from 'typeorm';
import type { GongzhiRequest } from '../auth/request-context.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { firstRow, rows } from '../database/rows.js';
import { EXPIRED } from './idempotency-expiry.js';
import { ApiError, type ErrorBody, toErrorBody } from './error-response.js';

/** idempotency_records: a key's request, and once carried out its answer (timestamptz as Date). */
interface IdempotencyRow {
  account_id: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: unknown;
  started_at: Date;
  completed_at: Date | null;
  first_used_at: Date | null;
}

/** The window's start as it names the command (command-context.ts), or null for a record older than windows. */
export const windowOf = (firstUsedAt: Date | null): string | null =>
  firstUsedAt ? new Date(firstUsedAt).toISOString() : null;

/** A request whose key was taken this long ago and never answered (a crash) may be tried again. */
const ABANDONED_AFTER_MS = 30_000;

/**
 * API.md: the same Idempotency-Key with the same body answers the first answer again and appends
 * nothing; with another body it is a 422. Keys are per account. The event ids of the command are
 * derived from the key as well (command-context.ts), so even a retry after a lost answer appends nothing twice.
 * A key is remembered for GONGZHI_IDEMPOTENCY_TTL_HOURS from its first use: after that it is a new
 * request (IdempotencyRecordExpiry deletes what is that old).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly log = new Logger('Idempotency');

  constructor(
    private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<GongzhiRequest>();
    const key = request.header('idempotency-key');
    if (!key || request.method === 'GET' || !request.principal) return next.handle();
    if (!/^[\x21-\x7e]{1,200}$/.test(key))
      throw new ApiError(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1–200 visible ASCII characters');
    const accountId = request.principal.accountId;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n`)
      .update(typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? null))
      .digest('hex');

    const claimed = await this.claim(accountId, key, requestHash);
    if (!('window' in claimed)) {
      http.getResponse<Response>().setHeader('Idempotent-Replayed', 'true');
      if (claimed.statusCode >= 400) {
        const refusal = claimed.body as ErrorBody;
        throw new ApiError(claimed.statusCode, refusal.code, refusal.message, refusal.details);
      }
      return of(claimed.body);
    }
    request.idempotencyWindow = claimed.window;
    const status =
      this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    return from(this.runAndRecord(next, accountId, key, status));
  }

  private async runAndRecord(next: CallHandler, accountId: string, key: string, status: number): Promise<unknown> {
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      const answer = toErrorBody(error);
      // A refusal is the answer to this request; a server failure is not, so the key is freed for a retry.
      if (answer.statusCode < 500) await this.complete(accountId, key, answer.statusCode, answer);
      // Freed for a retry at once, but within the same window, so the retry is the same command (its events, if stored, are answered).
      else
        await this.dataSource
          .query('UPDATE idempotency_records SET started_at = to_timestamp(0) WHERE account_id = $1 AND key = $2', [
            accountId,
            key,
          ])
          .catch(() => {});
      throw error;
    }
    // The command is done and durable: its answer stands even if recording it fails (the database going
    // away just now). A retry then runs it again once the key is abandoned, and the command path answers
    // the events it stored (EventSourcing.answerAsStored) — never a 503 for a request that was carried out.
    await this.complete(accountId, key, status, body ?? null).catch((error: Error) =>
      this.log.warn(`answer to Idempotency-Key not recorded: ${error.message}`),
    );
    return body;
  }

  private async claim(
    accountId: string,
    key: string,
    requestHash: string,
  ): Promise<{ window: string | null } | { statusCode: number; body: unknown }> {
    // An expired record is forgotten here, not only by the sweep: its key is new from the moment it expires.
    await this.dataSource.query(
      `DELETE FROM idempotency_records WHERE account_id = $1 AND key = $2 AND ${EXPIRED('$3')}`,
      [accountId, key, this.config.idempotencyTtlMs / 1000],
    );
    const [inserted] = await rows<Pick<IdempotencyRow, 'first_used_at'>>(
      this.dataSource,
      `INSERT INTO idempotency_records (account_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING first_used_at`,
      [accountId, key, requestHash],
    );
    if (inserted) return { window: windowOf(inserted.first_used_at) };
    const record = await firstRow<Omit<IdempotencyRow, 'account_id' | 'key' | 'completed_at'>>(
      this.dataSource,
      'SELECT request_hash, status_code, response, started_at, first_used_at FROM idempotency_records WHERE account_id = $1 AND key = $2',
      [accountId, key],
    );
    if (!record) return this.claim(accountId, key, requestHash);
    if (record.request_hash !== requestHash) {
      throw new ApiError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        'this Idempotency-Key was used for a different request; use a new key for a new request',
      );
    }
    if (record.status_code !== null) return { statusCode: record.status_code, body: record.response };
    if (Date.now() - new Date(record.started_at).getTime() < ABANDONED_AFTER_MS) {
      throw new ApiError(
        409,
        'IDEMPOTENCY_KEY_IN_PROGRESS',
        'a request with this Idempotency-Key is still being carried out; retry in a moment',
      );
    }
    await this.dataSource.query(
      'UPDATE idempotency_records SET started_at = now() WHERE account_id = $1 AND key = $2',
      [accountId, key],
    );
    return { window: windowOf(record.first_used_at) };
  }

  private async complete(accountId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      'UPDATE idempotency_records SET status_code = $3, response = $4, completed_at = now() WHERE account_id = $1 AND key = $2',
      [accountId, key, status, JSON.stringify(body)],
    );
  }
}
