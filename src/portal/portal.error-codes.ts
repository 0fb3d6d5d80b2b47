import type { ErrorCodeList } from '../platform/http/error-codes.js';

/** The portal context's refusals (codes it shares with a context listed earlier are listed there). */
export const PORTAL_ERROR_CODES = {
  QR_TEXT_INVALID: { status: 400, text: 'The QR code text is empty or too long to draw.' },
} as const satisfies ErrorCodeList;

export type PortalErrorCode = keyof typeof PORTAL_ERROR_CODES;
