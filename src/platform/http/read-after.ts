import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE } from '../auth/public.decorator.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PublicReads } from '../database/public-reads.js';
import { ProjectionProgress } from '../projections/projection-progress.js';
import { ApiError } from './error-response.js';

/** Every GET accepts ?after=<position> (API.md); query DTOs extend this so validation lets it through. */
export class ReadQueryDto {
  @ApiPropertyOptional({ description: 'wait until the read models have applied this position (at most 5 s)' })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'after must be a position: digits only, as a write answered it' })
  after?: string;
}

/**
 * A standby more than this behind a read's ?after= is not waited for: the primary has the answer now.
 * Replication on a healthy pair is milliseconds behind.
 */
const STANDBY_WAIT_MS = 1000;

/**
 * Read-your-writes: a GET with ?after= waits for projections, or answers 503 with Retry-After. It also says
 * which copy of the read models a GET reads: a public one goes to the standby when GONGZHI_PUBLIC_READS=standby,
 * and back to the primary when the standby has not reached the position the reader asked for.
 */
@Injectable()
export class ReadAfterInterceptor implements NestInterceptor {
  constructor(
    private readonly progress: ProjectionProgress,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly publicReads: PublicReads,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const after = request.method === 'GET' ? request.query.after : undefined;
    const onStandby =
      request.method === 'GET' &&
      this.publicReads.enabled &&
      this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]) === true;
    if (onStandby) this.publicReads.route();
    if (after !== undefined) {
      if (typeof after !== 'string' || !/^\d{1,20}$/.test(after)) {
        throw new ApiError(400, 'VALIDATION_FAILED', 'after must be a position: digits only, as a write answered it');
      }
      if (!(await this.progress.waitFor(BigInt(after), this.config.afterWaitMs))) {
        context.switchToHttp().getResponse<Response>().setHeader('Retry-After', '1');
        throw new ApiError(
          503,
          'PROJECTIONS_BEHIND',
          `the read models have not reached position ${after} yet; retry in a moment`,
        );
      }
      if (onStandby && !(await this.standbyReached(BigInt(after)))) this.publicReads.unroute();
      // Passed by the checkpoint, yet never applied: the community's read models stopped before it.
      const communityId = typeof request.params?.cid === 'string' ? request.params.cid : null;
      const stalled = communityId ? await this.progress.stalledAt(communityId) : null;
      if (stalled !== null && stalled <= BigInt(after)) {
        throw new ApiError(
          503,
          'PROJECTION_STALLED',
          `the read models of this community stopped at position ${stalled}, at an event they could not apply, and do not show position ${after}; an operator must resume them (gongzhi projections resume)`,
        );
      }
    }
    return next.handle();
  }

  /** Whether the standby's read models reached `position` within a second; a standby that cannot say has not. */
  private async standbyReached(position: bigint): Promise<boolean> {
    try {
      return await this.progress.waitFor(position, STANDBY_WAIT_MS, this.publicReads.sql);
    } catch {
      return false;
    }
  }
}
