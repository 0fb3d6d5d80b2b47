import type { ErrorCodeList } from '../platform/http/error-codes.js';

/** The transparency context's refusals (codes it shares with a context listed earlier are listed there). */
export const TRANSPARENCY_ERROR_CODES = {
  CHECKPOINT_INCONSISTENT: {
    status: 409,
    text: 'The log does not extend its signed checkpoint; the server refuses to sign. Contact support at once.',
  },
  CHECKPOINT_NOT_DERIVED: {
    status: 409,
    text: 'The log does not match the stored records, so the server refused to sign. Contact technical support now.',
  },
  CHECKPOINT_NOT_FOUND: { status: 404, text: "This community's log has no signed checkpoint yet; try again later." },
  CHECKPOINT_NOT_NEWER: { status: 409, text: 'A checkpoint already covers these records.' },
  EVENT_NOT_IN_LOG: { status: 404, text: 'This record is not in the public log yet; verify again later.' },
  EVENT_NOT_IN_TREE: { status: 409, text: 'No signed checkpoint covers this record yet; verify again later.' },
  LOG_DIVERGED: {
    status: 409,
    text: 'The public log disagrees with its signed checkpoint. Tell the street office and support at once.',
  },
  TREE_SIZE_OUT_OF_RANGE: { status: 400, text: 'The range to verify is not valid; verify again.' },
} as const satisfies ErrorCodeList;

export type TransparencyErrorCode = keyof typeof TRANSPARENCY_ERROR_CODES;
