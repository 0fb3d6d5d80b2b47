/**
 * A rule of DOMAIN.md refused a command. `code` is the stable UPPER_SNAKE name clients branch on;
 * `kind` tells the HTTP edge which status family it belongs to, so the domain never speaks HTTP.
 */
export type DomainErrorKind =
  | 'invalid' // the command itself is malformed or breaks a rule whatever the state (400/422)
  | 'not_found' // it names something that does not exist (404)
  | 'conflict' // the state forbids it now (409)
  | 'forbidden'; // the actor may not do this (403)

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'conflict',
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 'invalid', details);
export const notFound = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 'not_found', details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 'conflict', details);
export const forbidden = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 'forbidden', details);
