import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Response } from 'express';
import { ApiError } from '../platform/http/error-response.js';

/** The throttler guard of sign-in and activation, refusing in the API's error shape with a plain Retry-After. */
@Injectable()
export class SignInGuard extends ThrottlerGuard {
  // Declared here rather than inherited: the package names its own copy of Reflector, which under Jest on
  // Node < 24.9 is a CommonJS copy (jest.config.js) that the application's injector does not know.
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const wait = Math.max(1, detail.timeToBlockExpire);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(wait));
    throw new ApiError(
      429,
      'TOO_MANY_SIGN_IN_ATTEMPTS',
      `too many failed attempts from your address; try again in ${wait} seconds`,
      { retryAfterSeconds: wait },
    );
  }
}
