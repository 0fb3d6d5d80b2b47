import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError } from '../../../libs/domain/shared/domain-error.js';
import { EventIdConflictError, EventStoreUnavailableError } from '../../../libs/event-store/event-store.js';

/** The error body of API.md: a stable `code` to branch on and a `message` for a person. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** An HTTP-level refusal with a stable code, for the edge (auth, validation, idempotency). */
export class ApiError extends HttpException {
  constructor(status: number, readonly code: string, message: string, readonly details?: Record<string, unknown>) {
    super({ statusCode: status, code, message, ...(details ? { details } : {}) }, status);
  }
}

const KIND_STATUS = { invalid: 400, not_found: 404, conflict: 409, forbidden: 403 } as const;

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** PostgreSQL and network failures that mean "the database is not there right now". */
function isUnavailable(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) return true;
  const e = error as { code?: string; message?: string };
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300', '08006', '08001', '08003'].includes(e?.code ?? '') ||
    /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i.test(e?.message ?? '')
  );
}

export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) {
    return { statusCode: KIND_STATUS[error.kind], code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  }
  if (error instanceof HttpException) {
    // Nest wraps body-parser's failures in a BadRequestException; the cause says which.
    const cause = (error as { cause?: { type?: string; message?: string } }).cause;
    if (cause?.type === 'entity.parse.failed') return { statusCode: 400, code: 'MALFORMED_JSON', message: `the body is not valid JSON: ${cause.message}` };
    if (cause?.type === 'entity.too.large') return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' };
    const status = error.getStatus();
    const response = error.getResponse();
    if (typeof response === 'object' && response && 'code' in response) return response as ErrorBody;
    const message =
      typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
    if (status === 413) return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' };
    return { statusCode: status, code: STATUS_CODES[status] ?? `HTTP_${status}`, message };
  }
  const e = error as { type?: string; status?: number; message?: string };
  // body-parser's errors carry a status and a type rather than being HttpExceptions.
  if (e?.type === 'entity.too.large') return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' };
  if (e?.type === 'entity.parse.failed') return { statusCode: 400, code: 'MALFORMED_JSON', message: `the body is not valid JSON: ${e.message}` };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return { statusCode: e.status, code: STATUS_CODES[e.status] ?? `HTTP_${e.status}`, message: e.message ?? 'bad request' };
  }
  if (error instanceof EventIdConflictError) {
    return { statusCode: 409, code: 'IDEMPOTENCY_CONFLICT', message: 'this request was already carried out differently; use a new Idempotency-Key' };
  }
  if (isUnavailable(error)) {
    return { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'the database cannot be reached right now; nothing was written, please retry shortly' };
  }
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL_ERROR', message: 'an unexpected error occurred; it has been logged' };
}
