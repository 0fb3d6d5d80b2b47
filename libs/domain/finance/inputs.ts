import { invalid } from '../shared/domain-error.js';
import { MAX_FEN } from '../shared/quantities.js';
import { SHA256 } from '../shared/evidence.js';
import { timeOf } from '../shared/time.js';

/** A business date (receivedAt, paidAt): real, and not in the future of the command's `now`. */
export function pastTime(value: Date, name: string, now: Date): string {
  const ms = timeOf(value, name);
  // Books record what happened; a payment dated tomorrow would let a statement show money not yet moved.
  if (ms > now.getTime())
    throw invalid('TIME_IN_FUTURE', `${name} ${value.toISOString()} is later than now (${now.toISOString()})`);
  return value.toISOString();
}

export function sha256Of(value: string | undefined | null, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (!SHA256.test(value))
    throw invalid('INVALID_SHA256', `${name} must be a SHA-256 as 64 lowercase hexadecimal characters`);
  return value;
}

export function requiredText(value: string, name: string, max: number): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (!trimmed) throw invalid('TEXT_REQUIRED', `${name} must not be empty`);
  if (trimmed.length > max) throw invalid('TEXT_TOO_LONG', `${name} is longer than ${max} characters`);
  return trimmed;
}

/** An amount of money a command moves: more than zero, below the maximum (rule 18). */
export function movedAmount(fen: bigint, what = 'the amount'): bigint {
  if (typeof fen !== 'bigint' || fen <= 0n || fen >= MAX_FEN)
    throw invalid('INVALID_AMOUNT', `${what} must be more than 0 and below the maximum`);
  return fen;
}
