import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { toErrorBody } from './error-response.js';

/** However the body that provoked it was made, an error answer stays this short: it never echoes a request back. */
const MAX_MESSAGE = 1000;

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const answer = toErrorBody(error);
    const body =
      answer.message.length > MAX_MESSAGE ? { ...answer, message: `${answer.message.slice(0, MAX_MESSAGE)}…` } : answer;
    if (body.statusCode >= 500 && body.statusCode !== 503) this.log.error((error as Error)?.stack ?? String(error));
    if (body.statusCode === 503) response.setHeader('Retry-After', '1');
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }
}
