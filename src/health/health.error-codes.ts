import type { ErrorCodeList } from '../platform/http/error-codes.js';

/** The health context's refusals (codes it shares with a context listed earlier are listed there). */
export const HEALTH_ERROR_CODES = {
  NOT_READY: { status: 503, text: 'The server is starting; try again shortly.' },
} as const satisfies ErrorCodeList;

export type HealthErrorCode = keyof typeof HEALTH_ERROR_CODES;
