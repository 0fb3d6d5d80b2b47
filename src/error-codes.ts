import { type ErrorCodeList, PLATFORM_ERROR_CODES } from './platform/http/error-codes.js';
import { IDENTITY_ERROR_CODES } from './identity/identity.error-codes.js';
import { REGISTRY_ERROR_CODES } from './registry/registry.error-codes.js';
import { VOTING_ERROR_CODES } from './voting/voting.error-codes.js';
import { ELECTIONS_ERROR_CODES } from './elections/elections.error-codes.js';
import { FINANCE_ERROR_CODES } from './finance/finance.error-codes.js';
import { TRANSPARENCY_ERROR_CODES } from './transparency/transparency.error-codes.js';
import { PORTAL_ERROR_CODES } from './portal/portal.error-codes.js';
import { HEALTH_ERROR_CODES } from './health/health.error-codes.js';
import { SERVICES_ERROR_CODES } from './services/services.error-codes.js';

/**
 * Every refusal the server can answer, gathered from each context's list at the composition root (the OpenAPI
 * document lists them). A new module lists its codes in src/<module>/<module>.error-codes.ts and adds one line here.
 */
export const CONTEXT_ERROR_CODES = {
  platform: PLATFORM_ERROR_CODES,
  identity: IDENTITY_ERROR_CODES,
  registry: REGISTRY_ERROR_CODES,
  voting: VOTING_ERROR_CODES,
  elections: ELECTIONS_ERROR_CODES,
  finance: FINANCE_ERROR_CODES,
  transparency: TRANSPARENCY_ERROR_CODES,
  portal: PORTAL_ERROR_CODES,
  health: HEALTH_ERROR_CODES,
  services: SERVICES_ERROR_CODES,
} as const satisfies Record<string, ErrorCodeList>;

/** Any code of any context. */
export type ErrorCode = {
  [Context in keyof typeof CONTEXT_ERROR_CODES]: keyof (typeof CONTEXT_ERROR_CODES)[Context];
}[keyof typeof CONTEXT_ERROR_CODES];

export const ERROR_CODES: ErrorCodeList = Object.assign({}, ...Object.values(CONTEXT_ERROR_CODES)) as ErrorCodeList;
