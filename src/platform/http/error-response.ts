import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError } from '@gongzhi/domain/shared/domain-error.js';
import { EventIdConflictError, EventStoreUnavailableError } from '@gongzhi/event-store/event-store.js';
import { isConnectionFailure } from '@gongzhi/event-store/postgres/errors.js';

/** The error body of API.md: a stable `code` to branch on and a `message` for a person. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** An HTTP-level refusal with a stable code, for the edge (auth, validation, idempotency). */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
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

/**
 * PostgreSQL and network failures that mean "the database is not there right now": the event store's
 * own test, also for the read models' queries (TypeORM copies the driver's code onto its error), and
 * TypeORM's refusal to go on in a transaction whose connection the database just ended.
 */
function isUnavailable(error: unknown): boolean {
  return (
    error instanceof EventStoreUnavailableError ||
    isConnectionFailure(error) ||
    (error as Error)?.name === 'QueryRunnerAlreadyReleasedError'
  );
}

export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) {
    return {
      statusCode: KIND_STATUS[error.kind],
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    };
  }
  if (error instanceof HttpException) {
    // Nest wraps body-parser's failures in a BadRequestException; the cause says which.
    const cause = (error as { cause?: { type?: string; message?: string } }).cause;
    if (cause?.type === 'entity.parse.failed')
      return { statusCode: 400, code: 'MALFORMED_JSON', message: `the body is not valid JSON: ${cause.message}` };
    if (cause?.type === 'entity.too.large')
      return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' };
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
  if (e?.type === 'entity.too.large')
    return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' };
  if (e?.type === 'entity.parse.failed')
    return { statusCode: 400, code: 'MALFORMED_JSON', message: `the body is not valid JSON: ${e.message}` };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return {
      statusCode: e.status,
      code: STATUS_CODES[e.status] ?? `HTTP_${e.status}`,
      message: e.message ?? 'bad request',
    };
  }
  if (error instanceof EventIdConflictError) {
    return {
      statusCode: 409,
      code: 'IDEMPOTENCY_CONFLICT',
      message: 'this request was already carried out differently; use a new Idempotency-Key',
    };
  }
  if (isUnavailable(error)) {
    // Not "nothing was written": a commit whose reply the lost connection swallowed is written.
    return {
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      message:
        'the database cannot be reached right now; please retry shortly (a retry with the same Idempotency-Key never applies a request twice)',
    };
  }
  return {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    code: 'INTERNAL_ERROR',
    message: 'an unexpected error occurred; it has been logged',
  };
}
