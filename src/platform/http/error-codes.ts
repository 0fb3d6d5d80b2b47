/** A refusal's HTTP status and what it means, in English (the portal words its own, in Chinese and English). */
export interface ErrorCodeEntry {
  readonly status: number;
  readonly text: string;
}

/** A context's refusals by code: each code is listed once, by the context that first defines it. */
export type ErrorCodeList = Readonly<Record<string, ErrorCodeEntry>>;

/** The HTTP edge's refusals, a code for each bare status, and the shared kernel's (quantities, times). */
export const PLATFORM_ERROR_CODES = {
  BAD_REQUEST: { status: 400, text: 'Something in the request is wrong; check it and try again.' },
  CONCURRENCY_CONFLICT: { status: 409, text: 'Someone else changed this at the same moment; try again.' },
  CONFLICT: { status: 409, text: 'This cannot be done in the current state; reload the page.' },
  DUPLICATE_COLUMN: { status: 400, text: 'A column appears twice: remove one and import again.' },
  EXPECTED_XLSX: { status: 400, text: 'Upload an .xlsx spreadsheet saved from Excel or WPS.' },
  FORBIDDEN: { status: 403, text: 'You may not do this.' },
  IDEMPOTENCY_CONFLICT: { status: 409, text: 'This was already done differently; reload the page.' },
  IDEMPOTENCY_KEY_IN_PROGRESS: { status: 409, text: 'The same request is still being carried out; wait a moment.' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    text: 'This submission clashes with an earlier one; reload the page and fill it in again.',
  },
  INTERNAL_ERROR: {
    status: 500,
    text: 'The server hit an unexpected error and logged it. Try again later; contact support if it persists.',
  },
  INVALID_AMOUNT: { status: 400, text: 'Enter the amount in yuan with at most two decimals, e.g. 1200.50.' },
  INVALID_AREA: { status: 400, text: 'Enter the area in m² with at most two decimals.' },
  INVALID_CHARACTER: { status: 400, text: 'The text contains a character that cannot be stored; remove it.' },
  INVALID_IDEMPOTENCY_KEY: { status: 400, text: 'The submission went wrong; reload the page and try again.' },
  INVALID_RATIO: { status: 400, text: 'The ratio is not valid.' },
  INVALID_TIME: { status: 400, text: 'A date or time is not valid; enter it again.' },
  MALFORMED_CSV: { status: 400, text: 'The file is not valid CSV: a quote is never closed.' },
  MALFORMED_XLSX: {
    status: 400,
    text: 'The file is not a readable .xlsx workbook; save it from Excel or WPS as .xlsx and upload it again.',
  },
  MALFORMED_JSON: { status: 400, text: 'The submission went wrong; reload the page and try again.' },
  METHOD_NOT_ALLOWED: { status: 405, text: 'This is not supported.' },
  MISSING_COLUMN: { status: 400, text: "The file lacks a required column; use the template's header." },
  NOT_FOUND: { status: 404, text: 'Not found; check the link.' },
  OUTSIDE_JURISDICTION: { status: 403, text: 'This community is outside your district or street.' },
  PAYLOAD_TOO_LARGE: { status: 413, text: 'Too much at once; send it in parts.' },
  PROJECTIONS_BEHIND: { status: 503, text: 'The figures are being updated; try again shortly.' },
  PROJECTION_STALLED: {
    status: 503,
    text: 'This community’s pages cannot be brought up to date just now; support has been alerted. What you did is saved.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    text: 'The server cannot reach its database right now; try again (a retry never records twice).',
  },
  TOO_DEEPLY_NESTED: { status: 400, text: 'The submission went wrong; reload the page and try again.' },
  TOO_MANY_ITEMS: { status: 400, text: 'Too many lines at once; send them in parts.' },
  TOO_MANY_KEYS: { status: 400, text: 'The request holds too many fields: send it in parts.' },
  TOO_MANY_REQUESTS: { status: 429, text: 'Too many requests; try again shortly.' },
  UNAUTHENTICATED: { status: 401, text: 'Sign in first.' },
  UNPROCESSABLE: { status: 422, text: 'The request cannot be processed; check it and try again.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, text: 'The file type is not accepted.' },
  VALIDATION_FAILED: { status: 400, text: 'Some fields are not in the right form; check the ones named.' },
  XLSX_TOO_LARGE: {
    status: 413,
    text: 'The spreadsheet unpacks to more than 100 MB or 10,000 parts, or is packed unusually tightly; split it.',
  },
} as const satisfies ErrorCodeList;

export type PlatformErrorCode = keyof typeof PLATFORM_ERROR_CODES;

/** The OpenAPI document's part that names every refusal: where a client finds the codes it may branch on. */
interface DocumentedComponents {
  components?: { schemas?: Record<string, unknown> };
}

/**
 * Adds the catalogue to an OpenAPI document: an `ErrorCode` schema (the codes as an enum, and under
 * `x-error-codes` each code's status and English text) and the `ErrorBody` every refusal answers.
 */
export function documentErrorCodes<D extends DocumentedComponents>(document: D, catalogue: ErrorCodeList): D {
  const codes = Object.keys(catalogue).sort();
  const schemas = ((document.components ??= {}).schemas ??= {});
  schemas.ErrorCode = {
    type: 'string',
    description: 'The stable code of a refusal (API.md, "Errors"): branch on it, never on the message.',
    enum: codes,
    'x-error-codes': codes.map((code) => ({ code, status: catalogue[code].status, text: catalogue[code].text })),
  };
  schemas.ErrorBody = {
    type: 'object',
    required: ['statusCode', 'code', 'message'],
    properties: {
      statusCode: { type: 'integer' },
      code: { $ref: '#/components/schemas/ErrorCode' },
      message: { type: 'string', description: 'What went wrong and what to do, for a person.' },
      details: { type: 'object', additionalProperties: true },
    },
  };
  return document;
}
