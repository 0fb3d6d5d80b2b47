import type { ErrorCodeList } from '../platform/http/error-codes.js';

/** The identity context's refusals (codes it shares with a context listed earlier are listed there). */
export const IDENTITY_ERROR_CODES = {
  ACTIVATION_FAILED: {
    status: 400,
    text: 'The activation did not succeed: the code is wrong or was used already, or the login is taken and the secret is not its own. Check the code, or choose another login.',
  },
  ADMIN_NOT_BY_OIDC: {
    status: 401,
    text: 'An administrator signs in with their own login and secret, never through an external identity.',
  },
  COMMUNITY_NOT_FOUND: { status: 404, text: 'No such community; check the link.' },
  COMMUNITY_REQUIRED: { status: 400, text: 'Choose the community the auditor is invited for.' },
  DISTRICT_REQUIRED: { status: 400, text: 'A street needs its district.' },
  INVALID_CREDENTIALS: { status: 401, text: 'The login or password is wrong.' },
  INVALID_TOKEN: { status: 401, text: 'Your sign-in is no longer valid; sign in again.' },
  SCOPE_NOT_ALLOWED: { status: 400, text: 'Only a regulator’s account is scoped to a district and street.' },
  STATEMENT_NOT_ALLOWED: { status: 400, text: 'Only an auditor is invited for a statement.' },
  STATEMENT_NOT_FOUND: { status: 404, text: 'No such statement.' },
  TOKEN_EXPIRED: { status: 401, text: 'Your sign-in has expired; sign in again.' },
  TOO_MANY_SIGN_IN_ATTEMPTS: { status: 429, text: 'Too many failed sign-ins; try again later.' },
  UNKNOWN_ACCOUNT: { status: 401, text: 'No Gongzhi account belongs to this sign-in.' },
} as const satisfies ErrorCodeList;

export type IdentityErrorCode = keyof typeof IDENTITY_ERROR_CODES;
